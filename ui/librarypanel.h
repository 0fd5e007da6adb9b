#pragma once

#include <QWidget>

class ArticleListModel;
class QLineEdit;
class QTimer;
class QTreeView;

/// The left side of the window: the library search field over the article list. Searching
/// follows the typing after a short pause; the list loads rows as it scrolls.
class LibraryPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit LibraryPanel(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(LibraryPanel)

    /// The model is not owned; pass nullptr before the model goes away.
    void setModel(ArticleListModel *model);
    QTreeView *view() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }

    qint64 currentArticleId() const;
    /// The selected articles, in list order.
    QList<qint64> selectedArticleIds() const;
    /// Selects the article if it is in the list; false otherwise.
    bool selectArticle(qint64 id);
    void selectFirst();
    void moveSelection(int delta);
    void focusSearch();

    QByteArray saveHeaderState() const;
    void restoreHeaderState(const QByteArray &state);

Q_SIGNALS:
    void currentArticleChanged(qint64 id);
    /// Enter or double-click: the user wants to read it now.
    void articleActivated(qint64 id);

private:
    void applySearch();
    void updateColumns();

    QLineEdit *m_search;
    QTreeView *m_view;
    QTimer *m_searchDelay;
    ArticleListModel *m_model = nullptr;
};
