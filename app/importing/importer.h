#pragma once

#include "article/article.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

class LibraryWriter;

struct ParseFailure;

struct ImportFailure
{
    QString path;
    int item = 0; ///< line of a JSON Lines file or document of an export (see unit), else 0
    QString reason;
    ItemUnit unit = ItemUnit::Line;

    /// One line: "file, document 3: reason".
    QString describe() const;
    static ImportFailure from(const QString &path, const ParseFailure &failure);
};

struct ImportSummary
{
    int imported = 0;
    int updated = 0;
    int unchanged = 0;
    int failed = 0;
    int files = 0;
    bool cancelled = false;
    qint64 firstArticleId = 0; ///< the first article read, to show it after the import
    QList<ImportFailure> failures;
    QList<ImportFailure> warnings; ///< read, but worth knowing (encoding guessed)
    QString fatalError; ///< set when the library itself could not be written

    /// "imported N, updated U, unchanged S, failed F"
    QString countsLine() const;
};

/// Reads files and folders into a library: folders recursively (supported file names only),
/// duplicates recognised by content hash, changed files updated in place. A file that cannot be
/// read is recorded with its reason and the import goes on; an article is stored whole or not
/// at all. Files are read on the calling thread and written through the library's writer as
/// background work: batches of articles share a transaction (committed every few thousand
/// articles or every second), and an edit in the window is written between two articles.
/// Synchronous: the command line calls it directly, the window through ImportController.
class Importer
{
public:
    /// done and total count files; called at most every few milliseconds and after the last.
    using Progress = std::function<void(int done, int total, const QString &currentFile)>;

    explicit Importer(LibraryWriter &writer);

    ImportSummary run(const QStringList &paths, const std::atomic_bool *cancel = nullptr,
        const Progress &progress = {});

    /// Expands folders into their supported files, sorted; missing paths become failures.
    static QStringList collectFiles(const QStringList &paths, QList<ImportFailure> *failures);

private:
    LibraryWriter &m_writer;
};
