#include "article/articledocument.h"
#include "testsupport.h"

#include <QGuiApplication>
#include <QTextBlock>

using namespace Qt::StringLiterals;

class TestArticleDocument : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bodyOffsetsMapToDocumentPositions();
    void metadataLine();
};

void TestArticleDocument::bodyOffsetsMapToDocumentPositions()
{
    Article article;
    article.title = u"Title"_s;
    article.date = QDate(2021, 9, 16);
    article.paragraphs = { { ParagraphKind::Paragraph, u"First 😀 paragraph."_s },
        { ParagraphKind::Caption, u"A caption | Credit: X"_s },
        { ParagraphKind::Heading, u"Heading"_s },
        { ParagraphKind::Paragraph, u"Last one, with עברית and e\u0301."_s } };
    ArticleDocument::Style style;
    style.bodyFont.setPointSizeF(12);
    ArticleDocument layout(article, style);
    QTextDocument *document = layout.document();
    const QString body = article.body();
    const QString plain = document->toPlainText();
    QCOMPARE(plain.mid(layout.bodyStart()), body);
    // Every body offset lands on the same character in the document.
    for (int offset = 0; offset < body.size(); ++offset) {
        const QChar inDocument = document->characterAt(layout.bodyStart() + offset);
        const QChar inBody = body.at(offset);
        QCOMPARE(inDocument == QChar::ParagraphSeparator ? QChar(u'\n') : inDocument, inBody);
    }
    QTextBlock caption = document->findBlock(layout.bodyStart() + body.indexOf(u"A caption"_s));
    QVERIFY(
        caption.charFormat().fontItalic() || caption.begin().fragment().charFormat().fontItalic());
}

void TestArticleDocument::metadataLine()
{
    Article article;
    article.authors = { u"Ann"_s };
    article.site = u"Site"_s;
    QCOMPARE(ArticleDocument::metadataLine(article), u"Ann  ·  Site"_s);
}

QTEST_MAIN(TestArticleDocument)
#include "tst_articledocument.moc"
