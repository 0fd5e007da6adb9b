#include "article/articleparser.h"
#include "article/htmldom.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

// Saved web pages read as Mozilla's Readability reads them, measured on pages of its own test
// suite (../shared/corpus/readability: source.html, expected.html, expected-metadata.json).
// A page's text is compared with the expected article as bags of words: precision and
// recall of the words Gloss keeps.

namespace {

/// Words of a text, case folded; ideographic scripts (no spaces between words) count each
/// character as a word, so that Chinese and Japanese pages are measured too.
QHash<QString, int> bagOfWords(const QString &text)
{
    QHash<QString, int> bag;
    QString word;
    auto flush = [&] {
        if (!word.isEmpty())
            ++bag[word.toCaseFolded()];
        word.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const QChar::Script script = c.script();
        if (script == QChar::Script_Han || script == QChar::Script_Hiragana
            || script == QChar::Script_Katakana) {
            flush();
            ++bag[QString(c)];
        } else if (c.isLetterOrNumber() || c.isMark()) {
            word += c;
        } else {
            flush();
        }
    }
    flush();
    return bag;
}

struct Overlap
{
    double precision = 0;
    double recall = 0;
    double f1() const
    {
        return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    }
};

Overlap overlap(const QHash<QString, int> &found, const QHash<QString, int> &expected)
{
    int common = 0;
    int foundTotal = 0;
    int expectedTotal = 0;
    for (auto it = found.cbegin(); it != found.cend(); ++it) {
        foundTotal += it.value();
        common += std::min(it.value(), expected.value(it.key()));
    }
    for (int count : expected)
        expectedTotal += count;
    Overlap result;
    result.precision = foundTotal ? double(common) / foundTotal : (expectedTotal ? 0 : 1);
    result.recall = expectedTotal ? double(common) / expectedTotal : 1;
    return result;
}

QString normalisedTitle(QString title)
{
    title = title.simplified();
    for (const auto &[from, to] : { std::pair(u'’', u'\''), std::pair(u'‘', u'\''),
             std::pair(u'“', u'"'), std::pair(u'”', u'"'), std::pair(u'–', u'-'),
             std::pair(u'—', u'-') })
        title.replace(from, to);
    return title.toCaseFolded();
}

/// The expected title, or it without a trailing "– Site" part: Gloss leaves the site's name
/// out of titles where Readability keeps it.
bool titleMatches(const QString &found, const QString &expected)
{
    const QString ours = normalisedTitle(found);
    const QString theirs = normalisedTitle(expected);
    if (ours == theirs)
        return true;
    // A page without a title: Gloss names the article after its file, as for any text.
    if (theirs.isEmpty())
        return ours == u"source"_s;
    static const QRegularExpression separated(u"^\\s+(?:[|\\-\\\\/>»·•_]|::)\\s*\\S"_s);
    return !ours.isEmpty() && theirs.startsWith(ours)
        && separated.match(theirs.mid(ours.size())).hasMatch();
}

} // namespace

class TestReadability : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void suitePagesReadLikeReadability();
};

void TestReadability::suitePagesReadLikeReadability()
{
    GLOSS_REQUIRE_SHARED("corpus/readability");
    const bool verbose = qEnvironmentVariableIsSet("GLOSS_READABILITY_REPORT");
    QDirIterator pages(TestSupport::sharedPath(u"corpus/readability"_s), QDir::Dirs | QDir::NoDotAndDotDot);
    QStringList names;
    while (pages.hasNext())
        names.append(pages.next());
    names.sort();
    double total = 0;
    double worst = 1;
    int under = 0;
    int titlesRight = 0;
    for (const QString &page : std::as_const(names)) {
        QString body;
        QString title;
        ArticleParser::parseFile(page + u"/source.html"_s, [&](Article &&article) {
            body = article.body();
            title = article.title;
            return false;
        });
        Result<HtmlDom> expected
            = HtmlDom::parse(TestSupport::readFile(page + u"/expected.html"_s));
        QVERIFY(expected.ok());
        const Overlap measured = overlap(bagOfWords(body), bagOfWords(expected->textOf(expected->root())));
        const QJsonObject metadata
            = QJsonDocument::fromJson(TestSupport::readFile(page + u"/expected-metadata.json"_s))
                  .object();
        const bool titleRight = titleMatches(title, metadata.value(u"title"_s).toString());
        titlesRight += titleRight;
        total += measured.f1();
        worst = std::min(worst, measured.f1());
        under += measured.f1() < 0.8;
        if (verbose)
            qInfo("%-34s F1 %.3f (P %.3f R %.3f)%s", qPrintable(QFileInfo(page).fileName()),
                measured.f1(), measured.precision, measured.recall,
                titleRight ? "" : qPrintable(u"  title '%1' want '%2'"_s.arg(title,
                                     metadata.value(u"title"_s).toString())));
    }
    const double mean = total / double(names.size());
    qInfo("%lld pages: mean F1 %.3f, worst %.3f, %d under 0.80, titles right %d", qlonglong(names.size()),
        mean, worst, under, titlesRight);
    QVERIFY(names.size() >= 60);
    // The figures reached (docs/formats.md), rounded down; a change may not lower them. The
    // goals were a mean of 0.97, no page under 0.80 and 63 titles of 65.
    QVERIFY2(mean >= 0.99, "mean F1 dropped");
    QVERIFY2(worst >= 0.91, "the worst page got worse");
    QCOMPARE(under, 0);
    QVERIFY2(titlesRight >= int(names.size()), "a title is wrong");
}

QTEST_GUILESS_MAIN(TestReadability)
#include "tst_readability.moc"
