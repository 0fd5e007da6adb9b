#include "quotes/quotehooks.h"
#include "cli/layers.h"
#include "library/library.h"
#include "library/librarywriter.h"
// Measures the foundation's performance goals. Run: scripts/bench [--articles N] [--keep DIR]
// Heavy steps run in child processes of this binary so each reports its own peak memory.
#include "annotation/annotationservice.h"
#include "article/articledocument.h"
#include "article/articleparser.h"
#include "exporting/exporters.h"
#include "importing/importer.h"
#include "library/librarystore.h"
#include "library/sqlhelpers.h"
#include "mainwindow.h"
#include "models/articlelistmodel.h"
#include "models/highlightmodel.h"
#include "models/speakerlistmodel.h"
#include "models/tagtreemodel.h"
#include "quotes/quotedetector.h"
#include "quotes/quotestore.h"
#include "quotes/speakerindexer.h"
#include "readerview.h"
#include "benchsupport.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTreeView>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace Bench;

namespace {

// --- child modes -------------------------------------------------------------------------

int childImport(const QString &library, const QString &folder)
{
    // As `gloss import` does: the command line writes on its own thread.
    auto store = Library::open(library, LibraryStore::OpenMode::CreateIfMissing, Library::Writing::Inline);
    if (!store) {
        out() << "error " << store.error() << '\n';
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    const ImportSummary summary = Importer((*store)->writer()).run({ folder });
    const qint64 elapsed = timer.elapsed();
    out() << "result " << elapsed << ' ' << peakMemoryKiB() << ' ' << summary.imported << ' '
          << summary.failed << '\n';
    return 0;
}

int childWindow(const QString &library, QElapsedTimer &sinceStart)
{
    auto store = Library::open(library, LibraryStore::OpenMode::MustExist);
    if (!store) {
        out() << "error " << store.error() << '\n';
        return 1;
    }
    MainWindow window(std::move(*store));
    window.resize(1280, 800);
    window.show();
    QCoreApplication::processEvents();
    QTreeView *list = window.findChild<QTreeView *>(u"articleList"_s);
    while (!list || window.articleModel()->rowCount() == 0)
        QCoreApplication::processEvents();
    list->viewport()->repaint();
    out() << "result " << sinceStart.elapsed() << ' ' << window.articleModel()->matchCount() << ' '
          << peakMemoryKiB() << '\n';
    return 0;
}

// --- parent steps ------------------------------------------------------------------------

QStringList runChild(const QStringList &arguments)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), arguments);
    child.waitForFinished(-1);
    const QString output = QString::fromUtf8(child.readAllStandardOutput());
    for (const QString &line : output.split(u'\n')) {
        if (line.startsWith(u"result "_s))
            return line.mid(7).split(u' ');
        if (line.startsWith(u"error "_s))
            out() << "  " << line << '\n';
    }
    return {};
}

void benchBbc(const QString &work)
{
    const QString bbc = QStringLiteral(GLOSS_SHARED_DIR) + u"/corpus/bbc"_s;
    if (!QFileInfo::exists(bbc)) {
        out() << "BBC import: skipped (../shared/corpus/bbc not found)\n";
        return;
    }
    QList<double> runs;
    for (int run = 0; run < 3; ++run) {
        const QString library = u"%1/bbc-%2.sqlite"_s.arg(work).arg(run);
        for (const QString &suffix : { QString(), u"-wal"_s, u"-shm"_s })
            QFile::remove(library + suffix);
        const QStringList result = runChild({ u"child-import"_s, library, bbc });
        if (result.size() == 4)
            runs.append(result.at(0).toDouble());
    }
    const Spread s = spread(runs);
    out() << "BBC import (2,225 articles + README, fresh library): median " << s.median
          << " ms, worst " << s.worst << " ms over " << runs.size() << " runs (goal < 1000 ms)\n";
}

void benchQueries(const QString &library)
{
    auto store = LibraryStore::open(library, LibraryStore::OpenMode::MustExist);
    if (!store)
        return;
    // Words of falling frequency, combinations, a phrase, an exclusion and a typed prefix.
    const auto word = &Bench::wordAtRank;
    const QStringList queries = {
        word(60) + u' ',
        word(300) + u' ',
        word(3000) + u' ',
        word(20000) + u' ',
        word(60) + u' ' + word(90) + u' ',
        u"\""_s + word(0) + u' ' + word(70) + u"\" "_s,
        word(500) + u" -"_s + word(65) + u' ',
        u"Story 4242 "_s,
        word(1000).left(4),
    };
    QList<double> searchTimes;
    QList<double> listTimes;
    for (const QString &query : queries) {
        QList<double> search;
        QList<double> list;
        qsizetype matches = 0;
        for (int round = 0; round < 5; ++round) {
            QElapsedTimer timer;
            timer.start();
            const auto hits = (*store)->search(query, 50);
            search.append(timer.nsecsElapsed() / 1e6);
            timer.restart();
            // What the list does: ordered ids of every match, then the first page with snippets.
            const auto ids = (*store)->articleIds(
                { query, ArticleSort::Relevance, Qt::AscendingOrder, {} });
            if (ids)
                (void)(*store)->summaries(ids->mid(0, ArticleListModel::PageSize), query);
            list.append(timer.nsecsElapsed() / 1e6);
            matches = ids ? ids->size() : -1;
        }
        searchTimes += search;
        listTimes += list;
        out() << "  query `" << query.trimmed() << "`: " << matches << " matches; top 50 "
              << spread(search).median << " ms, list " << spread(list).median << " ms\n";
    }
    const Spread search = spread(searchTimes);
    const Spread list = spread(listTimes);
    out() << "Full-text query, top 50 with snippets: median " << search.median << " ms, worst "
          << search.worst << " ms (goal < 30 ms)\n";
    out() << "Full-text query as the list runs it (all ids ranked + first page): median "
          << list.median << " ms, worst " << list.worst << " ms\n";

    const auto ids = (*store)->articleIds({});
    if (!ids || ids->isEmpty())
        return;
    QRandomGenerator random(7);
    QList<double> openTimes;
    ArticleDocument::Style style;
    style.bodyFont = QFont(u"DejaVu Serif"_s, 12);
    for (int i = 0; i < 200; ++i) {
        const qint64 id = ids->at(int(random.bounded(int(ids->size()))));
        QElapsedTimer timer;
        timer.start();
        const Result<Article> article = (*store)->article(id);
        if (!article)
            continue;
        ArticleDocument layout(*article, style);
        layout.document()->setTextWidth(700);
        (void)layout.document()->documentLayout()->documentSize();
        openTimes.append(timer.nsecsElapsed() / 1e6);
    }
    const Spread open = spread(openTimes);
    out() << "Open an article (read from the library + lay out the document): median "
          << open.median << " ms, worst " << open.worst << " ms (goal < 20 ms)\n";
}

// --- annotations -----------------------------------------------------------------------

Article longArticle(QRandomGenerator &random, int paragraphs)
{
    Article article;
    article.sourcePath = u"/bench/long.txt"_s;
    article.title = u"A long article with many highlights"_s;
    for (int p = 0; p < paragraphs; ++p) {
        QString text;
        for (int s = 0; s < 5; ++s)
            text += (s > 0 ? u" "_s : QString()) + sentence(random);
        article.paragraphs.append({ ParagraphKind::Paragraph, text });
    }
    article.updateContentHash();
    return article;
}

void benchAnnotations(const QString &work)
{
    const QString path = work + u"/annotations.sqlite"_s;
    for (const QString &suffix : { QString(), u"-wal"_s, u"-shm"_s })
        QFile::remove(path + suffix);
    auto opened = Library::open(path);
    if (!opened) {
        out() << "annotations: " << opened.error() << '\n';
        return;
    }
    LibraryStore &library = (*opened)->store();
    QRandomGenerator random(99);

    // 1. An article with 2,000 highlights, opened in a real reader.
    const Article article = longArticle(random, 400);
    const qint64 articleId = library.upsertArticle(article)->id;
    const QString body = article.body();
    AnnotationStore annotations(library);
    {
        ScopedTransaction transaction(library.connectionName());
        for (int i = 0; i < 2000; ++i) {
            const int start = int(random.bounded(int(body.size()) - 60));
            Highlight highlight;
            highlight.articleId = articleId;
            highlight.anchor
                = Anchoring::anchorFor(body, start, start + 10 + int(random.bounded(50)));
            highlight.color = Palette::entries().at(i % 6).key;
            (void)annotations.insertHighlight(highlight);
        }
        (void)transaction.commit();
    }
    AnnotationService service(opened->get());
    HighlightModel model(&service);
    ReaderView reader;
    reader.resize(900, 800);
    reader.show();
    QList<double> openTimes;
    for (int run = 0; run < 5; ++run) {
        reader.clearArticle();
        QCoreApplication::processEvents();
        QElapsedTimer timer;
        timer.start();
        Result<Article> loaded = library.article(articleId);
        loaded->id = articleId;
        const double tLoad = timer.nsecsElapsed() / 1e6;
        reader.showArticle(*loaded);
        const double tShow = timer.nsecsElapsed() / 1e6;
        model.setArticle(articleId);
        const double tModel = timer.nsecsElapsed() / 1e6;
        reader.setHighlights(model.highlights(), model.tagPaths());
        const double tOverlay = timer.nsecsElapsed() / 1e6;
        reader.viewport()->repaint();
        openTimes.append(timer.nsecsElapsed() / 1e6);
        if (qEnvironmentVariableIsSet("GLOSS_BENCH_DETAIL"))
            out() << "  load " << tLoad << " show " << tShow << " model " << tModel << " overlay "
                  << tOverlay << " paint " << openTimes.back() << "\n";
    }
    const Spread open = spread(openTimes);
    out() << "Open an article with 2,000 highlights (read, lay out, overlay, paint): median "
          << open.median << " ms, worst " << open.worst << " ms (goal < 50 ms)\n";

    // 2. Creating a highlight end to end: checked, stored, undo step, model and overlay updated.
    // As the window does: any change to the model redraws the overlay.
    const auto redraw = [&] { reader.setHighlights(model.highlights(), model.tagPaths()); };
    QObject::connect(&model, &QAbstractItemModel::modelReset, &reader, redraw);
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, &reader, redraw);
    QObject::connect(&model, &QAbstractItemModel::dataChanged, &reader, redraw);
    QList<double> createTimes;
    for (int i = 0; i < 50; ++i) {
        const int start = int(random.bounded(int(body.size()) - 40));
        QElapsedTimer timer;
        timer.start();
        (void)service.createHighlight(articleId, body, start, start + 30);
        reader.viewport()->repaint();
        createTimes.append(timer.nsecsElapsed() / 1e6);
    }
    const Spread create = spread(createTimes);
    out() << "Create a highlight on that article (store, undo step, model, overlay, paint): median "
          << create.median << " ms, worst " << create.worst << " ms (goal < 10 ms)\n";

    // 3. The tags panel: 1,000 tags over 100,000 highlights.
    {
        ScopedTransaction transaction(library.connectionName());
        QList<qint64> tagIds;
        for (int parent = 0; parent < 50; ++parent) {
            Tag top;
            top.name = u"Group %1"_s.arg(parent);
            const qint64 topId = *annotations.insertTag(top);
            tagIds.append(topId);
            for (int child = 0; child < 19; ++child) {
                Tag tag;
                tag.parentId = topId;
                tag.name = u"Code %1.%2"_s.arg(parent).arg(child);
                tagIds.append(*annotations.insertTag(tag));
            }
        }
        for (int i = 0; i < 98000; ++i) {
            const int start = int(random.bounded(int(body.size()) - 60));
            Highlight highlight;
            highlight.articleId = articleId;
            highlight.anchor = Anchoring::anchorFor(body, start, start + 20);
            highlight.color = Palette::defaultKey();
            highlight.tagIds = { tagIds.at(int(random.bounded(int(tagIds.size())))) };
            (void)annotations.insertHighlight(highlight);
        }
        (void)transaction.commit();
    }
    out() << "  (" << annotations.highlightCount().valueOr(0) << " highlights, "
          << annotations.tagCount().valueOr(0) << " tags)\n";
    QList<double> panelTimes;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer timer;
        timer.start();
        TagTreeModel tags(&service);
        QTreeView view;
        view.setModel(&tags);
        view.expandAll();
        view.resize(300, 600);
        view.show();
        view.viewport()->repaint();
        panelTimes.append(timer.nsecsElapsed() / 1e6);
    }
    const Spread panel = spread(panelTimes);
    out() << "Tags panel with 1,000 tags over 100,000 highlights (read, build tree, paint): median "
          << panel.median << " ms, worst " << panel.worst << " ms (goal < 100 ms)\n";
}

// --- quotes ----------------------------------------------------------------------------

void benchQuotes()
{
    const QString bbc = QStringLiteral(GLOSS_SHARED_DIR) + u"/corpus/bbc"_s;
    if (!QFileInfo::exists(bbc)) {
        out() << "Quote detection: skipped (../shared/corpus/bbc not found)\n";
        return;
    }
    QStringList bodies;
    for (const QString &file : Importer::collectFiles({ bbc }, nullptr)) {
        ArticleParser::parseFile(file, [&](Article &&article) {
            bodies.append(article.body());
            return true;
        });
    }
    QList<double> runs;
    int quotations = 0;
    int attributed = 0;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer timer;
        timer.start();
        quotations = attributed = 0;
        for (const QString &body : std::as_const(bodies)) {
            const QuoteAnalysis analysis = QuoteDetector::analyse(body);
            quotations += int(analysis.quotations.size());
            for (const Quotation &quotation : analysis.quotations)
                attributed += quotation.speaker.isEmpty() ? 0 : 1;
        }
        runs.append(timer.nsecsElapsed() / 1e6);
    }
    const Spread s = spread(runs);
    out() << "Quote detection over " << bodies.size() << " BBC articles: median " << s.median
          << " ms, worst " << s.worst << " ms (goal < 1000 ms); " << quotations << " quotations, "
          << attributed << " with a speaker\n";
}

// The speaker index over a library of `count` articles made of BBC bodies, each copy told
// apart by its title so that none is a duplicate: building it, then reading the Speakers view.
void benchSpeakers(const QString &work, int count, bool reuse)
{
    const QString bbc = QStringLiteral(GLOSS_SHARED_DIR) + u"/corpus/bbc"_s;
    if (!QFileInfo::exists(bbc)) {
        out() << "Speaker index: skipped (../shared/corpus/bbc not found)\n";
        return;
    }
    const QString path = work + u"/speakers.sqlite"_s;
    if (!reuse || !QFileInfo::exists(path)) {
        for (const QString &suffix : { QString(), u"-wal"_s, u"-shm"_s })
            QFile::remove(path + suffix);
        QList<Article> originals;
        for (const QString &file : Importer::collectFiles({ bbc }, nullptr)) {
            ArticleParser::parseFile(file, [&](Article &&article) {
                originals.append(std::move(article));
                return true;
            });
        }
        auto store = LibraryStore::open(path);
        if (!store || originals.isEmpty())
            return;
        QElapsedTimer timer;
        timer.start();
        for (int start = 0; start < count; start += 5000) {
            ScopedTransaction transaction((*store)->connectionName());
            for (int i = start; i < std::min(count, start + 5000); ++i) {
                Article article = originals.at(i % originals.size());
                article.title += u" (%1)"_s.arg(i / originals.size() + 1);
                article.sourcePath = u"/bench/%1.txt"_s.arg(i);
                article.updateContentHash();
                (void)(*store)->upsertInTransaction(article);
            }
            (void)transaction.commit();
        }
        out() << "(stored " << count << " articles made of BBC bodies in " << timer.elapsed()
              << " ms)\n";
    }
    auto store = Library::open(path, LibraryStore::OpenMode::MustExist);
    if (!store)
        return;
    QuoteStore quotes((*store)->store());
    if (reuse)
        (void)Sql::run((*store)->store().connectionName(), u"DELETE FROM quote_scans"_s);
    const int waiting = quotes.articlesToIndexCount().valueOr(0);
    QElapsedTimer timer;
    timer.start();
    const SpeakerIndexOutcome outcome = SpeakerIndexer::run((*store)->store(), (*store)->writer());
    const qint64 indexing = timer.elapsed();
    out() << "Speaker index built for " << outcome.indexed << " of " << waiting
          << " articles (in the background, batches of " << SpeakerIndexer::BatchSize
          << "): " << indexing << " ms, "
          << (outcome.indexed ? indexing * 1000.0 / outcome.indexed : 0) << " µs an article\n";

    QList<double> listing;
    QList<double> typing;
    QList<double> quoting;
    int articles = 0;
    SpeakerListModel model;
    model.setStore(&quotes);
    for (int run = 0; run < 5; ++run) {
        timer.restart();
        model.setFilterText({});
        model.reload();
        listing.append(timer.nsecsElapsed() / 1e6);
        // Typing "blair" a letter at a time.
        timer.restart();
        for (const QString &typed : { u"b"_s, u"bl"_s, u"bla"_s, u"blai"_s, u"blair"_s })
            model.setFilterText(typed);
        typing.append(timer.nsecsElapsed() / 5e6);
        timer.restart();
        ArticleQuery query;
        if (model.rowCount() > 0)
            query.filters = { QuoteHooks::speakerFilter(model.speakerAt(0)) };
        articles = int((*store)->store().articleIds(query).valueOr({}).size());
        quoting.append(timer.nsecsElapsed() / 1e6);
    }
    model.setFilterText({});
    out() << "Speakers view over " << count << " articles: reading all " << model.rowCount()
          << " speakers median " << spread(listing).median << " ms, worst " << spread(listing).worst
          << " ms; each typed letter median " << spread(typing).median << " ms; listing the "
          << articles << " articles quoting a speaker, median " << spread(quoting).median
          << " ms\n";
}

// --- exports ---------------------------------------------------------------------------

void benchExports(const QString &work)
{
    const QString corpus = work + u"/exports-corpus"_s;
    const QString path = work + u"/exports.sqlite"_s;
    for (const QString &suffix : { QString(), u"-wal"_s, u"-shm"_s })
        QFile::remove(path + suffix);
    if (!QFileInfo::exists(corpus))
        generateCorpus(corpus, 5000);
    auto opened = Library::open(path);
    if (!opened)
        return;
    LibraryStore &library = (*opened)->store();
    (void)Importer((*opened)->writer()).run({ corpus });
    AnnotationStore annotations(library);
    QRandomGenerator random(5);
    {
        ScopedTransaction transaction(library.connectionName());
        QList<qint64> tags;
        for (int i = 0; i < 50; ++i) {
            Tag tag;
            tag.name = u"Code %1"_s.arg(i);
            tags.append(*annotations.insertTag(tag));
        }
        const QList<qint64> ids = *library.articleIds({});
        for (qint64 id : ids) {
            const QString body = library.article(id)->body();
            for (int h = 0; h < 10; ++h) {
                const int start = int(random.bounded(int(body.size()) - 80));
                Highlight highlight;
                highlight.articleId = id;
                highlight.anchor
                    = Anchoring::anchorFor(body, start, start + 20 + int(random.bounded(60)));
                highlight.color = Palette::defaultKey();
                highlight.tagIds = { tags.at(int(random.bounded(50))) };
                if (h % 3 == 0)
                    highlight.note = u"A note about this passage, with *emphasis*."_s;
                (void)annotations.insertHighlight(highlight);
            }
        }
        (void)transaction.commit();
    }
    QElapsedTimer timer;
    timer.start();
    const Result<ExportSet> set = ExportSet::collect(library, {});
    const double collect = timer.nsecsElapsed() / 1e6;
    out() << "Export: read " << set->highlightCount() << " highlights over " << set->articles.size()
          << " articles in " << collect << " ms\n";
    for (const Exporters::Format format : { Exporters::Format::Markdown, Exporters::Format::Csv,
             Exporters::Format::Json, Exporters::Format::Html, Exporters::Format::Qdpx }) {
        timer.restart();
        const QByteArray bytes = Exporters::render(format, *set);
        (void)Exporters::writeAtomically(
            work + u"/export."_s + Exporters::fileSuffix(format), bytes);
        const double took = collect + timer.nsecsElapsed() / 1e6;
        out() << "  " << Exporters::fileSuffix(format) << ": " << took << " ms including the read, "
              << bytes.size() / 1024 << " KiB (goal < "
              << (format == Exporters::Format::Qdpx ? "10000" : "2000") << " ms)\n";
    }
}

int runAll(int articles, const QString &keep, bool reuse)
{
    QTemporaryDir temporary;
    const QString work = keep.isEmpty() ? temporary.path() : keep;
    QDir().mkpath(work);
    out() << "Gloss benchmarks on " << QThread::idealThreadCount() << " cores, Qt " << qVersion()
          << "\n\n";
    out().flush();
    if (!reuse)
        benchBbc(work);
    out().flush();

    const QString corpus = work + u"/generated"_s;
    const QString library = work + u"/generated.sqlite"_s;
    if (reuse && QFileInfo::exists(library)) {
        out() << "(reusing " << library << ")\n";
    } else if (!QFileInfo::exists(corpus)) {
        QElapsedTimer timer;
        timer.start();
        generateCorpus(corpus, articles);
        out() << "(generated " << articles << " article files in " << timer.elapsed() << " ms)\n";
    }
    const QStringList imported = reuse && QFileInfo::exists(library) ? QStringList() : [&] {
        for (const QString &suffix : { QString(), u"-wal"_s, u"-shm"_s })
            QFile::remove(library + suffix);
        return runChild({ u"child-import"_s, library, corpus });
    }();
    if (imported.size() == 4) {
        out() << "Import " << imported.at(2) << " generated articles (" << imported.at(3)
              << " failed): " << imported.at(0) << " ms, peak memory "
              << imported.at(1).toLongLong() / 1024 << " MiB (goals < 60000 ms, < 300 MiB)\n";
        out() << "  library file: " << QFileInfo(library).size() / (1024 * 1024) << " MiB\n";
    }
    out().flush();
    QList<double> windowTimes;
    for (int run = 0; run < 3; ++run) {
        const QStringList shown = runChild({ u"child-window"_s, library });
        if (shown.size() == 3)
            windowTimes.append(shown.at(0).toDouble());
    }
    const Spread window = spread(windowTimes);
    out() << "Window shows the " << articles << "-article list, from process start: median "
          << window.median << " ms, worst " << window.worst << " ms (goal < 500 ms)\n";
    out().flush();
    benchQueries(library);
    out().flush();
    benchAnnotations(work);
    out().flush();
    benchExports(work);
    out().flush();
    benchQuotes();
    out().flush();
    benchSpeakers(work, articles, reuse);
    out().flush();
    benchEditLatency(work, articles);
    out().flush();
    benchInputs(work);
    out().flush();
    benchScaling();
    out().flush();
    benchExchange(work);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    Layers::install();
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"gloss-bench"_s);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.value(1) == u"child-import"_s)
        return childImport(arguments.value(2), arguments.value(3));
    if (arguments.value(1) == u"child-window"_s)
        return childWindow(arguments.value(2), sinceStart);

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption articles(
        u"articles"_s, u"Size of the generated library."_s, u"count"_s, u"100000"_s);
    const QCommandLineOption keep(u"keep"_s, u"Work in this folder and keep it."_s, u"dir"_s);
    const QCommandLineOption reuse(
        u"reuse"_s, u"With --keep: measure an existing generated library again."_s);
    const QCommandLineOption only(u"annotations-only"_s, u"Run only the annotation figures."_s);
    const QCommandLineOption exportsOnly(u"exports-only"_s, u"Run only the export figures."_s);
    const QCommandLineOption quotesOnly(u"quotes-only"_s, u"Run only the quote figures."_s);
    const QCommandLineOption speakersOnly(
        u"speakers-only"_s, u"Run only the speaker index figures."_s);
    const QCommandLineOption editsOnly(
        u"edits-only"_s, u"Run only the edit latency during imports."_s);
    const QCommandLineOption scalingOnly(
        u"scaling-only"_s, u"Run only the scaling of parsers and the quote detector."_s);
    const QCommandLineOption exchangeOnly(
        u"exchange-only"_s, u"Run only the annotation and project import figures."_s);
    const QCommandLineOption inputsOnly(
        u"inputs-only"_s, u"Run only the input formats (web pages, PDF, Nexis, Word, RTF)."_s);
    parser.addOptions({ articles, keep, reuse, only, exportsOnly, quotesOnly, speakersOnly,
        editsOnly, scalingOnly, exchangeOnly, inputsOnly });
    parser.process(app);
    if (parser.isSet(exchangeOnly)) {
        QTemporaryDir work;
        benchExchange(parser.isSet(keep) ? parser.value(keep) : work.path());
        return 0;
    }
    if (parser.isSet(inputsOnly)) {
        QTemporaryDir work;
        benchInputs(parser.isSet(keep) ? parser.value(keep) : work.path());
        return 0;
    }
    if (parser.isSet(scalingOnly)) {
        benchScaling();
        return 0;
    }
    if (parser.isSet(editsOnly)) {
        QTemporaryDir work;
        benchEditLatency(parser.isSet(keep) ? parser.value(keep) : work.path(),
            parser.value(articles).toInt());
        return 0;
    }
    if (parser.isSet(quotesOnly)) {
        benchQuotes();
        return 0;
    }
    if (parser.isSet(speakersOnly)) {
        QTemporaryDir work;
        benchSpeakers(parser.isSet(keep) ? parser.value(keep) : work.path(),
            parser.value(articles).toInt(), parser.isSet(reuse));
        return 0;
    }
    if (parser.isSet(exportsOnly)) {
        QTemporaryDir work;
        benchExports(parser.isSet(keep) ? parser.value(keep) : work.path());
        return 0;
    }
    if (parser.isSet(only)) {
        QTemporaryDir work;
        benchAnnotations(parser.isSet(keep) ? parser.value(keep) : work.path());
        return 0;
    }
    return runAll(parser.value(articles).toInt(), parser.value(keep), parser.isSet(reuse));
}
