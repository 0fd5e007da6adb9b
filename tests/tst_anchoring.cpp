#include "annotation/textanchor.h"
#include "testsupport.h"

using namespace Qt::StringLiterals;

namespace {

const QString s_text = u"The minister said the budget would pass. Critics said the budget would "
                       "fail. Everyone agreed the vote was close."_s;

} // namespace

class TestAnchoring : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void anchorHasQuoteAndContext();
    void reanchors_data();
    void reanchors();
    void neverSplitsGraphemes_data();
    void neverSplitsGraphemes();
    void deterministic();
    void hardScriptsFromCorpus_data();
    void hardScriptsFromCorpus();
};

void TestAnchoring::anchorHasQuoteAndContext()
{
    const int start = int(s_text.indexOf(u"Critics"_s));
    const TextAnchor anchor = Anchoring::anchorFor(s_text, start, start + 7);
    QCOMPARE(anchor.exact, u"Critics"_s);
    QCOMPARE(anchor.prefix.size(), Anchoring::ContextLength);
    QVERIFY(anchor.prefix.endsWith(u"would pass. "_s));
    QVERIFY(anchor.suffix.startsWith(u" said the budget"_s));
    const TextAnchor atStart = Anchoring::anchorFor(s_text, 0, 3);
    QCOMPARE(atStart.prefix, QString());
}

void TestAnchoring::reanchors_data()
{
    QTest::addColumn<QString>("quote");
    QTest::addColumn<int>("occurrence"); // which occurrence in s_text is highlighted
    QTest::addColumn<QString>("newText");
    QTest::addColumn<QString>("expectedAt"); // text just before the expected place ("" = start)
    QTest::addColumn<int>("status");

    const QString inserted = u"Breaking: "_s + s_text;
    QTest::addRow("unchanged-exact") << u"the budget would fail"_s << 0 << s_text
                                     << u"Critics said "_s << int(AnchorStatus::Exact);
    QTest::addRow("text-inserted-before-moved") << u"the budget would fail"_s << 0 << inserted
                                                << u"Critics said "_s << int(AnchorStatus::Moved);
    QString after = s_text;
    after.append(u" A later sentence was added."_s);
    QTest::addRow("text-inserted-after-exact")
        << u"Critics said"_s << 0 << after << u"pass. "_s << int(AnchorStatus::Exact);
    QString inside = s_text;
    inside.replace(u"the budget would fail"_s, u"the whole budget would fail"_s);
    QTest::addRow("text-inserted-inside-fuzzy") << u"said the budget would fail"_s << 0 << inside
                                                << u"Critics "_s << int(AnchorStatus::Fuzzy);
    // "the budget would" occurs twice; the second one is highlighted and must stay second.
    QTest::addRow("repeated-phrase-keeps-context")
        << u"the budget would"_s << 1 << inserted << u"Critics said "_s << int(AnchorStatus::Moved);
    QString removed = s_text;
    removed.remove(u"Critics said the budget would fail. "_s);
    QTest::addRow("quote-removed-orphaned") << u"Critics said the budget would fail"_s << 0
                                            << removed << QString() << int(AnchorStatus::Orphaned);
    QTest::addRow("typo-fixed-fuzzy") << u"Everyone agreed the vote was close"_s << 0
                                      << QString(s_text).replace(u"vote was"_s, u"vote wos"_s)
                                      << u"fail. "_s << int(AnchorStatus::Fuzzy);
}

void TestAnchoring::reanchors()
{
    QFETCH(QString, quote);
    QFETCH(int, occurrence);
    QFETCH(QString, newText);
    QFETCH(QString, expectedAt);
    QFETCH(int, status);
    qsizetype start = -1;
    for (int i = 0; i <= occurrence; ++i)
        start = s_text.indexOf(quote, start + 1);
    QVERIFY(start >= 0);
    const TextAnchor anchor = Anchoring::anchorFor(s_text, int(start), int(start + quote.size()));
    const AnchorResolution placed = Anchoring::resolve(anchor, newText);
    QCOMPARE(int(placed.status), status);
    if (placed.status == AnchorStatus::Orphaned) {
        QCOMPARE(placed.start, -1);
        return;
    }
    QVERIFY2(
        newText.left(placed.start).endsWith(expectedAt), qPrintable(newText.left(placed.start)));
    if (placed.status != AnchorStatus::Fuzzy)
        QCOMPARE(newText.mid(placed.start, placed.end - placed.start), quote);
}

void TestAnchoring::neverSplitsGraphemes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("start");
    QTest::addColumn<int>("end");
    QTest::addColumn<QString>("exact");
    const QString emoji = u"ok 😀 fine"_s; // the emoji is a surrogate pair at 3..5
    QTest::addRow("inside-surrogate-pair") << emoji << 4 << 5 << u"😀"_s;
    QTest::addRow("end-inside-pair") << emoji << 0 << 4 << u"ok 😀"_s;
    const QString combining = u"cafe\u0301 au lait"_s; // e + combining acute, not composed
    QTest::addRow("combining-mark") << combining << 0 << 4 << u"cafe\u0301"_s;
    const QString family = u"a 👩‍👩‍👧 b"_s;
    QTest::addRow("zwj-sequence") << family << 3 << 5 << u"👩‍👩‍👧"_s;
    const QString hebrew = u"שלום עולם"_s;
    QTest::addRow("right-to-left") << hebrew << 5 << 9 << u"עולם"_s;
}

void TestAnchoring::neverSplitsGraphemes()
{
    QFETCH(QString, text);
    QFETCH(int, start);
    QFETCH(int, end);
    QFETCH(QString, exact);
    const TextAnchor anchor = Anchoring::anchorFor(text, start, end);
    QCOMPARE(anchor.exact, exact);
    QVERIFY(!anchor.exact.front().isLowSurrogate());
    QVERIFY(!anchor.exact.back().isHighSurrogate());
    const AnchorResolution placed = Anchoring::resolve(anchor, QString(u"new "_s + text));
    QCOMPARE(placed.status, AnchorStatus::Moved);
    QCOMPARE(placed.start, anchor.start + 4);
}

void TestAnchoring::deterministic()
{
    const TextAnchor anchor = Anchoring::anchorFor(s_text, 4, 12);
    QString changed = s_text;
    changed.replace(u"minister"_s, u"ministers"_s);
    const AnchorResolution first = Anchoring::resolve(anchor, changed);
    const AnchorResolution second = Anchoring::resolve(anchor, changed);
    QCOMPARE(first.start, second.start);
    QCOMPARE(first.end, second.end);
    QCOMPARE(first.status, second.status);
}

void TestAnchoring::hardScriptsFromCorpus_data()
{
    QTest::addColumn<QString>("file");
    for (const char *name :
        { "Emoji-Lipsum.utf8.txt", "Arabic-Lipsum.utf8.txt", "Hebrew-Lipsum.utf8.txt",
            "Hindi-Lipsum.utf8.txt", "Chinese-Lipsum.utf8.txt", "UTF-8-demo.txt" })
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestAnchoring::hardScriptsFromCorpus()
{
    GLOSS_REQUIRE_SHARED("corpus/unicode");
    QFETCH(QString, file);
    const QString text = QString::fromUtf8(
        TestSupport::readFile(TestSupport::sharedPath(u"corpus/unicode/"_s + file)))
                             .normalized(QString::NormalizationForm_C);
    QVERIFY(text.size() > 100);
    // Arbitrary offsets, as a sloppy selection gives: every anchor comes out whole and is
    // found again, exactly and after text is put in front of it.
    for (int i = 0; i < 200; ++i) {
        const int start = int((qint64(i) * 7919) % (text.size() - 40));
        const int end = start + 1 + (i * 13) % 37;
        const TextAnchor anchor = Anchoring::anchorFor(text, start, end);
        QVERIFY(!anchor.exact.isEmpty());
        QVERIFY(!anchor.exact.front().isLowSurrogate());
        QVERIFY(!anchor.exact.back().isHighSurrogate());
        QVERIFY(anchor.exact.front().category() != QChar::Mark_NonSpacing);
        QCOMPARE(Anchoring::resolve(anchor, text).status, AnchorStatus::Exact);
        const QString shifted = u"Prepended. "_s + text;
        const AnchorResolution moved = Anchoring::resolve(anchor, shifted);
        // Repetitive text (box drawing, runs of one emoji) may hold the same quote at the old
        // offset; wherever it lands, it lands on the quote and never inside a character.
        QVERIFY(moved.status == AnchorStatus::Moved || moved.status == AnchorStatus::Exact);
        QCOMPARE(shifted.mid(moved.start, moved.end - moved.start), anchor.exact);
        if (moved.status == AnchorStatus::Moved && file != u"UTF-8-demo.txt"_s)
            QCOMPARE(moved.start, anchor.start + 11);
    }
}

QTEST_GUILESS_MAIN(TestAnchoring)
#include "tst_anchoring.moc"
