#include "library/ftsquery.h"
#include "testsupport.h"

using namespace Qt::StringLiterals;

class TestFtsQuery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void translates_data();
    void translates();
    void termsAreBounded();
};

void TestFtsQuery::translates_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("match");
    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("spaces") << u"   "_s << QString();
    QTest::addRow("last-word-is-prefix") << u"time war"_s << u"\"time\" \"war\"*"_s;
    QTest::addRow("short-last-word-whole") << u"time wa"_s << u"\"time\" \"wa\""_s;
    QTest::addRow("trailing-space-whole-word") << u"time war "_s << u"\"time\" \"war\""_s;
    QTest::addRow("phrase") << u"\"time warner\""_s << u"\"time warner\""_s;
    QTest::addRow("exclude") << u"film -oscar "_s << u"\"film\" NOT \"oscar\""_s;
    QTest::addRow("exclude-alone-ignored") << u"-oscar"_s << QString();
    QTest::addRow("or") << u"film OR movie "_s << u"\"film\" OR \"movie\""_s;
    QTest::addRow("quotes-escaped") << u"a\"b "_s << u"\"a\"\"b\""_s;
    QTest::addRow("punctuation-only-dropped") << u"*** ( ) "_s << QString();
    QTest::addRow("fts-syntax-neutralised")
        << u"title: NEAR(a b) "_s << u"\"title:\" \"NEAR(a\" \"b)\""_s;
    QTest::addRow("unterminated-phrase") << u"\"open phrase"_s << u"\"open phrase\""_s;
}

void TestFtsQuery::translates()
{
    QFETCH(QString, typed);
    QFETCH(QString, match);
    QCOMPARE(FtsQuery::fromUserText(typed), match);
}

void TestFtsQuery::termsAreBounded()
{
    // The same word four hundred times is one word.
    const QString repeated = u"budget "_s.repeated(400);
    QCOMPARE(FtsQuery::fromUserText(repeated), u"\"budget\""_s);
    QVERIFY(FtsQuery::limitNote(repeated).isEmpty());
    // Thousands of different words: the first 64 are searched, and the rest are said to be left.
    QString many;
    for (int i = 0; i < 5000; ++i)
        many += u"word%1 "_s.arg(i);
    const QString match = FtsQuery::fromUserText(many);
    QCOMPARE(match.count(u"\"word"_s), FtsQuery::MaximumTerms);
    QVERIFY(match.contains(u"\"word63\""_s));
    QVERIFY(!match.contains(u"\"word64\""_s));
    QVERIFY(FtsQuery::limitNote(many).contains(u"4936"_s));
}

QTEST_GUILESS_MAIN(TestFtsQuery)
#include "tst_ftsquery.moc"
