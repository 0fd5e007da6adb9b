#pragma once

#include "annotation/highlight.h"
#include "article/article.h"

#include <QHash>
#include <QTextBrowser>

class QTimer;

/// Shows one article for reading: a centred column of limited line length, a serif reading
/// font, captions set apart. Read-only but selectable; zoom is a point-size step, not a scale,
/// so text stays crisp.
///
/// Highlights are overlays (extra selections by layer), never formats on the text, so the
/// document and its offsets stay exactly the stored body. While a highlight is active (clicked,
/// or chosen in the panel), Shift+Left/Right move its end and Alt+Shift+Left/Right its start;
/// Escape deactivates it. The window adds the single-key annotation actions (H, T, N, Delete).
class ReaderView final : public QTextBrowser
{
    Q_OBJECT
public:
    explicit ReaderView(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ReaderView)

    void showArticle(const Article &article);
    void clearArticle();
    qint64 articleId() const { return m_article.id; }
    const Article &article() const { return m_article; }
    /// Document position of body offset 0 (see ArticleDocument).
    int bodyStart() const { return m_bodyStart; }

    int zoomSteps() const { return m_zoomSteps; }
    void setZoomSteps(int steps);
    void zoomInOneStep() { setZoomSteps(m_zoomSteps + 1); }
    void zoomOutOneStep() { setZoomSteps(m_zoomSteps - 1); }

    static constexpr int MinimumZoomSteps = -5;
    static constexpr int MaximumZoomSteps = 12;

    /// The article body as stored; offsets of highlights index into it.
    const QString &body() const { return m_body; }
    /// The selection as body offsets, clipped to the body; start == end when none is in it.
    QPair<int, int> selectionInBody() const;
    void setHighlights(const QList<Highlight> &highlights, const QHash<qint64, QString> &tagPaths);
    qint64 activeHighlight() const { return m_activeHighlight; }
    void setActiveHighlight(qint64 id);
    /// The innermost placed highlight at a body offset, or 0.
    qint64 highlightAtOffset(int offset) const;
    /// The highlight under the caret (or the active one), or 0.
    qint64 highlightAtCaret() const;
    /// Scrolls to a highlight and flashes it briefly.
    void revealHighlight(qint64 id);
    /// Detected quotations, as body ranges, marked with a dotted underline when shown.
    /// A quotation found in the body, marked when marks are shown; its speaker shows on hover.
    struct QuotationMark
    {
        int start = 0;
        int end = 0;
        QString speaker; ///< empty when the text names nobody
    };
    void setQuotationMarks(const QList<QuotationMark> &marks);
    void setQuotationMarksShown(bool shown);
    bool quotationMarksShown() const { return m_showQuotations; }

Q_SIGNALS:
    void zoomChanged(int steps);
    /// The user moved an edge of the active highlight with the keyboard.
    void extentChangeRequested(qint64 id, int start, int end);
    void activeHighlightChanged(qint64 id);
    /// A selection was made with the mouse: show the floating toolbar at this viewport point.
    void selectionFinished(const QPoint &viewportPosition);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    void rebuild();
    void updateColumnMargins();
    void applyHighlightLayers();
    QFont readingFont() const;
    const Highlight *findHighlight(qint64 id) const;

    Article m_article;
    QString m_body;
    int m_bodyStart = 0;
    int m_zoomSteps = 0;
    QList<Highlight> m_highlights;
    QHash<qint64, QString> m_tagPaths;
    qint64 m_activeHighlight = 0;
    qint64 m_flashing = 0;
    QTimer *m_flashTimer;
    QList<QuotationMark> m_quotations;
    bool m_showQuotations = false;
};
