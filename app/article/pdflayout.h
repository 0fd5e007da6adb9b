#pragma once

#include "article.h"

#include <QList>
#include <QRectF>
#include <QSizeF>
#include <QString>

/// One word of a PDF's text layer with its box, in points from the page's top left.
struct PdfWord
{
    QString text;
    QRectF box;
    bool spaceAfter = true; ///< false when the next word of the line follows without a space
    bool endsLine = false; ///< the last word of a line as the PDF library found it
};

struct PdfPage
{
    QSizeF size;
    QList<PdfWord> words; ///< in the order the PDF library read them
};

/// The text of a PDF as an article: paragraphs rebuilt from the words' boxes, and the
/// largest text of the first page as a title.
struct PdfText
{
    QList<Paragraph> paragraphs;
    QString title; ///< the first page's largest text, or its first short line; may be empty
};

/// Rebuilds reading order and paragraphs from word boxes alone, so it can be tested without
/// PDF files. Lines are the PDF library's (words that end with endsLine); on each page they
/// are put in reading order by cutting the page at whitespace that runs across it, first
/// between bands (a headline over the columns, the text, a footer), then between columns,
/// as often as needed. Running headers and footers (a line in the top or bottom margin
/// repeated on many pages, digits aside) and page numbers are dropped. Lines make one
/// paragraph until the gap between them grows, a line is indented, the size of the text
/// changes or a short line ends a sentence; a paragraph goes on into the next column and
/// the next page unless its last line ended one. Words hyphenated at a line's end are
/// joined, unless the document writes them with the hyphen elsewhere. Text much larger than
/// the rest makes headings. Linear in the number of words, but for a sort of each page's
/// lines; a page's cutting stops at a fixed depth.
namespace PdfLayout {

/// titleFromLayout: take the first page's largest text out of the paragraphs as the title.
PdfText read(const QList<PdfPage> &pages, bool titleFromLayout = true);

} // namespace PdfLayout
