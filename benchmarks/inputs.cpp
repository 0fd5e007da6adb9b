// How fast the input formats are read (issue 13): the Readability suite's pages, a 500-page
// PDF, Nexis exports in text, Word and RTF. Run: scripts/bench --inputs-only
#include "article/articleparser.h"
#include "article/pdflayout.h"
#include "article/pdfreader.h"
#include "benchsupport.h"
#include "documentfixtures.h"
#include "pdffixtures.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace Bench;

namespace {

int parseAll(const QByteArray &bytes, const QString &name)
{
    int articles = 0;
    (void)ArticleParser::parseBytes(bytes, name, [&](Article &&) {
        ++articles;
        return true;
    });
    return articles;
}

int parseFile(const QString &path)
{
    int articles = 0;
    (void)ArticleParser::parseFile(path, [&](Article &&) {
        ++articles;
        return true;
    });
    return articles;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void benchReadability()
{
    const QString folder = QString::fromUtf8(GLOSS_SHARED_DIR) + u"/corpus/readability"_s;
    if (!QFileInfo::exists(folder)) {
        out() << "Readability pages: skipped (../shared/corpus/readability not found)\n";
        return;
    }
    // Read from disk once: the figure is parsing (decoding, Gumbo, scoring), not the disk.
    QList<QPair<QString, QByteArray>> pages;
    for (const QString &name :
        QDir(folder).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        pages.append({ name, readAll(folder + u'/' + name + u"/source.html"_s) });
    QList<double> totals;
    double worst = 0;
    QString worstPage;
    qint64 bytes = 0;
    for (int run = 0; run < 5; ++run) {
        double total = 0;
        bytes = 0;
        for (const auto &[name, html] : std::as_const(pages)) {
            QElapsedTimer timer;
            timer.start();
            parseAll(html, u"page.html"_s);
            const double ms = timer.nsecsElapsed() / 1e6;
            total += ms;
            bytes += html.size();
            if (ms > worst) {
                worst = ms;
                worstPage = name;
            }
        }
        totals.append(total);
    }
    const Spread s = spread(totals);
    out() << "Readability suite, " << pages.size() << " pages (" << bytes / 1024 << " KiB): median "
          << s.median << " ms in total, worst run " << s.worst << " ms; slowest page " << worstPage
          << " " << worst << " ms (goal < 1000 ms)\n";
}

void benchPdf(const QString &work)
{
    const QString path = work + u"/500-pages.pdf"_s;
    PdfFixtures::Layout layout;
    layout.columns = 2;
    layout.title = u"Five hundred pages"_s;
    layout.runningHead = u"The Daily Example \u2014 page %1"_s;
    layout.pageNumbers = true;
    QElapsedTimer made;
    made.start();
    // About eleven paragraphs a page: more than enough, cut at the 500th page.
    layout.maximumPages = 500;
    const int pages = PdfFixtures::write(path, PdfFixtures::story(7000), layout);
    out() << "(made a " << pages << "-page two-column PDF of " << QFileInfo(path).size() / 1024
          << " KiB in " << made.elapsed() << " ms)\n";
    QList<double> totals;
    QList<double> extraction;
    QList<double> layouts;
    qint64 words = 0;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer timer;
        timer.start();
        parseFile(path);
        totals.append(timer.nsecsElapsed() / 1e6);
        timer.restart();
        const Result<PdfReader::Document> document = PdfReader::read(path);
        extraction.append(timer.nsecsElapsed() / 1e6);
        if (!document)
            continue;
        words = document->words;
        timer.restart();
        const PdfText text = PdfLayout::read(document->pages);
        layouts.append(timer.nsecsElapsed() / 1e6);
    }
    const Spread total = spread(totals);
    out() << "PDF of " << pages << " pages (" << words << " words), read whole: median "
          << total.median << " ms, worst " << total.worst << " ms (goal < 5000 ms); of which "
          << "Poppler's text " << spread(extraction).median << " ms, layout "
          << spread(layouts).median << " ms\n";
}

void benchNexis()
{
    const QString folder = QString::fromUtf8(GLOSS_SHARED_DIR) + u"/corpus/nexis"_s;
    if (!QFileInfo::exists(folder)) {
        out() << "Nexis exports: skipped (../shared/corpus/nexis not found)\n";
        return;
    }
    for (const QString &name : { u"sample.TXT"_s, u"sample.DOCX"_s }) {
        const QString path = folder + u'/' + name;
        QList<double> runs;
        int articles = 0;
        for (int run = 0; run < 5; ++run) {
            QElapsedTimer timer;
            timer.start();
            articles = parseFile(path);
            runs.append(timer.nsecsElapsed() / 1e6);
        }
        out() << "Nexis " << name << " (" << QFileInfo(path).size() / 1024 << " KiB, " << articles
              << " documents): median " << spread(runs).median << " ms\n";
    }
    // A large export: the text sample's documents a hundred times over.
    QByteArray text = readAll(folder + u"/sample.TXT"_s);
    const qsizetype first = text.indexOf("1 of 10 DOCUMENTS");
    const QByteArray documents = text.mid(std::max<qsizetype>(0, first - 40));
    QByteArray large = text.left(std::max<qsizetype>(0, first - 40));
    for (int i = 0; i < 100; ++i)
        large += documents;
    QList<double> runs;
    int articles = 0;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer timer;
        timer.start();
        articles = parseAll(large, u"large.txt"_s);
        runs.append(timer.nsecsElapsed() / 1e6);
    }
    const double median = spread(runs).median;
    out() << "Nexis text export of " << articles << " documents (" << large.size() / (1024 * 1024)
          << " MiB): median " << median << " ms, " << int(articles / (median / 1000))
          << " documents a second\n";
}

void benchDocuments()
{
    // A Word document and an RTF document of the same 20,000 paragraphs.
    QByteArray body;
    QByteArray rtf = "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}";
    const QStringList paragraphs = PdfFixtures::story(20000);
    for (const QString &paragraph : paragraphs) {
        body += DocumentFixtures::paragraph(paragraph.toUtf8().replace("\"", "&quot;"));
        rtf += "\\pard{\\f0 " + paragraph.toUtf8() + "}\\par\r\n";
    }
    rtf += '}';
    const QByteArray docx = DocumentFixtures::docx(DocumentFixtures::wordXml(body));
    for (const auto &[name, bytes] : { QPair<QString, QByteArray>(u"a.docx"_s, docx),
             QPair<QString, QByteArray>(u"a.rtf"_s, rtf) }) {
        QList<double> runs;
        for (int run = 0; run < 3; ++run) {
            QElapsedTimer timer;
            timer.start();
            parseAll(bytes, name);
            runs.append(timer.nsecsElapsed() / 1e6);
        }
        out() << (name.endsWith(u"docx"_s) ? "Word" : "RTF") << " document of 20,000 paragraphs ("
              << bytes.size() / 1024 << " KiB as stored): median " << spread(runs).median
              << " ms\n";
    }
}

} // namespace

void benchInputs(const QString &work)
{
    out() << "Input formats\n";
    benchReadability();
    out().flush();
    benchPdf(work);
    out().flush();
    benchNexis();
    out().flush();
    benchDocuments();
    out().flush();
}
