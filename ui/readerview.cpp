#include "readerview.h"
#include "article/articledocument.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QResizeEvent>
#include <QScrollBar>
#include <QTextFrame>
#include <QTimer>
#include <QToolTip>
#include <QtMath>

using namespace Qt::StringLiterals;

namespace {

// About 70 characters a line: the range where long reading is easiest.
constexpr qreal ColumnWidthInEm = 36;
constexpr qreal BasePointSize = 12.5;

} // namespace

ReaderView::ReaderView(QWidget *parent)
    : QTextBrowser(parent)
    , m_flashTimer(new QTimer(this))
{
    m_flashTimer->setSingleShot(true);
    m_flashTimer->setInterval(700);
    connect(m_flashTimer, &QTimer::timeout, this, [this] {
        m_flashing = 0;
        applyHighlightLayers();
    });
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this] {
        if (!m_highlights.isEmpty() || m_showQuotations)
            applyHighlightLayers();
    });
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
    m_body = article.body();
    m_highlights.clear();
    m_quotations.clear();
    m_activeHighlight = 0;
    rebuild();
    verticalScrollBar()->setValue(0);
    QTextCursor start(document());
    start.setPosition(m_bodyStart);
    setTextCursor(start);
}

void ReaderView::clearArticle()
{
    m_article = Article();
    m_body.clear();
    m_highlights.clear();
    m_activeHighlight = 0;
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
    applyHighlightLayers();
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
    if (!m_highlights.isEmpty() || m_showQuotations)
        applyHighlightLayers();
}

void ReaderView::updateColumnMargins()
{
    const QFontMetricsF metrics(readingFont());
    const qreal column = metrics.horizontalAdvance(u'M') * ColumnWidthInEm;
    const qreal available = viewport()->width();
    // The document margin stays the minimum, so text never touches the edges.
    const qreal side = qMax<qreal>(document()->documentMargin(), (available - column) / 2);
    QTextFrame *root = document()->rootFrame();
    QTextFrameFormat format = root->frameFormat();
    if (qFuzzyCompare(format.leftMargin() + 1, side + 1))
        return;
    format.setLeftMargin(side);
    format.setRightMargin(side);
    root->setFrameFormat(format);
}

QPair<int, int> ReaderView::selectionInBody() const
{
    const QTextCursor cursor = textCursor();
    const int start = std::clamp(cursor.selectionStart() - m_bodyStart, 0, int(m_body.size()));
    const int end = std::clamp(cursor.selectionEnd() - m_bodyStart, 0, int(m_body.size()));
    return { start, end };
}

void ReaderView::setHighlights(
    const QList<Highlight> &highlights, const QHash<qint64, QString> &tagPaths)
{
    m_highlights = highlights;
    m_tagPaths = tagPaths;
    if (m_activeHighlight != 0 && !findHighlight(m_activeHighlight))
        setActiveHighlight(0);
    applyHighlightLayers();
}

const Highlight *ReaderView::findHighlight(qint64 id) const
{
    for (const Highlight &highlight : m_highlights) {
        if (highlight.id == id)
            return &highlight;
    }
    return nullptr;
}

void ReaderView::setActiveHighlight(qint64 id)
{
    if (id == m_activeHighlight)
        return;
    m_activeHighlight = id;
    applyHighlightLayers();
    Q_EMIT activeHighlightChanged(id);
}

qint64 ReaderView::highlightAtOffset(int offset) const
{
    return innermostHighlightAt(m_highlights, offset);
}

qint64 ReaderView::highlightAtCaret() const
{
    if (m_activeHighlight != 0)
        return m_activeHighlight;
    const QTextCursor cursor = textCursor();
    return highlightAtOffset(cursor.selectionStart() - m_bodyStart);
}

void ReaderView::revealHighlight(qint64 id)
{
    const Highlight *highlight = findHighlight(id);
    if (!highlight || highlight->status == AnchorStatus::Orphaned)
        return;
    QTextCursor cursor(document());
    cursor.setPosition(m_bodyStart + highlight->anchor.start);
    setTextCursor(cursor);
    ensureCursorVisible();
    setActiveHighlight(id);
    m_flashing = id;
    applyHighlightLayers();
    m_flashTimer->start();
}

void ReaderView::setQuotationMarks(const QList<QuotationMark> &marks)
{
    m_quotations = marks;
    if (m_showQuotations)
        applyHighlightLayers();
}

void ReaderView::setQuotationMarksShown(bool shown)
{
    m_showQuotations = shown;
    applyHighlightLayers();
}

void ReaderView::applyHighlightLayers()
{
    // One setExtraSelections() for every layer, in z-order: user highlights, then the active
    // highlight's outline, then the flash. Translucent fills make overlaps visibly darker.
    // Only highlights near the visible part are handed over: Qt measures every extra selection
    // on each change, and an article may carry thousands; scrolling refreshes the window.
    QList<QTextEdit::ExtraSelection> selections;
    const int documentEnd = document()->characterCount() - 1;
    const QRect visible = viewport()->rect();
    const int margin = visible.height();
    const int firstVisible
        = cursorForPosition(QPoint(0, std::max(0, visible.top() - margin))).position()
        - m_bodyStart;
    const int lastVisible
        = cursorForPosition(QPoint(visible.right(), visible.bottom() + margin)).position()
        - m_bodyStart + 1;
    auto cursorFor = [&](const Highlight &highlight) {
        QTextCursor cursor(document());
        cursor.setPosition(std::min(documentEnd, m_bodyStart + highlight.anchor.start));
        cursor.setPosition(
            std::min(documentEnd, m_bodyStart + highlight.anchor.end), QTextCursor::KeepAnchor);
        return cursor;
    };
    for (const Highlight &highlight : std::as_const(m_highlights)) {
        if (highlight.status == AnchorStatus::Orphaned || highlight.anchor.end < firstVisible
            || highlight.anchor.start > lastVisible)
            continue;
        QColor fill(Palette::rgbOf(highlight.color));
        fill.setAlpha(120);
        QTextEdit::ExtraSelection selection;
        selection.cursor = cursorFor(highlight);
        selection.format.setBackground(fill);
        selections.append(selection);
    }
    if (m_showQuotations) {
        for (const QuotationMark &mark : std::as_const(m_quotations)) {
            const int start = mark.start;
            const int end = mark.end;
            if (end < firstVisible || start > lastVisible)
                continue;
            QTextEdit::ExtraSelection selection;
            QTextCursor cursor(document());
            cursor.setPosition(std::min(documentEnd, m_bodyStart + start));
            cursor.setPosition(std::min(documentEnd, m_bodyStart + end), QTextCursor::KeepAnchor);
            selection.cursor = cursor;
            selection.format.setUnderlineStyle(QTextCharFormat::DotLine);
            selection.format.setUnderlineColor(QColor(0x6e, 0x77, 0x81));
            selections.append(selection);
        }
    }
    if (const Highlight *active = findHighlight(m_activeHighlight);
        active && active->status != AnchorStatus::Orphaned) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = cursorFor(*active);
        selection.format.setUnderlineStyle(QTextCharFormat::SingleUnderline);
        selection.format.setUnderlineColor(QColor(Palette::rgbOf(active->color)).darker(220));
        selection.format.setFontUnderline(true);
        selections.append(selection);
    }
    if (const Highlight *flashing = findHighlight(m_flashing); flashing) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = cursorFor(*flashing);
        selection.format.setBackground(QColor(Palette::rgbOf(flashing->color)).darker(130));
        selections.append(selection);
    }
    setExtraSelections(selections);
}

void ReaderView::keyPressEvent(QKeyEvent *event)
{
    const Qt::KeyboardModifiers modifiers
        = event->modifiers() & ~Qt::KeyboardModifiers(Qt::KeypadModifier);
    if (const Highlight *active = findHighlight(m_activeHighlight); active
        && (event->key() == Qt::Key_Left || event->key() == Qt::Key_Right)
        && (modifiers == Qt::ShiftModifier || modifiers == (Qt::ShiftModifier | Qt::AltModifier))) {
        // Move one grapheme at a time, so an edge never lands inside a character.
        const bool startEdge = modifiers.testFlag(Qt::AltModifier);
        const bool forward = event->key() == Qt::Key_Right;
        QTextCursor cursor(document());
        cursor.setPosition(m_bodyStart + (startEdge ? active->anchor.start : active->anchor.end));
        cursor.movePosition(forward ? QTextCursor::NextCharacter : QTextCursor::PreviousCharacter);
        const int edge = std::clamp(cursor.position() - m_bodyStart, 0, int(m_body.size()));
        const int start = startEdge ? edge : active->anchor.start;
        const int end = startEdge ? active->anchor.end : edge;
        if (end > start)
            Q_EMIT extentChangeRequested(active->id, start, end);
        event->accept();
        return;
    }
    if (modifiers == Qt::NoModifier && event->key() == Qt::Key_Escape && m_activeHighlight != 0) {
        setActiveHighlight(0);
        event->accept();
        return;
    }
    QTextBrowser::keyPressEvent(event);
}

void ReaderView::mouseReleaseEvent(QMouseEvent *event)
{
    QTextBrowser::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton)
        return;
    if (textCursor().hasSelection()) {
        Q_EMIT selectionFinished(event->position().toPoint());
        return;
    }
    // A plain click inside a highlight makes it the active one.
    const int offset = cursorForPosition(event->position().toPoint()).position() - m_bodyStart;
    setActiveHighlight(offset >= 0 ? highlightAtOffset(offset) : 0);
}

bool ReaderView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QPoint inViewport = viewport()->mapFrom(this, help->pos());
        const int offset = cursorForPosition(inViewport).position() - m_bodyStart;
        QStringList lines;
        for (const Highlight &highlight : std::as_const(m_highlights)) {
            if (highlight.status == AnchorStatus::Orphaned || offset < highlight.anchor.start
                || offset >= highlight.anchor.end)
                continue;
            QStringList tags;
            for (qint64 tagId : highlight.tagIds)
                tags.append(u'#' + m_tagPaths.value(tagId));
            QString line = tags.isEmpty() ? tr("Highlight") : tags.join(u' ');
            const QString note = highlight.note.section(u'\n', 0, 0).trimmed();
            if (!note.isEmpty())
                line += u" — "_s + note;
            lines.append(line);
        }
        // Who said the words under the pointer, when quotations are marked.
        for (const QuotationMark &mark : std::as_const(m_quotations)) {
            if (!m_showQuotations || offset < mark.start || offset >= mark.end)
                continue;
            lines.append(mark.speaker.isEmpty() ? tr("Quotation, speaker unknown")
                                                : tr("Quotation: %1").arg(mark.speaker));
        }
        if (lines.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), lines.join(u'\n'), this);
        return true;
    }
    return QTextBrowser::event(event);
}
