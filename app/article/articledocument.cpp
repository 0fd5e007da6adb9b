#include "articledocument.h"

#include <QFileInfo>
#include <QLocale>
#include <QTextBlock>
#include <QTextCursor>

using namespace Qt::StringLiterals;

QString ArticleDocument::metadataLine(const Article &article)
{
    QStringList parts;
    if (article.date.isValid())
        parts.append(QLocale().toString(article.date, QLocale::LongFormat));
    if (!article.authors.isEmpty())
        parts.append(article.authors.join(u", "_s));
    if (!article.site.isEmpty())
        parts.append(article.site);
    else if (article.sourcePath.startsWith(u":/"_s))
        parts.append(QFileInfo(article.sourcePath).fileName());
    else if (!article.sourcePath.isEmpty())
        parts.append(QFileInfo(article.sourcePath).fileName());
    return parts.join(u"  ·  "_s);
}

ArticleDocument::ArticleDocument(const Article &article, const Style &style)
    : m_document(std::make_unique<QTextDocument>())
{
    QTextDocument *document = m_document.get();
    document->setDefaultFont(style.bodyFont);
    document->setUndoRedoEnabled(false);
    document->setDocumentMargin(24);
    QTextCursor cursor(document);

    const qreal base = style.bodyFont.pointSizeF() > 0 ? style.bodyFont.pointSizeF() : 12;
    QTextBlockFormat titleBlock;
    titleBlock.setBottomMargin(base * 0.5);
    titleBlock.setLineHeight(120, QTextBlockFormat::ProportionalHeight);
    QTextCharFormat titleChars;
    titleChars.setFontPointSize(base * 1.75);
    titleChars.setFontWeight(QFont::Bold);
    cursor.setBlockFormat(titleBlock);
    cursor.setBlockCharFormat(titleChars);
    cursor.insertText(article.title, titleChars);

    QTextBlockFormat metaBlock;
    metaBlock.setBottomMargin(base * 1.5);
    QTextCharFormat metaChars;
    metaChars.setFontPointSize(base * 0.9);
    metaChars.setForeground(style.secondaryText);
    cursor.insertBlock(metaBlock, metaChars);
    cursor.insertText(metadataLine(article), metaChars);

    QTextBlockFormat paragraphBlock;
    paragraphBlock.setLineHeight(style.lineHeightPercent, QTextBlockFormat::ProportionalHeight);
    paragraphBlock.setBottomMargin(base * 0.9);
    QTextCharFormat paragraphChars;
    paragraphChars.setFontPointSize(base);

    QTextBlockFormat headingBlock = paragraphBlock;
    headingBlock.setTopMargin(base * 0.8);
    headingBlock.setBottomMargin(base * 0.4);
    QTextCharFormat headingChars;
    headingChars.setFontPointSize(base * 1.25);
    headingChars.setFontWeight(QFont::DemiBold);

    QTextBlockFormat captionBlock;
    captionBlock.setLeftMargin(base * 1.5);
    captionBlock.setRightMargin(base * 1.5);
    captionBlock.setBottomMargin(base * 1.2);
    captionBlock.setTopMargin(base * 0.2);
    QTextCharFormat captionChars;
    captionChars.setFontPointSize(base * 0.85);
    captionChars.setFontItalic(true);
    captionChars.setForeground(style.secondaryText);

    // Preformatted lines keep their spacing, in a fixed-width face, without paragraph gaps.
    QTextBlockFormat preformattedBlock = paragraphBlock;
    preformattedBlock.setTopMargin(0);
    preformattedBlock.setBottomMargin(0);
    preformattedBlock.setLeftMargin(base);
    preformattedBlock.setNonBreakableLines(true);
    QTextCharFormat preformattedChars = paragraphChars;
    preformattedChars.setFontFamilies({ u"DejaVu Sans Mono"_s, u"monospace"_s });
    preformattedChars.setFontFixedPitch(true);
    preformattedChars.setFontPointSize(base * 0.85);

    for (qsizetype i = 0; i < article.paragraphs.size(); ++i) {
        const Paragraph &paragraph = article.paragraphs.at(i);
        const bool heading = paragraph.kind == ParagraphKind::Heading;
        const bool caption = paragraph.kind == ParagraphKind::Caption;
        const bool preformatted = paragraph.kind == ParagraphKind::Preformatted;
        const QTextBlockFormat &block = heading ? headingBlock
            : caption                           ? captionBlock
            : preformatted                      ? preformattedBlock
                                                : paragraphBlock;
        const QTextCharFormat &chars = heading ? headingChars
            : caption                          ? captionChars
            : preformatted                     ? preformattedChars
                                               : paragraphChars;
        cursor.insertBlock(block, chars);
        if (i == 0)
            m_bodyStart = cursor.position();
        cursor.insertText(paragraph.text, chars);
    }
    if (article.paragraphs.isEmpty())
        m_bodyStart = cursor.position();
}
