#include "article/articleparser.h"
#include "quotes/quotedetector.h"
#include "testsupport.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

class TestQuotes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void seedArticle();
    void cues_data();
    void cues();
    void scareQuotesAndTitlesAreNotQuotations();
    void quotationOverParagraphs();
    void randomTextKeepsSpansValid();
    void unicodeCorpusNamesNobodyByGuess();
};

void TestQuotes::seedArticle()
{
    QList<Article> articles;
    ArticleParser::parseFile(u":/samples/gilmore-girls-ventimiglia.txt"_s, [&](Article &&article) {
        articles.append(std::move(article));
        return true;
    });
    QCOMPARE(articles.size(), 1);
    const QString body = articles.front().body();
    const QuoteAnalysis analysis = QuoteDetector::analyse(body);
    QList<Quotation> top;
    QList<Quotation> nested;
    for (const Quotation &quotation : analysis.quotations)
        (quotation.parent < 0 ? top : nested).append(quotation);
    // Every quotation is Milo Ventimiglia's, whether cued "Ventimiglia said", "He added",
    // "he said" between two halves, or a short quotation inside a sentence about him.
    QCOMPARE(top.size(), 10);
    for (const Quotation &quotation : std::as_const(top))
        QVERIFY2(quotation.speaker == u"Milo Ventimiglia"_s, qPrintable(quotation.text));
    QVERIFY(std::any_of(top.cbegin(), top.cend(),
        [](const Quotation &q) { return q.text.startsWith(u"more story to tell"_s); }));
    // The quotation inside a quotation, nested in its parent.
    QCOMPARE(nested.size(), 1);
    QVERIFY(nested.front().text.startsWith(u"Hey, this what I did"_s));
    const Quotation &parent = analysis.quotations.at(nested.front().parent);
    QVERIFY(parent.start < nested.front().start && nested.front().end <= parent.end);
    // 'Gilmore Girls' in the caption is a title, not a quotation.
    const int caption = int(body.indexOf(u"'Gilmore Girls'"_s));
    for (const Quotation &quotation : analysis.quotations)
        QVERIFY(quotation.start > caption + 20 || quotation.end < caption);
    // Spans point at the text: the mark, then the words.
    for (const Quotation &quotation : std::as_const(top)) {
        QVERIFY(body.mid(quotation.start + 1).startsWith(quotation.text.left(10)));
        // The words without the marks, as a reader would select them.
        QCOMPARE(quotation.innerStart, quotation.start + 1);
        QVERIFY(QStringView(u"\"”").contains(body.at(quotation.innerEnd)));
        QVERIFY(body.mid(quotation.innerStart, quotation.innerEnd - quotation.innerStart)
                    .endsWith(quotation.text.right(10)));
    }
    QCOMPARE(analysis.speakers.size(), 1);
    QCOMPARE(analysis.speakers.front().name, u"Milo Ventimiglia"_s);
    QCOMPARE(analysis.speakers.front().quotations, 10);
    // The forms the article names him by.
    QVERIFY(analysis.speakers.front().mentions.contains(u"Milo Ventimiglia"_s));
    QVERIFY(analysis.speakers.front().mentions.contains(u"Ventimiglia"_s));
}

void TestQuotes::cues_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("speaker");
    QTest::addRow("name-said") << u"Jane Doe spoke. \"We will win this vote,\" Doe said."_s
                               << u"Jane Doe"_s;
    QTest::addRow("said-name") << u"\"We will win this vote,\" said Jane Doe."_s << u"Jane Doe"_s;
    QTest::addRow("according-to") << u"\"The figures are wrong again,\" according to Tom Hill."_s
                                  << u"Tom Hill"_s;
    QTest::addRow("colon") << u"Ann Lee: “I never said that in public.”"_s << u"Ann Lee"_s;
    QTest::addRow("told") << u"Ann Lee told reporters: \"There is nothing to add here.\""_s
                          << u"Ann Lee"_s;
    QTest::addRow("curly-present-tense")
        << u"“Prices keep rising every week,” Bo Chen says."_s << u"Bo Chen"_s;
    QTest::addRow("role-description")
        << u"Texas Judge Letitia Clark ruled on Friday. \"The case fails here,\" the judge said."_s
        << u"Letitia Clark"_s;
    QTest::addRow("apposition-after")
        << u"\"Prices will rise next year,\" said Jill Finger, a research director at IDC."_s
        << u"Jill Finger"_s;
    QTest::addRow("spokesman-for-organisation")
        << u"\"We have no comment on it,\" a Home Office spokesman said."_s << u"Home Office"_s;
    QTest::addRow("title-and-surname")
        << u"Gazprom chief Alexei Miller spoke. \"Growth is back for us,\" Mr Miller added."_s
        << u"Alexei Miller"_s;
    QTest::addRow("role-word-as-surname")
        << u"\"I write every single day,\" said Stephen King."_s << u"Stephen King"_s;
    QTest::addRow("description-after-a-fronted-clause")
        << u"Tony Blair toured the north. Speaking amid a flurry of campaigning, the prime "
           "minister said: \"I am ready for the vote.\""_s
        << u"Tony Blair"_s;
    QTest::addRow("indefinite-is-nobody")
        << u"\"It was a long night for all,\" one trader said."_s << QString();
    QTest::addRow("no-cue-unknown")
        << u"It was reported that \"the plan would fail within weeks\" and nothing more."_s
        << QString();
}

void TestQuotes::cues()
{
    QFETCH(QString, body);
    QFETCH(QString, speaker);
    const QuoteAnalysis analysis = QuoteDetector::analyse(body);
    QCOMPARE(analysis.quotations.size(), 1);
    QCOMPARE(analysis.quotations.front().speaker, speaker);
}

void TestQuotes::scareQuotesAndTitlesAreNotQuotations()
{
    const QuoteAnalysis analysis = QuoteDetector::analyse(
        u"The so-called \"reform\" was a \"Trojan horse\" for the 'Gilmore Girls' fans."_s);
    QVERIFY(analysis.quotations.isEmpty());
}

void TestQuotes::quotationOverParagraphs()
{
    const QString body = u"\"The first paragraph of a long statement goes on,\n"
                         "\"and the second one closes it,\" Ann Lee said."_s;
    const QuoteAnalysis analysis = QuoteDetector::analyse(body);
    QCOMPARE(analysis.quotations.size(), 1);
    QCOMPARE(analysis.quotations.front().start, 0);
    QVERIFY(analysis.quotations.front().end > body.indexOf(u'\n'));
    QCOMPARE(analysis.quotations.front().speaker, u"Ann Lee"_s);
}

void TestQuotes::randomTextKeepsSpansValid()
{
    // Marks in every odd place: spans must stay inside the text, in order, nested inside their
    // parents, and the speaker counts must add up.
    static const QStringList tokens = { u"\""_s, u"“"_s, u"”"_s, u"'"_s, u"‘"_s, u"’"_s, u"«"_s,
        u"»"_s, u"said"_s, u"he"_s, u"she"_s, u"Ann Lee"_s, u"Mr Lee"_s, u"the judge"_s, u"told"_s,
        u","_s, u"."_s, u":"_s, u"\n"_s, u"word"_s, u"according to"_s, u"it's"_s, u"Tom"_s, u"a"_s,
        u"?"_s, u"—"_s, u"😀"_s, u"so-called"_s };
    QRandomGenerator random(4242);
    for (int round = 0; round < 2000; ++round) {
        QString body;
        const int length = int(random.bounded(1, 60));
        for (int i = 0; i < length; ++i) {
            body += tokens.at(int(random.bounded(tokens.size())));
            if (random.bounded(3) != 0)
                body += u' ';
        }
        const QuoteAnalysis analysis = QuoteDetector::analyse(body);
        int previousEnd = 0;
        int attributed = 0;
        for (const Quotation &quotation : analysis.quotations) {
            QVERIFY2(quotation.start >= 0 && quotation.start < quotation.innerStart
                    && quotation.innerStart <= quotation.innerEnd
                    && quotation.innerEnd <= quotation.end && quotation.end <= body.size(),
                qPrintable(body));
            if (quotation.parent < 0) {
                QVERIFY2(quotation.start >= previousEnd, qPrintable(body));
                previousEnd = quotation.end;
                attributed += quotation.speaker.isEmpty() ? 0 : 1;
            } else {
                const Quotation &parent = analysis.quotations.at(quotation.parent);
                QVERIFY(parent.start < quotation.start && quotation.end <= parent.end);
            }
        }
        int counted = 0;
        for (const Speaker &speaker : analysis.speakers)
            counted += speaker.quotations;
        QCOMPARE(counted, attributed);
    }
}

void TestQuotes::unicodeCorpusNamesNobodyByGuess()
{
    GLOSS_REQUIRE_SHARED("corpus/unicode");
    // Texts with quotation marks but no reported speech: every quotation stays unattributed.
    for (const QString &name : { u"UTF-8-demo.txt"_s, u"blns.txt"_s,
             u"wikipedia_mars-german.latin1.txt"_s, u"Emoji-Lipsum.utf8.txt"_s }) {
        QStringList bodies;
        ArticleParser::parseFile(
            TestSupport::sharedPath(u"corpus/unicode/"_s + name), [&](Article &&article) {
                bodies.append(article.body());
                return true;
            });
        QVERIFY(!bodies.isEmpty());
        for (const QString &body : std::as_const(bodies)) {
            for (const Quotation &quotation : QuoteDetector::analyse(body).quotations) {
                QVERIFY(quotation.end <= body.size());
                QVERIFY2(
                    quotation.speaker.isEmpty(), qPrintable(name + u": "_s + quotation.speaker));
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestQuotes)
#include "tst_quotes.moc"
