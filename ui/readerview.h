#pragma once

#include "article/article.h"

#include <QTextBrowser>

/// Shows one article for reading: a centred column of limited line length, a serif reading
/// font, captions set apart. Read-only but selectable; zoom is a point-size step, not a scale,
/// so text stays crisp.
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

Q_SIGNALS:
    void zoomChanged(int steps);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuild();
    void updateColumnMargins();
    QFont readingFont() const;

    Article m_article;
    int m_bodyStart = 0;
    int m_zoomSteps = 0;
};
