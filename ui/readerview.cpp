#include "readerview.h"
#include "article/articledocument.h"

#include <QFontDatabase>
#include <QResizeEvent>
#include <QScrollBar>
#include <QTextFrame>
#include <QtMath>

using namespace Qt::StringLiterals;

namespace {

// About 70 characters a line: the range where long reading is easiest.
constexpr qreal ColumnWidthInEm = 36;
constexpr qreal BasePointSize = 12.5;

} // namespace

ReaderView::ReaderView(QWidget *parent)
    : QTextBrowser(parent)
{
    setObjectName(u"reader"_s);
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFrameShape(QFrame::NoFrame);
    setAccessibleName(tr("Article text"));
    clearArticle();
}

QFont ReaderView::readingFont() const
{
    QFont font;
    font.setFamilies({ u"Charter"_s, u"Georgia"_s, u"Noto Serif"_s, u"DejaVu Serif"_s,
        u"Liberation Serif"_s, u"serif"_s });
    font.setStyleHint(QFont::Serif);
    font.setPointSizeF(BasePointSize * std::pow(1.1, m_zoomSteps));
    return font;
}

void ReaderView::showArticle(const Article &article)
{
    m_article = article;
    rebuild();
    verticalScrollBar()->setValue(0);
    QTextCursor start(document());
    start.setPosition(m_bodyStart);
    setTextCursor(start);
}

void ReaderView::clearArticle()
{
    m_article = Article();
    m_bodyStart = 0;
    setPlainText(QString());
}

void ReaderView::rebuild()
{
    if (m_article.id == 0 && m_article.paragraphs.isEmpty())
        return;
    ArticleDocument::Style style;
    style.bodyFont = readingFont();
    ArticleDocument layout(m_article, style);
    m_bodyStart = layout.bodyStart();
    // Parented to the view, so setDocument() deletes the previous article's document.
    std::unique_ptr<QTextDocument> document = layout.release();
    document->setParent(this);
    setDocument(document.release());
    updateColumnMargins();
}

void ReaderView::setZoomSteps(int steps)
{
    steps = qBound(MinimumZoomSteps, steps, MaximumZoomSteps);
    if (steps == m_zoomSteps)
        return;
    const int position = textCursor().position();
    const double fraction = verticalScrollBar()->maximum() > 0
        ? double(verticalScrollBar()->value()) / verticalScrollBar()->maximum()
        : 0.0;
    m_zoomSteps = steps;
    rebuild();
    QTextCursor cursor(document());
    cursor.setPosition(qMin(position, document()->characterCount() - 1));
    setTextCursor(cursor);
    verticalScrollBar()->setValue(int(fraction * verticalScrollBar()->maximum()));
    Q_EMIT zoomChanged(m_zoomSteps);
}

void ReaderView::resizeEvent(QResizeEvent *event)
{
    QTextBrowser::resizeEvent(event);
    updateColumnMargins();
}

void ReaderView::updateColumnMargins()
{
    const QFontMetricsF metrics(readingFont());
    const qreal column = metrics.horizontalAdvance(u'M') * ColumnWidthInEm;
    const qreal available = viewport()->width();
    const qreal side = qMax<qreal>(0, (available - column) / 2);
    QTextFrame *root = document()->rootFrame();
    QTextFrameFormat format = root->frameFormat();
    if (qFuzzyCompare(format.leftMargin() + 1, side + 1))
        return;
    format.setLeftMargin(side);
    format.setRightMargin(side);
    root->setFrameFormat(format);
}
