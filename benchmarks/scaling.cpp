// Whether each parser and the quote detector run in time linear in their input: every family of
// input (hostile, unusual and ordinary) is timed at a size and at twice and four times it; the
// ratio of successive times should stay near 2 (issue "Hardened against hostile input").
#include "article/articleparser.h"
#include "article/pdflayout.h"
#include "benchsupport.h"
#include "documentfixtures.h"
#include "pdffixtures.h"
#include "importing/importer.h"
#include "library/ftsquery.h"
#include "quotes/quotedetector.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QTemporaryDir>

#include <functional>

using namespace Qt::StringLiterals;
using namespace Bench;

namespace {

struct Family
{
    const char *name;
    int base; ///< the first size (repetitions of the unit)
    std::function<void(int size)> run;
};

double millisecondsOf(const std::function<void()> &work)
{
    // The best of three, so that a moment of load on the machine is not read as growth.
    double best = 1e18;
    for (int attempt = 0; attempt < 3; ++attempt) {
        QElapsedTimer timer;
        timer.start();
        work();
        best = std::min(best, timer.nsecsElapsed() / 1e6);
    }
    return best;
}

void parse(const QByteArray &bytes, const QString &name)
{
    int articles = 0;
    (void)ArticleParser::parseBytes(bytes, name, [&](Article &&) {
        ++articles;
        return true;
    });
}

QByteArray repeated(const QByteArray &head, const QByteArray &unit, int times, const QByteArray &tail = {})
{
    QByteArray bytes = head;
    bytes.reserve(head.size() + unit.size() * times + tail.size());
    for (int i = 0; i < times; ++i)
        bytes += unit;
    return bytes + tail;
}

QString bbcText(int copies)
{
    static const QString corpus = [] {
        QString all;
        const QString folder = QString::fromUtf8(GLOSS_SHARED_DIR) + u"/corpus/bbc/politics"_s;
        for (const QString &file : Importer::collectFiles({ folder }, nullptr)) {
            QFile in(file);
            if (in.open(QIODevice::ReadOnly))
                all += QString::fromUtf8(in.readAll()).section(u'\n', 2) + u'\n';
            if (all.size() > 200000)
                break;
        }
        return all;
    }();
    QString text;
    for (int i = 0; i < copies; ++i)
        text += corpus;
    return text;
}

/// Input made once per size and family, so that only the best of three timings (the second
/// or third, never the one that made it) counts.
const QByteArray &cached(const char *family, int size, const std::function<QByteArray()> &make)
{
    static QHash<QPair<QByteArray, int>, QByteArray> made;
    const QPair<QByteArray, int> key(family, size);
    auto it = made.find(key);
    if (it == made.end())
        it = made.insert(key, make());
    return *it;
}

QByteArray nexisExport(int documents)
{
    QByteArray text = "Download Request: Selected Items: 1-N\r\n\r\n";
    for (int n = 1; n <= documents; ++n) {
        text += "                    " + QByteArray::number(n) + " of "
            + QByteArray::number(documents)
            + " DOCUMENTS\r\n\r\n                    The Times (London)\r\n\r\n"
              "                    January 11, 2010 Monday\r\n                    Edition 1;\r\n"
              "\r\nHeadline of the story\r\n\r\nBYLINE: Ann Lee\r\n\r\nSECTION: NEWS; Pg. 3\r\n"
              "\r\nLENGTH: 453 words\r\n\r\n";
        for (int p = 0; p < 6; ++p)
            text += "Words of a paragraph of the story, wrapped as the export wraps them at\r\n"
                    "about eighty columns, \"with a quotation,\" the minister said.\r\n\r\n";
        text += "LOAD-DATE: January 12, 2010\r\n\r\nLANGUAGE: ENGLISH\r\n\r\n"
                "PUBLICATION-TYPE: Newspaper\r\n\r\n          Copyright 2010 Times Newspapers Ltd"
                "\r\n          All Rights Reserved\r\n\r\n";
    }
    return text;
}

QByteArray pdfOfPages(int pages)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"scaling.pdf"_s);
    PdfFixtures::Layout layout;
    layout.columns = 2;
    layout.runningHead = u"The Daily Example \u2014 page %1"_s;
    layout.pageNumbers = true;
    layout.maximumPages = pages;
    PdfFixtures::write(path, PdfFixtures::story(pages * 14), layout);
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

void benchScaling()
{
    const QList<Family> families = {
        { "Markdown ~~strike~~ runs", 20000,
            [](int n) { parse(repeated("# T\n\n", "~~a ", n, "\n"), u"a.md"_s); } },
        { "Markdown **strong** runs", 20000,
            [](int n) { parse(repeated("# T\n\n", "**a** ", n, "\n"), u"a.md"_s); } },
        { "Markdown backslash escapes", 20000,
            [](int n) { parse(repeated("# T\n\n", "\\* x ", n, "\n"), u"a.md"_s); } },
        { "Markdown unclosed [links and `ticks", 20000,
            [](int n) { parse(repeated("# T\n\n", "[a `b ](c ", n, "\n"), u"a.md"_s); } },
        { "HTML nested <div> (refused past 5,000 deep)", 20000,
            [](int n) { parse(repeated("<html><body>", "<div>", n, "text</body></html>"), u"a.html"_s); } },
        { "HTML unterminated tags", 20000,
            [](int n) { parse(repeated("<html><body><p>", "<b x=", n, "</p></body></html>"), u"a.html"_s); } },
        { "HTML &amp without ;", 50000,
            [](int n) { parse(repeated("<html><body><p>", "&amp", n, "</p></body></html>"), u"a.html"_s); } },
        { "HTML paragraphs in their own wrappers", 5000,
            [](int n) {
                parse(repeated("<html><body>",
                          "<div><p>Words of a story, with commas, and more words here.</p></div>", n,
                          "</body></html>"),
                    u"a.html"_s);
            } },
        { "news dump, page chrome in the headline", 20000,
            [](int n) {
                parse(repeated("date 2024-01-01 ", "Advertisement Menu ", n, "Headline\nText of it.\n"),
                    u"a.txt"_s);
            } },
        { "quote detector, \"X said\" sentences", 4000,
            [](int n) {
                QString text;
                for (int i = 0; i < n; ++i)
                    text += u"Ann Lee said \"we will win this one\" and "_s;
                (void)QuoteDetector::analyse(text + u"stopped."_s);
            } },
        { "quote detector, many names", 10000,
            [](int n) {
                QString text;
                for (int i = 0; i < n; ++i)
                    text += u"Name%1 Surname%1 met Mr Surname%1. "_s.arg(i);
                (void)QuoteDetector::analyse(text);
            } },
        { "quote detector, the BBC politics text", 1,
            [](int n) { (void)QuoteDetector::analyse(bbcText(n)); } },
        { "JSON Lines", 50000,
            [](int n) {
                parse(repeated({}, "{\"title\":\"A title\",\"date\":\"2023-03-01\",\"text\":\"Some words "
                                   "of the article.\"}\n", n),
                    u"a.jsonl"_s);
            } },
        { "Nexis text export, documents", 250,
            [](int n) { parse(cached("nexis", n, [n] { return nexisExport(n); }), u"a.txt"_s); } },
        { "Nexis document of nothing but fields", 20000,
            [](int n) {
                parse(repeated("   1 of 1 DOCUMENTS\n\nThe Times\n\nJanuary 11, 2010\n\nH\n\n",
                          "BYLINE: Ann Lee\nGRAPHIC: x\n", n, "Text.\n"),
                    u"a.txt"_s);
            } },
        { "RTF paragraphs, groups and escapes", 20000,
            [](int n) {
                parse(repeated("{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}",
                          "\\pard{\\b Caf\\'e9} \\u8220?q\\u8221?{\\*\\bkmkstart x} text\\par\n", n,
                          "}"),
                    u"a.rtf"_s);
            } },
        { "RTF nested groups (refused past 1,000 deep)", 50000,
            [](int n) { parse(repeated("{\\rtf1 ", "{", n, "x}"), u"a.rtf"_s); } },
        { "RTF \\u without its stand-ins", 50000,
            [](int n) { parse(repeated("{\\rtf1\\uc9 ", "\\u8220", n, "}"), u"a.rtf"_s); } },
        { "Word document paragraphs", 2000,
            [](int n) {
                parse(cached("docx", n,
                          [n] {
                              // Text that varies, as a document's does: the same paragraph
                              // over and over packs past ZipReader's ratio cap.
                              QByteArray body;
                              quint32 state = 1;
                              for (const QString &text : PdfFixtures::story(n)) {
                                  state = state * 1103515245 + 12345;
                                  body += DocumentFixtures::paragraph(
                                      text.toUtf8().replace("\"", "&quot;") + " Item "
                                      + QByteArray::number(state, 36) + ".");
                              }
                              return DocumentFixtures::docx(DocumentFixtures::wordXml(body));
                          }),
                    u"a.docx"_s);
            } },
        { "Word elements nested (refused past 256 deep)", 20000,
            [](int n) {
                parse(cached("docx-deep", n,
                          [n] {
                              return DocumentFixtures::docx(DocumentFixtures::wordXml(
                                  QByteArray("<w:sdt>").repeated(n)
                                  + QByteArray("</w:sdt>").repeated(n)));
                          }),
                    u"a.docx"_s);
            } },
        { "PDF pages, two columns", 25,
            [](int n) { parse(cached("pdf", n, [n] { return pdfOfPages(n); }), u"a.pdf"_s); } },
        { "PDF layout, one page of many lines", 2000,
            [](int n) {
                PdfPage page;
                page.size = QSizeF(600, 800);
                for (int i = 0; i < n; ++i) {
                    const double y = 20 + (i / 2) * (760.0 / (n / 2 + 1));
                    PdfWord word;
                    word.text = u"line"_s;
                    word.box = QRectF(i % 2 ? 320 : 40, y, 200, 0.3);
                    word.endsLine = true;
                    page.words.append(word);
                }
                (void)PdfLayout::read({ page });
            } },
        { "search query, repeated words", 2000,
            [](int n) {
                QString query;
                for (int i = 0; i < n; ++i)
                    query += u"word%1 "_s.arg(i % 50);
                (void)FtsQuery::fromUserText(query);
            } },
    };
    out() << "Scaling: time at a size, twice and four times it (best of 3); ratios near 2 are linear\n";
    for (const Family &family : families) {
        QList<double> times;
        for (int factor : { 1, 2, 4 })
            times.append(millisecondsOf([&] { family.run(family.base * factor); }));
        out() << "  " << family.name << ": " << times.at(0) << " / " << times.at(1) << " / "
              << times.at(2) << " ms, ratios " << (times.at(0) > 0 ? times.at(1) / times.at(0) : 0)
              << " and " << (times.at(1) > 0 ? times.at(2) / times.at(1) : 0) << '\n';
        out().flush();
    }
    // JSON Lines as a file, the way an import reads it: lines a second.
    QTemporaryDir work;
    const QString path = work.filePath(u"big.jsonl"_s);
    {
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(repeated({}, "{\"title\":\"A title\",\"date\":\"2023-03-01\",\"url\":\"https://x.example/a\","
                                    "\"text\":\"Some words of the article, and a second sentence of it.\"}\n",
                500000));
    }
    QElapsedTimer timer;
    timer.start();
    int lines = 0;
    (void)ArticleParser::parseFile(path, [&](Article &&) {
        ++lines;
        return true;
    });
    const double seconds = timer.nsecsElapsed() / 1e9;
    out() << "  JSON Lines file of 500,000 lines: " << seconds << " s, " << int(lines / seconds)
          << " lines a second (goal at least 100,000)\n";
}
