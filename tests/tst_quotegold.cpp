#include "article/articleparser.h"
#include "quotes/quotedetector.h"
#include "testsupport.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

// Scores the quotation detector against the hand-made gold set in tests/data/quotes (how it
// was made: docs/quotes.md). A quotation counts as found only when its span matches the gold
// span exactly, marks included; its speaker is right when it matches one of the answers the
// gold line accepts.

namespace {

struct GoldQuotation
{
    QString opening;
    QString closing;
    QStringList speakers; ///< accepted answers, normalised; "" means nobody named
    bool nested = false;
    int start = -1;
    int end = -1;
};

struct GoldArticle
{
    QString file;
    QList<GoldQuotation> quotations;
};

// Titles and articles are not part of a name: "Sir Andrew Green" and "Andrew Green", "the SFA"
// and "SFA" are the same answer.
QString normalisedSpeaker(const QString &speaker)
{
    // An unnamed source is its description, without the article: "~ a company spokesman".
    if (speaker.startsWith(u'~')) {
        static const QRegularExpression article(u"^(?:the|a|an|one|another|some)\\s+"_s,
            QRegularExpression::CaseInsensitiveOption);
        QString description = speaker.mid(1).simplified();
        description.remove(article);
        return u"~ "_s + description.toCaseFolded();
    }
    static const QRegularExpression honorific(
        u"^(?:the|a|an|mr|mrs|ms|dr|sir|lord|lady|prof|professor)\\s+"_s,
        QRegularExpression::CaseInsensitiveOption);
    QString name = speaker.simplified();
    while (true) {
        const QString shorter = QString(name).remove(honorific);
        if (shorter == name)
            break;
        name = shorter;
    }
    return name.toCaseFolded();
}

QList<GoldArticle> readGoldSet(const QString &path)
{
    QList<GoldArticle> articles;
    const QStringList lines = QString::fromUtf8(TestSupport::readFile(path)).split(u'\n');
    for (const QString &line : lines) {
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (line.startsWith(u"== "_s)) {
            articles.append({ line.mid(3).trimmed(), {} });
            continue;
        }
        const qsizetype arrow = line.lastIndexOf(u" => "_s);
        if (arrow < 0 || articles.isEmpty())
            qFatal("malformed gold line: %s", qPrintable(line));
        GoldQuotation quotation;
        QString span = line.left(arrow);
        quotation.nested = span.startsWith(u'>');
        if (quotation.nested)
            span.remove(0, 1);
        const qsizetype ellipsis = span.indexOf(u" ... "_s);
        quotation.opening = ellipsis < 0 ? span : span.left(ellipsis);
        quotation.closing = ellipsis < 0 ? QString() : span.mid(ellipsis + 5);
        for (const QString &answer : line.mid(arrow + 4).split(u'|')) {
            const QString trimmed = answer.trimmed();
            quotation.speakers.append(trimmed == u"?"_s ? QString() : normalisedSpeaker(trimmed));
        }
        articles.back().quotations.append(quotation);
    }
    return articles;
}

QString articleBody(const QString &path)
{
    QString body;
    ArticleParser::parseFile(path, [&](Article &&article) {
        body = article.body();
        return false;
    });
    return body;
}

// Places each gold quotation in the body: its opening after the previous quotation's start,
// its closing after its opening. False, with the line, when the text is not there.
bool locate(const QString &body, GoldArticle &article, QString *problem)
{
    int cursor = 0;
    for (GoldQuotation &quotation : article.quotations) {
        const int start = int(body.indexOf(quotation.opening, cursor));
        if (start < 0) {
            *problem = article.file + u": cannot find "_s + quotation.opening;
            return false;
        }
        int end = start + int(quotation.opening.size());
        if (!quotation.closing.isEmpty()) {
            const int closing = int(body.indexOf(quotation.closing, end));
            if (closing < 0) {
                *problem = article.file + u": cannot find "_s + quotation.closing;
                return false;
            }
            end = closing + int(quotation.closing.size());
        }
        quotation.start = start;
        quotation.end = end;
        cursor = start + 1;
    }
    return true;
}

/// The role a description names: its last word, singular ("federal labor judges" → judge).
QString roleOf(const QString &description)
{
    QString head = description.section(u' ', -1);
    if (head.endsWith(u"ies"_s))
        head = head.chopped(3) + u'y';
    else if (head.endsWith(u"men"_s))
        head = head.chopped(3) + u"man"_s;
    else if (head.endsWith(u's') && !head.endsWith(u"ss"_s))
        head.chop(1);
    return head;
}

/// Whether a detected speaker is one the gold line accepts: the same name, or for an unnamed
/// source a description that names the same role (docs/quotes.md).
bool speakerAccepted(const QString &detected, const QStringList &accepted)
{
    if (accepted.contains(detected))
        return true;
    if (!detected.startsWith(u'~'))
        return false;
    const QString role = roleOf(detected.mid(2));
    return std::any_of(accepted.cbegin(), accepted.cend(), [&](const QString &answer) {
        return answer.startsWith(u'~') && roleOf(answer.mid(2)) == role;
    });
}

struct Score
{
    int gold = 0;
    int detected = 0;
    int matched = 0;
    int speakersRight = 0;

    double precision() const { return detected ? double(matched) / detected : 0; }
    double recall() const { return gold ? double(matched) / gold : 0; }
    double f1() const
    {
        const double sum = precision() + recall();
        return sum > 0 ? 2 * precision() * recall() / sum : 0;
    }
    double speakerAccuracy() const { return matched ? double(speakersRight) / matched : 0; }
};

} // namespace

struct GoldSet
{
    QList<GoldArticle> articles;
    QHash<QString, QString> bodies;
};

/// The us2023 articles by their address, as the library would hold them.
QHash<QString, QString> us2023Bodies()
{
    QHash<QString, QString> bodies;
    ArticleParser::parseFile(TestSupport::sharedPath(u"corpus/us2023/newsdata-2023-03.jsonl"_s),
        [&](Article &&article) {
            if (!bodies.contains(article.url))
                bodies.insert(article.url, article.body());
            return true;
        });
    return bodies;
}

// Reads a set and places its quotations in the parsed articles; empty when any is not found.
// BBC sets name files of the corpus; us2023 sets name the articles' addresses.
GoldSet loadSet(const QString &name)
{
    GoldSet set;
    set.articles = readGoldSet(QString::fromUtf8(GLOSS_TEST_DATA) + u"/quotes/"_s + name);
    const bool us2023 = name.startsWith(u"us2023"_s);
    const QHash<QString, QString> byUrl = us2023 ? us2023Bodies() : QHash<QString, QString>();
    for (GoldArticle &article : set.articles) {
        const QString body = us2023
            ? byUrl.value(article.file)
            : articleBody(TestSupport::sharedPath(u"corpus/bbc/"_s + article.file));
        QString problem;
        if (body.isEmpty() || !locate(body, article, &problem)) {
            qWarning("%s", qPrintable(problem.isEmpty() ? article.file : problem));
            return {};
        }
        set.bodies.insert(article.file, body);
    }
    return set;
}

class TestQuoteGold : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void goldSetIsWellFormed_data();
    void goldSetIsWellFormed();
    void detectorMeetsTheMeasuredFigures_data();
    void detectorMeetsTheMeasuredFigures();
};

void TestQuoteGold::goldSetIsWellFormed_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("corpus");
    QTest::addRow("bbc") << u"bbc-gold.txt"_s << u"corpus/bbc"_s;
    QTest::addRow("bbc-heldout") << u"bbc-heldout.txt"_s << u"corpus/bbc"_s;
    QTest::addRow("us2023") << u"us2023-gold.txt"_s << u"corpus/us2023"_s;
    QTest::addRow("us2023-heldout") << u"us2023-heldout.txt"_s << u"corpus/us2023"_s;
}

void TestQuoteGold::goldSetIsWellFormed()
{
    QFETCH(QString, file);
    QFETCH(QString, corpus);
    if (!TestSupport::hasShared(corpus))
        QSKIP("../shared is not here; this test needs the corpus");
    const GoldSet set = loadSet(file);
    QVERIFY(!set.articles.isEmpty());
    int quotations = 0;
    static const QString marks = u"\"'“”‘’"_s;
    for (const GoldArticle &article : set.articles) {
        const QString &body = set.bodies.value(article.file);
        for (const GoldQuotation &quotation : article.quotations) {
            ++quotations;
            // A span starts at an opening mark and ends at a closing one (any kind: one text
            // closes with a left mark, as written).
            const QChar first = body.at(quotation.start);
            const QChar last = body.at(quotation.end - 1);
            QVERIFY2(marks.contains(first), qPrintable(quotation.opening));
            QVERIFY2(marks.contains(last), qPrintable(quotation.opening));
        }
    }
    // The issue asks for at least 40 articles and 200 quotations in a development set.
    if (!file.contains(u"heldout"_s)) {
        QVERIFY(set.articles.size() >= 40);
        QVERIFY(quotations >= 200);
    }
}

void TestQuoteGold::detectorMeetsTheMeasuredFigures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<double>("minimumPrecision");
    QTest::addColumn<double>("minimumRecall");
    QTest::addColumn<double>("minimumSpeakerAccuracy");
    // The figures reached (docs/quotes.md), rounded down; a change to the detector may not
    // lower them. The rules were written against the first set; the second was marked
    // afterwards and never tuned on.
    QTest::addRow("development") << u"bbc-gold.txt"_s << 0.99 << 1.0 << 0.97;
    QTest::addRow("held-out") << u"bbc-heldout.txt"_s << 0.97 << 1.0 << 0.95;
    QTest::addRow("us2023") << u"us2023-gold.txt"_s << 0.0 << 0.0 << 0.0;
    QTest::addRow("us2023-held-out") << u"us2023-heldout.txt"_s << 0.0 << 0.0 << 0.0;
}

void TestQuoteGold::detectorMeetsTheMeasuredFigures()
{
    QFETCH(QString, file);
    if (!TestSupport::hasShared(file.startsWith(u"us2023"_s) ? u"corpus/us2023"_s : u"corpus/bbc"_s))
        QSKIP("../shared is not here; this test needs the corpus");
    QFETCH(double, minimumPrecision);
    QFETCH(double, minimumRecall);
    QFETCH(double, minimumSpeakerAccuracy);
    const GoldSet set = loadSet(file);
    QVERIFY(!set.articles.isEmpty());
    const bool verbose = qEnvironmentVariableIsSet("GLOSS_QUOTE_REPORT");
    Score score;
    for (const GoldArticle &article : set.articles) {
        const QString &body = set.bodies.value(article.file);
        const QuoteAnalysis analysis = QuoteDetector::analyse(body);
        score.gold += int(article.quotations.size());
        score.detected += int(analysis.quotations.size());
        QList<bool> used(analysis.quotations.size(), false);
        for (const GoldQuotation &gold : article.quotations) {
            qsizetype found = -1;
            for (qsizetype i = 0; i < analysis.quotations.size(); ++i) {
                const Quotation &quotation = analysis.quotations.at(i);
                if (quotation.start == gold.start && quotation.end == gold.end)
                    found = i;
            }
            if (found < 0) {
                if (verbose)
                    qInfo("MISSED %s: %s", qPrintable(article.file), qPrintable(gold.opening));
                continue;
            }
            used[found] = true;
            ++score.matched;
            const QString speaker = normalisedSpeaker(analysis.quotations.at(found).speaker);
            if (speakerAccepted(speaker, gold.speakers))
                ++score.speakersRight;
            else if (verbose)
                qInfo("SPEAKER %s: %s -> '%s', want '%s'", qPrintable(article.file),
                    qPrintable(gold.opening), qPrintable(speaker),
                    qPrintable(gold.speakers.join(u" | ")));
        }
        for (qsizetype i = 0; verbose && i < analysis.quotations.size(); ++i) {
            if (!used.at(i))
                qInfo("EXTRA %s: %s", qPrintable(article.file),
                    qPrintable(body.mid(analysis.quotations.at(i).start, 60)));
        }
    }
    qInfo("gold %d, detected %d, matched %d: precision %.3f, recall %.3f, F1 %.3f; "
          "speakers right %d of %d (%.3f)",
        score.gold, score.detected, score.matched, score.precision(), score.recall(), score.f1(),
        score.speakersRight, score.matched, score.speakerAccuracy());
    QVERIFY2(score.precision() >= minimumPrecision, "span precision dropped");
    QVERIFY2(score.recall() >= minimumRecall, "span recall dropped");
    QVERIFY2(score.speakerAccuracy() >= minimumSpeakerAccuracy, "speaker accuracy dropped");
}

QTEST_GUILESS_MAIN(TestQuoteGold)
#include "tst_quotegold.moc"
