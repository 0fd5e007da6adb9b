// Whether each parser and the quote detector run in time linear in their input: every family of
// input (hostile, unusual and ordinary) is timed at a size and at twice and four times it; the
// ratio of successive times should stay near 2 (issue "Hardened against hostile input").
#include "article/articleparser.h"
#include "benchsupport.h"
#include "importing/importer.h"
#include "library/ftsquery.h"
#include "quotes/quotedetector.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
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
