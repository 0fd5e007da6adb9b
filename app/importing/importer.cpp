#include "importer.h"
#include "article/articleparser.h"
#include "article/inputformats.h"
#include "library/librarystore.h"
#include "library/librarywriter.h"

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

// Large enough that commits cost little, small enough that a cancel or a crash loses little;
// another program waiting to write (a second window, the command line) waits at most this long.
constexpr int ArticlesPerTransaction = 5000;
constexpr qint64 MillisecondsPerTransaction = 1000;
// An edit in the window commits the import's open batch first, which costs about 0.15 ms an
// article (mostly the full-text index): while someone edits, batches are kept this short.
constexpr qint64 MillisecondsPerTransactionWhileEditing = 50;
constexpr qint64 EditingWindowMs = 10000;
constexpr qint64 MillisecondsPerProgress = 50;

} // namespace

QString ImportFailure::describe() const
{
    if (item > 0 && unit == ItemUnit::Document)
        return tr("%1, document %2: %3").arg(path).arg(item).arg(reason);
    if (item > 0)
        return tr("%1, line %2: %3").arg(path).arg(item).arg(reason);
    return tr("%1: %2").arg(path, reason);
}

ImportFailure ImportFailure::from(const QString &path, const ParseFailure &failure)
{
    return { path, failure.item, failure.message,
        failure.unit == ItemUnit::None ? ItemUnit::Line : failure.unit };
}

QString ImportSummary::countsLine() const
{
    return u"imported %1, updated %2, unchanged %3, failed %4"_s.arg(imported)
        .arg(updated)
        .arg(unchanged)
        .arg(failed);
}

Importer::Importer(LibraryWriter &writer)
    : m_writer(writer)
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
            if (InputFormats::isSupportedFileName(file))
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

    // Articles are written in batches, one transaction each (committed early when an edit
    // needs the writer); an article's outcome joins the summary only once the batch holding it
    // is committed, so the counts never report what a rollback took back.
    const std::unique_ptr<LibraryWriter::Batch> batch = m_writer.batch();
    struct Pending
    {
        LibraryStore::UpsertOutcome outcome;
        qint64 id;
    };
    QList<Pending> pending; ///< outcomes of written, not yet committed articles, in order
    qint64 counted = 0; ///< jobs of the batch already in the summary
    auto countSaved = [&] {
        const qint64 saved = batch->saved();
        while (counted < saved && !pending.isEmpty()) {
            const Pending done = pending.takeFirst();
            ++counted;
            switch (done.outcome) {
            case LibraryStore::UpsertOutcome::Inserted:
                ++summary.imported;
                break;
            case LibraryStore::UpsertOutcome::Updated:
                ++summary.updated;
                break;
            case LibraryStore::UpsertOutcome::Unchanged:
                ++summary.unchanged;
                break;
            }
            if (summary.firstArticleId == 0)
                summary.firstArticleId = done.id;
        }
    };
    int inTransaction = 0;
    QElapsedTimer sinceCommit;
    sinceCommit.start();
    auto commit = [&]() -> bool {
        Result<void> committed = batch->commit();
        inTransaction = 0;
        sinceCommit.restart();
        if (!committed) {
            summary.fatalError = committed.error();
            return false;
        }
        countSaved();
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
            Result<QVariant> stored = batch->write([&article](LibraryStore &library) -> Result<QVariant> {
                Result<LibraryStore::Upserted> upserted = library.upsertInTransaction(article);
                if (!upserted)
                    return upserted.failure();
                return QVariant::fromValue(QPair<qint64, int>(upserted->id, int(upserted->outcome)));
            });
            countSaved();
            if (!stored) {
                // The library refused a write (disk full, damaged file): what the batch held
                // since its last commit is rolled back whole and the import stops, so nothing
                // is left half written.
                const qsizetype lost = pending.size() + 1;
                pending.clear();
                summary.fatalError = tr("%1: %2 The import stopped; the %3 articles read since the "
                                        "last save were not stored.")
                                         .arg(file, stored.error())
                                         .arg(lost);
                return false;
            }
            const auto [id, outcome] = stored->value<QPair<qint64, int>>();
            pending.append({ LibraryStore::UpsertOutcome(outcome), id });
            // While the user is editing, batches stay small: an edit then waits only for the
            // commit of a few dozen articles, not of a second's worth.
            const qint64 window = m_writer.editedWithin(EditingWindowMs)
                ? MillisecondsPerTransactionWhileEditing
                : MillisecondsPerTransaction;
            if (++inTransaction >= ArticlesPerTransaction || sinceCommit.elapsed() >= window) {
                if (!commit())
                    return false;
            }
            return !cancelled();
        };
        const ParseReport report = ArticleParser::parseFile(file, store);
        for (const ParseFailure &failure : report.failures) {
            ++summary.failed;
            summary.failures.append(ImportFailure::from(file, failure));
        }
        for (const QString &warning : report.warnings)
            summary.warnings.append({ file, 0, warning });
        if (!summary.fatalError.isEmpty())
            break;
        if (report.cancelled && cancelled())
            summary.cancelled = true;
    }
    if (summary.fatalError.isEmpty())
        commit();
    if (progress)
        progress(summary.cancelled ? summary.files : int(files.size()), int(files.size()), {});
    return summary;
}
