// RTF documents: the text RTF readers show, Nexis exports saved as RTF, and hostile files
// (groups nested a hundred thousand deep, megabytes of text) read in one pass or refused.
#include "article/articleparser.h"
#include "article/docxreader.h"
#include "article/rtfreader.h"
#include "core/zipreader.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QStringDecoder>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QStringList texts(const DocumentText &document)
{
    QStringList list;
    for (const TextLine &line : document.lines) {
        if (!line.text.isEmpty())
            list.append(line.text);
    }
    return list;
}

struct Parsed
{
    QList<Article> articles;
    ParseReport report;
};

Parsed parse(const QByteArray &bytes, const QString &name = u"a.rtf"_s)
{
    Parsed parsed;
    parsed.report = ArticleParser::parseBytes(bytes, name, [&](Article &&article) {
        parsed.articles.append(std::move(article));
        return true;
    });
    return parsed;
}

/// Text as RTF writes it: ASCII as is (with \, { and } escaped), Latin-1 as \'hh, anything
/// else as \uN with a '?' for readers that do not know it.
QByteArray escaped(const QString &text)
{
    QByteArray out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c == u'\\' || c == u'{' || c == u'}')
            out += '\\' + QByteArray(1, char(c));
        else if (c < 0x80)
            out += char(c);
        else if (c < 0x100)
            out += "\\'" + QByteArray::number(c, 16).rightJustified(2, '0');
        else
            out += "\\u" + QByteArray::number(qint16(c)) + '?';
    }
    return out;
}

QByteArray rtfHead()
{
    return "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times New "
           "Roman;}{\\f1\\fswiss Arial;}}{\\colortbl;\\red0\\green0\\blue0;}"
           "{\\*\\generator Gloss tests;}{\\stylesheet{\\s1 heading 1;}}\r\n";
}

/// The paragraphs given as an RTF document, centred ones with \qc, as Nexis and word
/// processors save them.
QByteArray rtfOf(const QList<TextLine> &lines)
{
    QByteArray out = rtfHead();
    for (const TextLine &line : lines) {
        out += line.centred ? "\\pard\\qc " : "\\pard\\plain ";
        out += "{\\f1\\fs20 " + escaped(line.text) + "}\\par\r\n";
    }
    return out + "}";
}

/// A classic text export as RTF: each centred line a centred paragraph, the other lines of
/// a paragraph joined.
QByteArray rtfOfClassicText(const QString &text)
{
    QList<TextLine> lines;
    QString paragraph;
    auto flush = [&] {
        if (!paragraph.isEmpty())
            lines.append({ paragraph, false, false });
        paragraph.clear();
    };
    for (QStringView raw : QStringView(text).split(u'\n')) {
        const QString line = raw.trimmed().toString();
        if (line.isEmpty()) {
            flush();
            lines.append(TextLine());
            continue;
        }
        if (raw.startsWith(u"        "_s)) {
            flush();
            lines.append({ line, true, false });
            continue;
        }
        paragraph += (paragraph.isEmpty() ? QString() : u" "_s) + line;
    }
    flush();
    return rtfOf(lines);
}

} // namespace

class TestRtf : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void controlWordsGroupsAndEscapes();
    void unicodeEscapes();
    void codePages();
    void binaryDataIsSkipped();
    void ordinaryDocumentIsOneArticle();
    void nexisClassicAsRtf();
    void nexisUniAsRtf();
    void hostile_data();
    void hostile();
    void groupsNestedTooDeep();
    void largeDocumentInOnePass();
};

void TestRtf::controlWordsGroupsAndEscapes()
{
    const QByteArray rtf = rtfHead()
        + "{\\info{\\title The Title}{\\author Ann Lee}{\\creatim\\yr2010\\mo1\\dy11\\hr9}"
          "{\\company Skipped Inc}}"
          "{\\header Running header\\par}{\\footer Page \\chpgn\\par}"
          "\\pard\\qc Centred outlet\\par"
          "\\pard Plain {\\b bold} and {\\i italic}\\tab text\\line after a break\\par"
          "{\\*\\unknowndestination hidden text}"
          "Braces \\{ and \\} and a backslash \\\\ stay\\par"
          "{\\field{\\*\\fldinst HYPERLINK \"http://x\"}{\\fldrslt the link}}\\par"
          "\\ldblquote Quoted\\rdblquote \\emdash  then \\lquote single\\rquote\\~end\\par "
          "soft\\-hy\\-phen and non\\_breaking\\par"
          "{\\pict\\wmetafile8 0a0b0c0d}{\\footnote A footnote.}"
          "\\pard\\outlinelevel0 A heading\\par\\pard After\\par}";
    const Result<DocumentText> document = RtfReader::read(rtf);
    QVERIFY2(document.ok(), qPrintable(document.error()));
    QCOMPARE(texts(*document),
        (QStringList { u"Centred outlet"_s, u"Plain bold and italic text"_s, u"after a break"_s,
            u"Braces { and } and a backslash \\ stay"_s, u"the link"_s,
            u"\u201CQuoted\u201D\u2014 then \u2018single\u2019 end"_s,
            u"softhyphen and non\u2011breaking"_s, u"A heading"_s, u"After"_s }));
    QCOMPARE(document->title, u"The Title"_s);
    QCOMPARE(document->author, u"Ann Lee"_s);
    QCOMPARE(document->date, QDate(2010, 1, 11));
    const QList<TextLine> &lines = document->lines;
    QVERIFY(lines.front().centred);
    QVERIFY(!lines.at(1).centred);
    for (const TextLine &line : lines)
        QCOMPARE(line.heading, line.text == u"A heading"_s);
}

void TestRtf::unicodeEscapes()
{
    // \uN is a signed 16-bit value followed by \ucN stand-ins; astral characters come as a
    // surrogate pair.
    const QByteArray rtf = "{\\rtf1\\ansi Caf\\u233?s, \\uc2\\u8364\\'80\\'80 euro, "
                           "{\\uc0\\u8220 no stand-in\\u8221}, \\uc1\\u-10179?\\u-8704? smile, "
                           "\\u20320?\\u22909? hi\\par}";
    const Result<DocumentText> document = RtfReader::read(rtf);
    QVERIFY2(document.ok(), qPrintable(document.error()));
    QCOMPARE(texts(*document),
        QStringList { u"Cafés, \u20AC euro, \u201Cno stand-in\u201D, 😀 smile, 你好 hi"_s });
}

void TestRtf::codePages()
{
    // Windows-1252 bytes, and another code page when the system can decode it.
    const Result<DocumentText> western
        = RtfReader::read("{\\rtf1\\ansi\\ansicpg1252 \\'93na\\'efve\\'94 \\'80 5\\par}");
    QVERIFY(western.ok());
    QCOMPARE(texts(*western), QStringList { u"\u201Cnaïve\u201D \u20AC 5"_s });
    if (!QStringDecoder("windows-1251").isValid())
        QSKIP("this system has no Windows-1251 decoder");
    const Result<DocumentText> cyrillic
        = RtfReader::read("{\\rtf1\\ansi\\ansicpg1251 \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2\\par}");
    QVERIFY(cyrillic.ok());
    QCOMPARE(texts(*cyrillic), QStringList { u"Привет"_s });
}

void TestRtf::binaryDataIsSkipped()
{
    QByteArray rtf = "{\\rtf1 before {\\pict\\bin12 ";
    rtf += QByteArray("}{\\\\par}{\0\xff", 12);
    rtf += "} after\\par}";
    const Result<DocumentText> document = RtfReader::read(rtf);
    QVERIFY(document.ok());
    QCOMPARE(texts(*document), QStringList { u"before after"_s });
}

void TestRtf::ordinaryDocumentIsOneArticle()
{
    const QByteArray rtf = rtfHead() + "{\\info{\\title Council minutes}}"
        + "\\pard\\qc\\b Minutes of the meeting\\b0\\par\\pard First point.\\par Second "
          "point.\\par}";
    const Parsed parsed = parse(rtf);
    QCOMPARE(parsed.articles.size(), 1);
    const Article &article = parsed.articles.front();
    QCOMPARE(article.format, ArticleFormat::Rtf);
    QCOMPARE(article.title, u"Council minutes"_s);
    QCOMPARE(article.body(), u"Minutes of the meeting\nFirst point.\nSecond point."_s);
    // Recognised by its first bytes whatever it is called.
    QCOMPARE(parse(rtf, u"minutes.txt"_s).articles.front().format, ArticleFormat::Rtf);
}

void TestRtf::nexisClassicAsRtf()
{
    GLOSS_REQUIRE_SHARED("corpus/nexis/sample.TXT");
    const QString text = QString::fromUtf8(
        TestSupport::readFile(TestSupport::sharedPath(u"corpus/nexis/sample.TXT"_s)))
                             .remove(u'\r');
    const Parsed fromText = parse(text.toUtf8(), u"sample.txt"_s);
    const Parsed fromRtf = parse(rtfOfClassicText(text), u"sample.rtf"_s);
    QVERIFY(fromRtf.report.failures.isEmpty());
    QCOMPARE(fromRtf.articles.size(), 10);
    for (int i = 0; i < 10; ++i) {
        const Article &rtf = fromRtf.articles.at(i);
        const Article &txt = fromText.articles.at(i);
        QCOMPARE(rtf.format, ArticleFormat::Nexis);
        QCOMPARE(rtf.title, txt.title);
        QCOMPARE(rtf.date, txt.date);
        QCOMPARE(rtf.site, txt.site);
        QCOMPARE(rtf.authors, txt.authors);
        QCOMPARE(rtf.body(), txt.body());
    }
}

void TestRtf::nexisUniAsRtf()
{
    GLOSS_REQUIRE_SHARED("corpus/nexis/sample.DOCX");
    Result<ZipReader> archive
        = ZipReader::open(TestSupport::sharedPath(u"corpus/nexis/sample.DOCX"_s));
    QVERIFY(archive.ok());
    const Result<DocumentText> document = DocxReader::read(*archive);
    QVERIFY(document.ok());
    const Parsed parsed = parse(rtfOf(document->lines), u"uni.rtf"_s);
    QVERIFY(parsed.report.failures.isEmpty());
    QCOMPARE(parsed.articles.size(), 10);
    QCOMPARE(parsed.articles.front().title, u"Lorem ipsum dolor sit amet"_s);
    QCOMPARE(parsed.articles.front().date, QDate(2019, 7, 1));
    QCOMPARE(parsed.articles.back().title, u"What is Wikipedia"_s);
    for (const Article &article : parsed.articles) {
        QCOMPARE(article.site, u"The Guardian (London)"_s);
        QVERIFY(!article.body().contains(u"End of Document"_s));
    }
}

void TestRtf::hostile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("reason");
    QTest::addRow("not rtf") << QByteArray("plain words named .rtf") << u"a.rtf"_s
                             << u"not an RTF document"_s;
    QTest::addRow("only tables") << QByteArray("{\\rtf1{\\fonttbl{\\f0 Arial;}}}") << u"a.rtf"_s
                                 << u"no text"_s;
    QTest::addRow("empty") << QByteArray() << u"a.rtf"_s << u"not an RTF document"_s;
}

void TestRtf::hostile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, name);
    QFETCH(QString, reason);
    const Parsed parsed = parse(bytes, name);
    QVERIFY(parsed.articles.isEmpty());
    QCOMPARE(parsed.report.failures.size(), 1);
    const QString message = parsed.report.failures.front().message;
    QVERIFY2(message.contains(reason), qPrintable(message));
    QVERIFY(!message.contains(u'\n'));
}

void TestRtf::groupsNestedTooDeep()
{
    const QByteArray deep
        = "{\\rtf1 " + QByteArray(100000, '{') + "text" + QByteArray(100000, '}') + "}";
    const Parsed parsed = parse(deep);
    QVERIFY(parsed.articles.isEmpty());
    QCOMPARE(parsed.report.failures.size(), 1);
    QVERIFY2(parsed.report.failures.front().message.contains(u"nests its groups more than 1000"_s),
        qPrintable(parsed.report.failures.front().message));
    // Cut short and never closed: what is there is read.
    const QByteArray unclosed = "{\\rtf1 " + QByteArray(900, '{') + "still text\\par more";
    const Result<DocumentText> open = RtfReader::read(unclosed);
    QVERIFY(open.ok());
    QCOMPARE(texts(*open), (QStringList { u"still text"_s, u"more"_s }));
}

void TestRtf::largeDocumentInOnePass()
{
    // About 24 MB of paragraphs with escapes and groups: read whole, every paragraph kept.
    QByteArray rtf = rtfHead();
    const QByteArray paragraph
        = "\\pard{\\b Caf\\'e9} \\u8220?quoted\\u8221?{\\*\\bkmkstart x} {\\f1 text} of a "
          "paragraph\\tab that goes on\\par\r\n";
    const int count = 24 * 1024 * 1024 / int(paragraph.size());
    rtf.reserve(rtf.size() + paragraph.size() * count + 2);
    for (int i = 0; i < count; ++i)
        rtf += paragraph;
    rtf += '}';
    const Result<DocumentText> document = RtfReader::read(rtf);
    QVERIFY(document.ok());
    QCOMPARE(texts(*document).size(), count);
    QCOMPARE(document->lines.front().text,
        u"Café \u201Cquoted\u201D text of a paragraph that goes on"_s);
}

QTEST_GUILESS_MAIN(TestRtf)
#include "tst_rtf.moc"
