#pragma once

#include "core/result.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

class LibraryStore;
class LibraryWriter;

struct AnnotationImportReport
{
    int added = 0;
    int duplicates = 0; ///< already in the library (their missing tags were added)
    int orphaned = 0; ///< matched an article but not its text: kept as orphans
    int unmatched = 0; ///< no article in the library: not imported
    QStringList problems; ///< one line each, for the user

    QString countsLine() const;
};

Q_DECLARE_METATYPE(AnnotationImportReport)

/// Brings highlights back from W3C Web Annotation JSON (Gloss's own and other tools' with the
/// same selectors) and REFI-QDA projects (.qdpx). Articles are matched by content hash, then by
/// source; highlights are placed with the re-anchoring rules; tags are merged into the codebook
/// by path. Importing the same file twice adds nothing.
///
/// All or nothing: the file is read and placed on the calling thread (with the reader's
/// connection), then written through the library's writer a few hundred annotations at a
/// time, each write noted in the library's import journal. A cancel or a failure takes back
/// what was written; so does the next opening of the library after a crash.
class AnnotationImporter
{
public:
    using Progress = std::function<void(int done, int total)>;

    AnnotationImporter(LibraryStore &reader, LibraryWriter &writer);
    /// Imports a file whole or not at all; a set cancel flag stops it with nothing imported.
    [[nodiscard]] Result<AnnotationImportReport> importFile(const QString &path,
        const std::atomic_bool *cancel = nullptr, const Progress &progress = {});

    /// Takes back everything the journal holds of one run. Call in a write transaction.
    [[nodiscard]] static Result<void> rollBack(LibraryStore &store, const QString &run);
    /// Takes back imports that died with their program (their journal stopped moving long
    /// ago); the number taken back. Call in a write transaction.
    [[nodiscard]] static Result<int> recoverAbandoned(LibraryStore &store);
    /// A query of how many runs died with their program (for LibraryHooks::Recovery).
    static QString abandonedRunsQuery();

private:
    LibraryStore &m_reader;
    LibraryWriter &m_writer;
};
