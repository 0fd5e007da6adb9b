#include "article/textdecoder.h"
#include "testsupport.h"

using namespace Qt::StringLiterals;

class TestTextDecoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decodes_data();
    void decodes();
    void refusesEmptyAndBinary_data();
    void refusesEmptyAndBinary();
    void windows1252IsWarned();
    void cleanTextKeepsNewlinesOnly();
};

void TestTextDecoder::decodes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("encoding");

    QTest::addRow("plain-utf8") << QByteArray("Hello, world") << u"Hello, world"_s << u"UTF-8"_s;
    QTest::addRow("utf8-bom") << QByteArray("\xEF\xBB\xBFTitle\n\nBody") << u"Title\n\nBody"_s
                              << u"UTF-8"_s;
    QTest::addRow("utf8-multibyte") << QByteArray("caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D")
                                    << u"café “quoted”"_s << u"UTF-8"_s;
    QTest::addRow("utf16le-bom") << QByteArray("\xFF\xFEH\0i\0\n\0", 8) << u"Hi\n"_s
                                 << u"UTF-16LE"_s;
    QTest::addRow("utf16be-bom") << QByteArray("\xFE\xFF\0H\0i", 6) << u"Hi"_s << u"UTF-16BE"_s;
    QTest::addRow("crlf") << QByteArray("a\r\nb\r\n\r\nc") << u"a\nb\n\nc"_s << u"UTF-8"_s;
    QTest::addRow("lone-cr") << QByteArray("a\rb\r\rc") << u"a\nb\n\nc"_s << u"UTF-8"_s;
    QTest::addRow("controls-removed")
        << QByteArray("a stray\x01 control, a DEL\x7F and an escape\x1B in ordinary text")
        << u"a stray control, a DEL and an escape in ordinary text"_s << u"UTF-8"_s;
    QTest::addRow("tab-becomes-space") << QByteArray("a\tb") << u"a b"_s << u"UTF-8"_s;
    QTest::addRow("nfc") << QByteArray("e\xCC\x81t\xC3\xA9") << u"été"_s << u"UTF-8"_s;
    QTest::addRow("emoji-kept") << QByteArray("ok \xF0\x9F\x98\x80!") << u"ok 😀!"_s << u"UTF-8"_s;
}

void TestTextDecoder::decodes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    QFETCH(QString, encoding);
    const Result<DecodedText> decoded = decodeText(bytes);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error()));
    QCOMPARE(decoded->text, expected);
    QCOMPARE(decoded->encoding, encoding);
    QVERIFY(decoded->warning.isEmpty());
}

void TestTextDecoder::refusesEmptyAndBinary_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    QTest::addRow("empty") << QByteArray() << u"empty"_s;
    QTest::addRow("whitespace-only") << QByteArray(" \n\r\n\t ") << u"no text"_s;
    QTest::addRow("nul-bytes") << QByteArray("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16) << u"binary"_s;
    QByteArray noise;
    for (int i = 0; i < 4096; ++i)
        noise.append(char((i * 7) % 32 == 10 ? 1 : (i * 7) % 32));
    QTest::addRow("control-noise") << noise << u"binary"_s;
}

void TestTextDecoder::refusesEmptyAndBinary()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    const Result<DecodedText> decoded = decodeText(bytes);
    QVERIFY(!decoded.ok());
    QVERIFY2(decoded.error().contains(reason), qPrintable(decoded.error()));
}

void TestTextDecoder::windows1252IsWarned()
{
    const Result<DecodedText> decoded = decodeText(QByteArray("\x93"
                                                              "Caf\xE9\x94 costs \x80"
                                                              "5"));
    QVERIFY(decoded.ok());
    QCOMPARE(decoded->text, u"“Café” costs €5"_s);
    QCOMPARE(decoded->encoding, u"Windows-1252"_s);
    QVERIFY(decoded->warning.contains(u"Windows-1252"_s));
}

void TestTextDecoder::cleanTextKeepsNewlinesOnly()
{
    QCOMPARE(cleanText(u"a\u2028b\u2029c\uFEFFd\0e"_s), u"a\nb\ncde"_s);
    QCOMPARE(simplifyLine(u"  several   spaces\u00A0here  "_s), u"several spaces here"_s);
}

QTEST_GUILESS_MAIN(TestTextDecoder)
#include "tst_textdecoder.moc"
