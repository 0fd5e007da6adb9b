#include "importer.h"
#include "article/articleparser.h"
#include "library/librarystore.h"
#include "library/sqlhelpers.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Importer", text);
}

// Large enough that commits cost little, small enough that a cancel or a crash loses little.
constexpr int ArticlesPerTransaction = 5000;
constexpr qint64 MillisecondsPerTransaction = 3000;
constexpr qint64 MillisecondsPerProgress = 50;

} // namespace

QString ImportFailure::describe() const
{
    if (item > 0)
        return tr("%1, line %2: %3").arg(path).arg(item).arg(reason);
    return tr("%1: %2").arg(path, reason);
}

QString ImportSummary::countsLine() const
{
    return u"imported %1, updated %2, unchanged %3, failed %4"_s.arg(imported)
        .arg(updated)
        .arg(unchanged)
        .arg(failed);
}

Importer::Importer(LibraryStore &store)
    : m_store(store)
{ }

QStringList Importer::collectFiles(const QStringList &paths, QList<ImportFailure> *failures)
{
    QStringList files;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.exists()) {
            if (failures)
                failures->append({ path, 0, tr("There is no such file or folder.") });
            continue;
        }
        if (!info.isDir()) {
            files.append(info.absoluteFilePath());
            continue;
        }
        QStringList found;
        QDirIterator it(info.absoluteFilePath(), QDir::Files | QDir::Readable,
            QDirIterator::Subdirectories | QDirIterator::FollowSymlinks);
        while (it.hasNext()) {
            const QString file = it.next();
            if (ArticleParser::isSupportedFileName(file))
                found.append(file);
        }
        found.sort();
        files += found;
    }
    return files;
}

ImportSummary Importer::run(
    const QStringList &paths, const std::atomic_bool *cancel, const Progress &progress)
{
    ImportSummary summary;
    const QStringList files = collectFiles(paths, &summary.failures);
    summary.failed = int(summary.failures.size());
    summary.files = int(files.size());
    auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };

    // Articles are written in batches, one transaction each; the counts of a batch join the
    // summary only once it is committed, so they never report what a rollback took back.
    std::unique_ptr<ScopedTransaction> transaction;
    ImportSummary batch;
    int inTransaction = 0;
    QElapsedTimer sinceCommit;
    auto commit = [&]() -> bool {
        if (!transaction)
            return true;
        Result<void> committed = transaction->commit();
        transaction.reset();
        inTransaction = 0;
        if (!committed) {
            summary.fatalError = committed.error();
            batch = ImportSummary();
            return false;
        }
        summary.imported += batch.imported;
        summary.updated += batch.updated;
        summary.unchanged += batch.unchanged;
        if (summary.firstArticleId == 0)
            summary.firstArticleId = batch.firstArticleId;
        batch = ImportSummary();
        return true;
    };

    QElapsedTimer sinceProgress;
    sinceProgress.start();
    if (progress)
        progress(0, int(files.size()), files.isEmpty() ? QString() : files.front());

    for (int index = 0; index < files.size(); ++index) {
        if (cancelled()) {
            summary.cancelled = true;
            break;
        }
        const QString &file = files.at(index);
        if (progress && sinceProgress.elapsed() >= MillisecondsPerProgress) {
            progress(index, int(files.size()), file);
            sinceProgress.restart();
        }
        const ArticleSink store = [&](Article &&article) -> bool {
            if (!transaction) {
                transaction = std::make_unique<ScopedTransaction>(m_store.connectionName());
                if (!transaction->began()) {
                    summary.fatalError = transaction->began().error();
                    transaction.reset();
                    return false;
                }
                sinceCommit.start();
            }
            Result<LibraryStore::Upserted> stored = m_store.upsertInTransaction(article);
            if (!stored) {
                // The library refused a write (disk full, damaged file): the batch is rolled
                // back whole and the import stops, so nothing is left half written.
                summary.fatalError = tr("%1: %2 The import stopped; the %3 articles read since the "
                                        "last save were not stored.")
                                         .arg(file, stored.error())
                                         .arg(inTransaction + 1);
                transaction.reset();
                batch = ImportSummary();
                return false;
            }
            if (batch.firstArticleId == 0)
                batch.firstArticleId = stored->id;
            switch (stored->outcome) {
            case LibraryStore::UpsertOutcome::Inserted:
                ++batch.imported;
                break;
            case LibraryStore::UpsertOutcome::Updated:
                ++batch.updated;
                break;
            case LibraryStore::UpsertOutcome::Unchanged:
                ++batch.unchanged;
                break;
            }
            if (++inTransaction >= ArticlesPerTransaction
                || sinceCommit.elapsed() >= MillisecondsPerTransaction) {
                if (!commit())
                    return false;
            }
            return !cancelled();
        };
        const ParseReport report = ArticleParser::parseFile(file, store);
        for (const ParseFailure &failure : report.failures) {
            ++summary.failed;
            summary.failures.append({ file, failure.item, failure.message });
        }
        for (const QString &warning : report.warnings)
            summary.warnings.append({ file, 0, warning });
        if (!summary.fatalError.isEmpty())
            break;
        if (report.cancelled && cancelled())
            summary.cancelled = true;
    }
    commit();
    if (progress)
        progress(summary.cancelled ? summary.files : int(files.size()), int(files.size()), {});
    return summary;
}
