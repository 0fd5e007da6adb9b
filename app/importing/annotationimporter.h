#pragma once

#include "core/result.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

class LibraryStore;
class LibraryWriter;

/// What an import of annotations did, counted so that nothing goes missing without a word:
/// every annotation or coding the file holds is added, recognised as there already, kept as
/// an orphan, or not placed, and each of the last two has a line in `problems`.
struct AnnotationImportReport
{
    QString kind; ///< "W3C Web Annotation", "Hypothesis", "REFI-QDA project (ATLAS.ti 8.4)"
    int found = 0; ///< annotations or codings in the file
    int added = 0;
    int duplicates = 0; ///< already in the library (what they lacked was added)
    int orphaned = 0; ///< their article was found but not their text: kept to re-attach
    int notPlaced = 0; ///< not imported at all
    int unmatched = 0; ///< of those, no article in the library has their document
    // A project's sources and codebook.
    int sources = 0;
    int sourcesMatched = 0; ///< the same text was in the library already
    int sourcesAdded = 0;
    int sourcesMissing = 0; ///< their text is not in the archive or on disk
    int codes = 0;
    int codesAdded = 0;
    QStringList problems; ///< one line for each annotation not placed or orphaned
    QStringList notes; ///< worth knowing: how positions were counted, what was not read

    QString countsLine() const;
    bool everythingPlaced() const { return notPlaced == 0 && orphaned == 0; }
};

Q_DECLARE_METATYPE(AnnotationImportReport)

/// What the user can say about an import beyond the file.
struct AnnotationImportOptions
{
    /// Web annotations go onto this article, whatever document they name (a page saved from
    /// an address the annotations do not use); 0: matched by their documents.
    qint64 article = 0;
    /// A folder to look in for a project's source files that are neither in the archive nor
    /// where the project says (ATLAS.ti exports them beside it, or not at all).
    QString sourcesFolder;
};

/// Brings annotations in from other tools and back from Gloss's own exports:
/// - web annotations (W3C Web Annotation, Hypothesis; see WebAnnotationReader), matched to
///   articles by id, address or source, placed by position when the quote is there, else by
///   quote and context;
/// - REFI-QDA projects (see RefiReader): codings placed in the articles holding their sources'
///   text; importProject() adds the sources missing from the library as articles. The whole
///   codebook comes in, with hierarchy, colours and descriptions, coded or not.
/// Importing the same file twice adds nothing: highlights remember their id in the file.
///
/// All or nothing: the file is read and placed on the calling thread (with the reader's
/// connection), then written through the library's writer a few hundred annotations at a
/// time, each write noted in the library's import journal. A cancel or a failure takes back
/// what was written; so does the next opening of the library after a crash.
class AnnotationImporter
{
public:
    using Progress = std::function<void(int done, int total)>;

    AnnotationImporter(LibraryStore &reader, LibraryWriter &writer,
        AnnotationImportOptions options = {});
    /// Imports annotations onto the library's articles; a set cancel flag stops it with
    /// nothing imported.
    [[nodiscard]] Result<AnnotationImportReport> importFile(const QString &path,
        const std::atomic_bool *cancel = nullptr, const Progress &progress = {});
    /// Opens a REFI-QDA project whole: its text sources become articles (or are matched to the
    /// same text in the library), then its codebook and codings come in.
    [[nodiscard]] Result<AnnotationImportReport> importProject(const QString &path,
        const std::atomic_bool *cancel = nullptr, const Progress &progress = {});

    /// Takes back everything the journal holds of one run. Call in a write transaction.
    [[nodiscard]] static Result<void> rollBack(LibraryStore &store, const QString &run);
    /// Takes back imports that died with their program (their journal stopped moving long
    /// ago); the number taken back. Call in a write transaction.
    [[nodiscard]] static Result<int> recoverAbandoned(LibraryStore &store);
    /// A query of how many runs died with their program (for LibraryHooks::Recovery).
    static QString abandonedRunsQuery();

    /// The largest annotation file read (web annotations are JSON held in memory whole).
    static constexpr qint64 MaximumJsonFile = qint64(256) << 20;

private:
    enum class Sources { ExistingOnly, AddMissing };
    [[nodiscard]] Result<AnnotationImportReport> importRefi(const QString &path, Sources sources,
        const std::atomic_bool *cancel, const Progress &progress);
    [[nodiscard]] Result<AnnotationImportReport> importWeb(const QString &path,
        const std::atomic_bool *cancel, const Progress &progress);

    LibraryStore &m_reader;
    LibraryWriter &m_writer;
    AnnotationImportOptions m_options;
};
