// How long a highlight made in the window takes while an import runs: the window's edits and
// the import share the library's one writer, which commits the import's open batch before an
// edit and runs the edit next (issue "Edits you can trust": under 50 ms, median and p99).
#include "annotation/annotationservice.h"
#include "benchsupport.h"
#include "importing/annotationimporter.h"
#include "importing/importer.h"
#include "library/library.h"
#include "library/librarystore.h"
#include "library/librarywriter.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace Bench;

namespace {

struct Latency
{
    QList<double> samples; ///< ms per highlight made
    qint64 backgroundMs = 0; ///< how long the import took
};

/// Makes a highlight every 20 ms until `done`, timing each call as the window makes it.
void editWhile(AnnotationService &service, qint64 article, const QString &body,
    const std::atomic_bool &done, Latency &latency)
{
    int next = 0;
    while (!done.load()) {
        const int start = (next * 37) % int(body.size() - 20);
        ++next;
        QElapsedTimer timer;
        timer.start();
        const Result<qint64> made = service.createHighlight(article, body, start, start + 12);
        const double ms = timer.nsecsElapsed() / 1e6;
        if (made)
            latency.samples.append(ms);
        QThread::msleep(20);
    }
}

void report(const char *what, const Latency &latency)
{
    out() << "  " << what << ": " << latency.samples.size() << " highlights made, median "
          << percentile(latency.samples, 0.5) << " ms, p99 " << percentile(latency.samples, 0.99)
          << " ms, worst " << percentile(latency.samples, 1.0) << " ms (goal < 50 ms)";
    if (latency.backgroundMs > 0)
        out() << "; the import took " << latency.backgroundMs << " ms";
    out() << '\n';
    out().flush();
}

/// A W3C Web Annotation file of `count` annotations over the library's articles: quote and
/// position selectors, one of 50 codes each.
QString annotationFile(const QString &work, LibraryStore &store, int count)
{
    const QList<qint64> ids = store.articleIds({}).valueOr({}).mid(0, count / 10);
    QJsonArray items;
    for (qint64 id : ids) {
        const Result<Article> article = store.article(id);
        if (!article)
            continue;
        const QString body = article->body();
        for (int i = 0; i < 10 && items.size() < count; ++i) {
            const int start = (i * 97) % std::max(1, int(body.size()) - 40);
            QJsonObject quote;
            quote.insert(u"type"_s, u"TextQuoteSelector"_s);
            quote.insert(u"exact"_s, body.mid(start, 24));
            QJsonObject position;
            position.insert(u"type"_s, u"TextPositionSelector"_s);
            position.insert(u"start"_s, start);
            position.insert(u"end"_s, start + 24);
            QJsonObject target;
            target.insert(u"source"_s, QString(u"urn:sha256:"_s + article->contentHash));
            target.insert(u"selector"_s, QJsonArray { quote, position });
            QJsonObject tag;
            tag.insert(u"type"_s, u"TextualBody"_s);
            tag.insert(u"purpose"_s, u"tagging"_s);
            tag.insert(u"value"_s, u"Code %1"_s.arg(items.size() % 50));
            QJsonObject annotation;
            annotation.insert(u"type"_s, u"Annotation"_s);
            annotation.insert(u"id"_s, u"urn:bench:%1"_s.arg(items.size()));
            annotation.insert(u"body"_s, QJsonArray { tag });
            annotation.insert(u"target"_s, target);
            items.append(annotation);
        }
    }
    const QString path = work + u"/edits-annotations.json"_s;
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(items).toJson(QJsonDocument::Compact));
    return path;
}

} // namespace

void benchEditLatency(const QString &work, int articles)
{
    const QString corpus = work + u"/generated"_s;
    if (!QFileInfo::exists(corpus))
        generateCorpus(corpus, articles);
    const QString path = work + u"/edits.sqlite"_s;
    for (const QString &suffix : { QString(), u"-wal"_s, u"-shm"_s })
        QFile::remove(path + suffix);
    Result<std::unique_ptr<Library>> opened = Library::open(path);
    if (!opened) {
        out() << "edits: " << opened.error() << '\n';
        return;
    }
    Library &library = **opened;
    // The article the user highlights while the import runs.
    Article target;
    target.sourcePath = u"/bench/reading.txt"_s;
    target.title = u"The article being read"_s;
    QRandomGenerator random(7);
    for (int p = 0; p < 20; ++p)
        target.paragraphs.append({ ParagraphKind::Paragraph, sentence(random) + u' ' + sentence(random) });
    target.updateContentHash();
    const qint64 article = library.store().upsertArticle(target)->id;
    const QString body = target.body();
    AnnotationService service(&library);

    out() << "Highlight creation in the window (checks, the writer's transaction, undo step):\n";
    {
        Latency idle;
        std::atomic_bool done { false };
        std::unique_ptr<QThread> timer(QThread::create([&done] {
            QThread::sleep(3);
            done = true;
        }));
        timer->start();
        editWhile(service, article, body, done, idle);
        timer->wait();
        report("with nothing else running", idle);
    }
    {
        Latency during;
        std::atomic_bool done { false };
        const std::shared_ptr<LibraryWriter> writer = library.sharedWriter();
        ImportSummary summary;
        QElapsedTimer elapsed;
        elapsed.start();
        std::unique_ptr<QThread> import(QThread::create([&] {
            summary = Importer(*writer).run({ corpus });
            done = true;
        }));
        import->start();
        editWhile(service, article, body, done, during);
        import->wait();
        during.backgroundMs = elapsed.elapsed();
        out() << "  (imported " << summary.imported << " generated articles)\n";
        report("during the import of the generated articles", during);
    }
    {
        const QString annotations = annotationFile(work, library.store(), 50000);
        Latency during;
        std::atomic_bool done { false };
        const std::shared_ptr<LibraryWriter> writer = library.sharedWriter();
        int added = 0;
        QString error;
        QElapsedTimer elapsed;
        elapsed.start();
        std::unique_ptr<QThread> import(QThread::create([&] {
            // A worker reads with a connection of its own, as the window's does.
            Result<std::unique_ptr<LibraryStore>> reader
                = LibraryStore::open(path, LibraryStore::OpenMode::MustExist);
            if (reader) {
                const Result<AnnotationImportReport> result
                    = AnnotationImporter(**reader, *writer).importFile(annotations);
                if (result)
                    added = result->added;
                else
                    error = result.error();
            }
            done = true;
        }));
        import->start();
        editWhile(service, article, body, done, during);
        import->wait();
        during.backgroundMs = elapsed.elapsed();
        out() << "  (imported " << added << " annotations" << (error.isEmpty() ? "" : ": ")
              << error << ")\n";
        report("during the import of 50,000 annotations", during);
    }
}
