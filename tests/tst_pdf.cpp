// PDFs: the text layer read back into the paragraphs it was laid out from, across lines,
// columns and pages, without running heads, footers and page numbers; PDFs without text, with
// a password or damaged refused with one sentence.
#include "article/articleparser.h"
#include "article/pdflayout.h"
#include "pdffixtures.h"
#include "testsupport.h"

#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Parsed
{
    QList<Article> articles;
    ParseReport report;
};

Parsed parsePath(const QString &path)
{
    Parsed parsed;
    parsed.report = ArticleParser::parseFile(path, [&](Article &&article) {
        parsed.articles.append(std::move(article));
        return true;
    });
    return parsed;
}

Parsed parseBytes(const QByteArray &bytes, const QString &name = u"a.pdf"_s)
{
    Parsed parsed;
    parsed.report = ArticleParser::parseBytes(bytes, name, [&](Article &&article) {
        parsed.articles.append(std::move(article));
        return true;
    });
    return parsed;
}

QStringList textsOf(const Article &article)
{
    QStringList texts;
    for (const Paragraph &paragraph : article.paragraphs)
        texts.append(paragraph.text);
    return texts;
}

PdfWord word(const QString &text, double x, double y, double size = 10, bool endsLine = false)
{
    PdfWord w;
    w.text = text;
    w.box = QRectF(x, y, text.size() * size * 0.5, size);
    w.endsLine = endsLine;
    return w;
}

/// A line of words at (x, y), as the PDF library hands them over.
void addLine(PdfPage &page, const QString &text, double x, double y, double size = 10)
{
    const QStringList words = text.split(u' ');
    for (qsizetype i = 0; i < words.size(); ++i) {
        page.words.append(word(words.at(i), x, y, size, i + 1 == words.size()));
        x += (words.at(i).size() + 1) * size * 0.5;
    }
}

} // namespace

class TestPdf : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void singleColumnArticle();
    void twoColumnsOverPages();
    void threeColumnsWithGapsBetweenParagraphs();
    void documentTitleWins();
    void layoutOfAlignedColumns();
    void layoutDropsRunningHeadsOnlyWhenRepeated();
    void noTextLayerIsRefused();
    void passwordIsRefused();
    void damaged_data();
    void damaged();
    void recognisedByItsSignature();

private:
    QTemporaryDir m_dir;
};

void TestPdf::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestPdf::singleColumnArticle()
{
    const QStringList paragraphs = PdfFixtures::story(6);
    PdfFixtures::Layout layout;
    layout.title = u"Council approves the new library"_s;
    const QString path = m_dir.filePath(u"single.pdf"_s);
    PdfFixtures::write(path, paragraphs, layout);
    const Parsed parsed = parsePath(path);
    QVERIFY2(parsed.report.failures.isEmpty(), qPrintable(parsed.report.failures.value(0).message));
    QCOMPARE(parsed.articles.size(), 1);
    const Article &article = parsed.articles.front();
    QCOMPARE(article.format, ArticleFormat::Pdf);
    QCOMPARE(article.title, u"Council approves the new library"_s);
    QCOMPARE(textsOf(article), paragraphs);
    QVERIFY(article.date.isValid()); // QPdfWriter records when it wrote the file
}

void TestPdf::twoColumnsOverPages()
{
    // Two columns over several pages, a running head with the page number and a bare page
    // number at the foot: paragraphs come back whole and in order, words hyphenated at the
    // end of a line joined, and nothing of the page furniture is left.
    const QStringList paragraphs = PdfFixtures::story(40);
    PdfFixtures::Layout layout;
    layout.columns = 2;
    layout.title = u"The library vote"_s;
    layout.runningHead = u"The Daily Example \u2014 Tuesday edition \u2014 page %1"_s;
    layout.pageNumbers = true;
    const QString path = m_dir.filePath(u"columns.pdf"_s);
    PdfFixtures::write(path, paragraphs, layout);
    const Parsed parsed = parsePath(path);
    QCOMPARE(parsed.articles.size(), 1);
    const Article &article = parsed.articles.front();
    QCOMPARE(article.title, u"The library vote"_s);
    const QStringList texts = textsOf(article);
    for (qsizetype i = 0; i < std::min(texts.size(), paragraphs.size()); ++i)
        QCOMPARE(texts.at(i), paragraphs.at(i));
    QCOMPARE(texts.size(), paragraphs.size());
    const QString body = article.body();
    QVERIFY(!body.contains(u"Daily Example"_s));
    QVERIFY(body.contains(u"well-known"_s));
    QVERIFY(body.contains(u"Representatives of neighbouring municipalities"_s));
}

void TestPdf::threeColumnsWithGapsBetweenParagraphs()
{
    const QStringList paragraphs = PdfFixtures::story(24);
    PdfFixtures::Layout layout;
    layout.columns = 3;
    layout.columnGap = 14;
    layout.bodySize = 9;
    layout.indent = 0;
    layout.paragraphGap = 8;
    layout.hyphenate = false;
    layout.runningHead = u"Page %1 of the report"_s;
    const QString path = m_dir.filePath(u"three.pdf"_s);
    PdfFixtures::write(path, paragraphs, layout);
    const Parsed parsed = parsePath(path);
    QCOMPARE(parsed.articles.size(), 1);
    // No larger text: the file's name is the title, and every paragraph is kept.
    QCOMPARE(parsed.articles.front().title, u"three"_s);
    QCOMPARE(textsOf(parsed.articles.front()), paragraphs);
}

void TestPdf::documentTitleWins()
{
    PdfFixtures::Layout layout;
    layout.documentTitle = u"Library vote: the full story"_s;
    layout.title = u"Library vote: the full story"_s;
    const QString path = m_dir.filePath(u"titled.pdf"_s);
    PdfFixtures::write(path, PdfFixtures::story(3), layout);
    const Parsed parsed = parsePath(path);
    QCOMPARE(parsed.articles.size(), 1);
    QCOMPARE(parsed.articles.front().title, u"Library vote: the full story"_s);
    // The same words as a heading on the page are not kept twice.
    QCOMPARE(textsOf(parsed.articles.front()), PdfFixtures::story(3));

    // A title a program filled in by itself gives way to the page's largest text.
    for (const QString &placeholder :
        { u"Microsoft Word - vote.docx"_s, u"Untitled-1"_s, u"page1.indd"_s, u"2024"_s }) {
        layout.documentTitle = placeholder;
        layout.title = u"The page's own headline"_s;
        PdfFixtures::write(path, PdfFixtures::story(2), layout);
        const Parsed again = parsePath(path);
        QCOMPARE(again.articles.size(), 1);
        QCOMPARE(again.articles.front().title, u"The page's own headline"_s);
    }
}

void TestPdf::layoutOfAlignedColumns()
{
    // Two columns whose lines sit on the same baselines, a headline over both: read column
    // after column, the paragraph running from the foot of one into the next.
    PdfPage page;
    page.size = QSizeF(600, 800);
    addLine(page, u"Big headline"_s, 40, 40, 24);
    const QStringList left = { u"The first paragraph starts"_s, u"in the left column and"_s,
        u"goes on over the gutter"_s };
    const QStringList right
        = { u"into the right column."_s, u"    A second paragraph"_s, u"ends here."_s };
    for (int i = 0; i < 3; ++i) {
        addLine(page, left.at(i), 40, 100 + i * 12.0);
        addLine(
            page, right.at(i).trimmed(), right.at(i).startsWith(u' ') ? 330 : 310, 100 + i * 12.0);
    }
    const PdfText text = PdfLayout::read({ page });
    QCOMPARE(text.title, u"Big headline"_s);
    QStringList paragraphs;
    for (const Paragraph &paragraph : text.paragraphs)
        paragraphs.append(paragraph.text);
    QCOMPARE(paragraphs,
        (QStringList { u"The first paragraph starts in the left column and goes on over the "
                       "gutter into the right column."_s,
            u"A second paragraph ends here."_s }));
}

void TestPdf::layoutDropsRunningHeadsOnlyWhenRepeated()
{
    QList<PdfPage> pages;
    for (int p = 1; p <= 4; ++p) {
        PdfPage page;
        page.size = QSizeF(600, 800);
        addLine(page, u"Annual report %1"_s.arg(p == 2 ? 2023 : 2024), 40, 20 + (p % 2), 8);
        addLine(page, u"Text of page %1 goes on"_s.arg(p), 40, 300);
        addLine(page, u"- %1 -"_s.arg(p), 290, 770, 8);
        pages.append(page);
    }
    // A line in the margin of one page only is text.
    addLine(pages[2], u"A note at the foot"_s, 40, 760, 8);
    const PdfText text = PdfLayout::read(pages, false);
    QStringList paragraphs;
    for (const Paragraph &paragraph : text.paragraphs)
        paragraphs.append(paragraph.text);
    QCOMPARE(paragraphs,
        (QStringList { u"Text of page 1 goes on Text of page 2 goes on Text of page 3 goes on"_s,
            u"A note at the foot"_s, u"Text of page 4 goes on"_s }));
}

void TestPdf::noTextLayerIsRefused()
{
    const QString path = m_dir.filePath(u"scan.pdf"_s);
    PdfFixtures::writeImageOnly(path);
    const Parsed parsed = parsePath(path);
    QVERIFY(parsed.articles.isEmpty());
    QCOMPARE(parsed.report.failures.size(), 1);
    const QString message = parsed.report.failures.front().message;
    QVERIFY2(message.contains(u"no text layer"_s), qPrintable(message));
    QVERIFY(!message.contains(u'\n'));
}

void TestPdf::passwordIsRefused()
{
    const Parsed parsed = parseBytes(PdfFixtures::passwordProtected());
    QVERIFY(parsed.articles.isEmpty());
    QCOMPARE(parsed.report.failures.size(), 1);
    QVERIFY2(parsed.report.failures.front().message.contains(u"password"_s),
        qPrintable(parsed.report.failures.front().message));
}

void TestPdf::damaged_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addRow("signature only") << QByteArray("%PDF-1.7\n");
    QTest::addRow("garbage after the signature") << QByteArray("%PDF-1.4\n")
            + QByteArray("\x01\x02 obj << /Kids [ 9 9 R ] stream ").repeated(200);
    QTest::addRow("no objects") << QByteArray("%PDF-1.4\ntrailer << /Root 1 0 R >>\n%%EOF\n");
}

void TestPdf::damaged()
{
    QFETCH(QByteArray, bytes);
    const Parsed parsed = parseBytes(bytes);
    QVERIFY(parsed.articles.isEmpty());
    QCOMPARE(parsed.report.failures.size(), 1);
    const QString message = parsed.report.failures.front().message;
    QVERIFY2(message.contains(u"damaged"_s) || message.contains(u"no text layer"_s),
        qPrintable(message));
    QVERIFY(!message.contains(u'\n'));
}

void TestPdf::recognisedByItsSignature()
{
    const QString path = m_dir.filePath(u"single-copy.txt"_s);
    PdfFixtures::Layout layout;
    layout.title = u"Misnamed"_s;
    PdfFixtures::write(path, PdfFixtures::story(2), layout);
    const Parsed parsed = parsePath(path);
    QCOMPARE(parsed.articles.size(), 1);
    QCOMPARE(parsed.articles.front().format, ArticleFormat::Pdf);
    // A truncated copy: read as far as it goes, or refused in a sentence; never a crash.
    QByteArray bytes = TestSupport::readFile(path);
    bytes.truncate(bytes.size() / 2);
    const Parsed half = parseBytes(bytes);
    QVERIFY(half.articles.size() + half.report.failures.size() == 1);
}

QTEST_MAIN(TestPdf)
#include "tst_pdf.moc"
