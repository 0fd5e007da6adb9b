// Word documents: the paragraphs as Word shows them, and hostile archives and XML refused with
// one sentence.
#include "article/articleparser.h"
#include "article/docxreader.h"
#include "core/zipreader.h"
#include "documentfixtures.h"
#include "testsupport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace DocumentFixtures;

namespace {

QStringList texts(const DocumentText &document)
{
    QStringList list;
    for (const TextLine &line : document.lines)
        list.append(line.text);
    return list;
}

struct Parsed
{
    QList<Article> articles;
    ParseReport report;
};

Parsed parse(const QByteArray &bytes, const QString &name = u"a.docx"_s)
{
    Parsed parsed;
    parsed.report = ArticleParser::parseBytes(bytes, name, [&](Article &&article) {
        parsed.articles.append(std::move(article));
        return true;
    });
    return parsed;
}

QString failureOf(const QByteArray &bytes, const QString &name = u"a.docx"_s)
{
    const Parsed parsed = parse(bytes, name);
    if (!parsed.articles.isEmpty() || parsed.report.failures.size() != 1)
        return u"(%1 articles, %2 failures)"_s.arg(parsed.articles.size())
            .arg(parsed.report.failures.size());
    return parsed.report.failures.front().message;
}

} // namespace

class TestDocx : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void paragraphsTabsAndBreaks();
    void onlyTheTextShown();
    void textBoxesAndTables();
    void ordinaryDocumentIsOneArticle();
    void nexisSample();
    void hostile_data();
    void hostile();
    void zipBombStopsAtItsCap();
};

void TestDocx::paragraphsTabsAndBreaks()
{
    const QByteArray xml = wordXml(paragraph("Centred outlet", true)
        + "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:tabs><w:tab w:val=\"left\" "
          "w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t>A heading</w:t></w:r></w:p>"
          "<w:p><w:r><w:t>one</w:t></w:r><w:r><w:tab/><w:t>two</w:t></w:r>"
          "<w:r><w:br/><w:t xml:space=\"preserve\">  after a break </w:t></w:r></w:p>"
          "<w:p/>"
          "<w:p><w:r><w:t>well</w:t><w:noBreakHyphen/><w:t>known &amp; &#x263A;</w:t></w:r></w:p>");
    const Result<DocumentText> document = DocxReader::readDocumentXml(xml);
    QVERIFY2(document.ok(), qPrintable(document.error()));
    QCOMPARE(texts(*document),
        (QStringList { u"Centred outlet"_s, u"A heading"_s, u"one two"_s, u"after a break"_s,
            QString(), u"well\u2011known & \u263A"_s }));
    QVERIFY(document->lines.at(0).centred);
    QVERIFY(!document->lines.at(1).centred);
    QVERIFY(document->lines.at(1).heading);
    QVERIFY(!document->lines.at(2).heading);
    QVERIFY(!document->wrapped);
}

void TestDocx::onlyTheTextShown()
{
    // Tracked deletions, moved-away text, field codes and the fallback copy of a shape are
    // not what Word shows.
    const QByteArray xml = wordXml(
        "<w:p><w:r><w:t>kept</w:t></w:r><w:del w:id=\"1\"><w:r><w:delText>deleted</w:delText>"
        "</w:r></w:del><w:ins w:id=\"2\"><w:r><w:t xml:space=\"preserve\"> inserted</w:t></w:r>"
        "</w:ins></w:p>"
        "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE "
        "</w:instrText></w:r><w:r><w:t>7</w:t></w:r><w:moveFrom w:id=\"3\"><w:r><w:t>moved"
        "</w:t></w:r></w:moveFrom></w:p>"
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>"
        "<w:p><w:r><w:t>in the box</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>in the box</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>");
    const Result<DocumentText> document = DocxReader::readDocumentXml(xml);
    QVERIFY2(document.ok(), qPrintable(document.error()));
    QCOMPARE(
        texts(*document), (QStringList { u"kept inserted"_s, u"7"_s, u"in the box"_s, QString() }));
}

void TestDocx::textBoxesAndTables()
{
    const QByteArray xml = wordXml("<w:tbl><w:tblPr><w:jc w:val=\"center\"/></w:tblPr><w:tr><w:tc>"
        + paragraph("cell one") + "</w:tc><w:tc>" + paragraph("cell two") + "</w:tc></w:tr></w:tbl>"
        + paragraph("after"));
    const Result<DocumentText> document = DocxReader::readDocumentXml(xml);
    QVERIFY2(document.ok(), qPrintable(document.error()));
    QCOMPARE(texts(*document), (QStringList { u"cell one"_s, u"cell two"_s, u"after"_s }));
    QVERIFY(!document->lines.at(0).centred);
}

void TestDocx::ordinaryDocumentIsOneArticle()
{
    const QByteArray xml = wordXml(
        "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>Notes on the vote</w:t></w:r>"
        "</w:p>"
        + paragraph("The first paragraph.") + paragraph("The second paragraph.")
        + "<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t>Later</w:t></w:r></w:p>"
        + paragraph("The third."));
    const Parsed plain = parse(docx(xml));
    QVERIFY(plain.report.failures.isEmpty());
    QCOMPARE(plain.articles.size(), 1);
    const Article &article = plain.articles.front();
    QCOMPARE(article.format, ArticleFormat::Word);
    QCOMPARE(article.title, u"Notes on the vote"_s);
    QCOMPARE(article.body(), u"The first paragraph.\nThe second paragraph.\nLater\nThe third."_s);
    QCOMPARE(article.kindsString(), u"pphp"_s);

    // The document's own title and author, when they are real ones.
    const Parsed titled
        = parse(docx(xml, coreXml("Election notes", "Ann Lee", "2023-03-04T10:00:00Z")));
    QCOMPARE(titled.articles.size(), 1);
    QCOMPARE(titled.articles.front().title, u"Election notes"_s);
    QCOMPARE(titled.articles.front().authors, QStringList { u"Ann Lee"_s });
    QCOMPARE(titled.articles.front().date, QDate(2023, 3, 4));
    QCOMPARE(titled.articles.front().paragraphs.front().text, u"Notes on the vote"_s);
    const Parsed placeholder = parse(docx(xml, coreXml("Microsoft Word - notes.docx")));
    QCOMPARE(placeholder.articles.front().title, u"Notes on the vote"_s);
}

void TestDocx::nexisSample()
{
    GLOSS_REQUIRE_SHARED("corpus/nexis/sample.DOCX");
    ParseReport report;
    QList<Article> articles;
    report = ArticleParser::parseFile(
        TestSupport::sharedPath(u"corpus/nexis/sample.DOCX"_s), [&](Article &&article) {
            articles.append(std::move(article));
            return true;
        });
    QVERIFY(report.failures.isEmpty());
    QCOMPARE(articles.size(), 10);
    for (int i = 0; i < articles.size(); ++i) {
        const Article &article = articles.at(i);
        QCOMPARE(article.format, ArticleFormat::Nexis);
        QCOMPARE(article.sourceIndex, i + 1);
        QCOMPARE(article.site, u"The Guardian (London)"_s);
        QVERIFY(article.date >= QDate(2019, 7, 1) && article.date <= QDate(2019, 7, 4));
        QVERIFY(!article.authors.isEmpty());
        const QString body = article.body();
        for (const QString &leftover :
            { u"Load-Date"_s, u"Classification"_s, u"End of Document"_s, u"Byline:"_s, u"Length:"_s,
                u"Section:"_s, u"Copyright 2019"_s, u"Client/Matter"_s, u"Publication-Type"_s })
            QVERIFY2(!body.contains(leftover), qPrintable(u"%1 in %2"_s.arg(leftover).arg(i + 1)));
    }
    // The cover page is not the first document's header.
    QCOMPARE(articles.front().title, u"Lorem ipsum dolor sit amet"_s);
    QCOMPARE(articles.front().date, QDate(2019, 7, 1));
    QCOMPARE(articles.front().authors, (QStringList { u"Mattha Busby"_s, u"Andrew Sparrow"_s }));
    QVERIFY(!articles.front().rawHeader.contains(u"Job Number"_s));
    QCOMPARE(articles.at(4).authors, (QStringList { u"Andrew Sparrow"_s, u"Kevin Rawlinson"_s }));
    QCOMPARE(articles.at(8).title, u"R (programming language) on Wikipedia"_s);
    QCOMPARE(articles.at(9).title, u"What is Wikipedia"_s);
    QVERIFY(articles.at(9).paragraphs.front().text.startsWith(u"Wikipedia is a multilingual"_s));
}

void TestDocx::hostile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    QTest::addRow("not a zip") << QByteArray("just some text, named .docx")
                               << u"not a ZIP archive"_s;
    QTest::addRow("zip without a document")
        << archive({ { u"hello.txt"_s, "hello" } }) << u"not a Word document"_s;
    QTest::addRow("document type declaration")
        << docx("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
                "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><w:document xmlns:w=\"http://"
                "schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>"
                "&lol2;</w:t></w:r></w:p></w:body></w:document>")
        << u"declares a document type"_s;
    QTest::addRow("nested too deep")
        << docx(wordXml(QByteArray("<w:sdt><w:sdtContent>").repeated(300) + paragraph("x")
               + QByteArray("</w:sdtContent></w:sdt>").repeated(300)))
        << u"nests its elements more than 256 deep"_s;
    QTest::addRow("malformed") << docx(wordXml(paragraph("x")).chopped(30)) << u"damaged"_s;
    QTest::addRow("empty document") << docx(wordXml(QByteArray())) << u"no text"_s;
    QByteArray truncated = docx(wordXml(paragraph("Some text here").repeated(50)));
    truncated.chop(200);
    QTest::addRow("cut short") << truncated << u"ZIP archive"_s;
}

void TestDocx::hostile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    const QString failure = failureOf(bytes);
    QVERIFY2(failure.contains(reason), qPrintable(failure));
    QVERIFY(!failure.contains(u'\n'));
    QVERIFY(failure.endsWith(u'.'));
}

void TestDocx::zipBombStopsAtItsCap()
{
    // 64 MB of one letter packs into about 64 KB: far past the ratio any real text reaches.
    const QByteArray flood(64 * 1024 * 1024, 'a');
    const QByteArray bomb = docx(wordXml(paragraph(flood)));
    QVERIFY(bomb.size() < 1024 * 1024);
    const QString failure = failureOf(bomb);
    QVERIFY2(failure.contains(u"zip bomb"_s), qPrintable(failure));
    QVERIFY(!failure.contains(u'\n'));
}

QTEST_GUILESS_MAIN(TestDocx)
#include "tst_docx.moc"
