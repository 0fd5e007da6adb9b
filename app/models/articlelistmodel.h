#pragma once

#include "article/article.h"
#include "library/librarystore.h"

#include <QAbstractTableModel>

/// The library's articles as a table (title, date, source, words, match), read lazily: the
/// ordered ids come from one cheap query, and row data is fetched in pages as the view scrolls
/// (canFetchMore/fetchMore). Bodies are never held. A full-text query filters and ranks rows and
/// fills the Match column with a snippet.
class ArticleListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TitleColumn, DateColumn, SourceColumn, WordsColumn, MatchColumn, ColumnCount };
    enum Role { ArticleIdRole = Qt::UserRole + 1, SnippetRole, DateRole };

    /// The store must outlive the model and live on the same thread.
    explicit ArticleListModel(const LibraryStore *store, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ArticleListModel)

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    /// column -1 means relevance for a query and newest first without one.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    QString queryText() const { return m_query.text; }
    void setQueryText(const QString &text);
    /// Only articles with a highlight carrying one of these tags; empty shows all.
    void setTagFilter(const QList<qint64> &tagIds);
    QList<qint64> tagFilter() const { return m_tagFilter; }
    /// Only the articles quoting this speaker; a null string lists all.
    void setSpeakerFilter(const QString &speaker);
    QString speakerFilter() const { return m_speakerFilter; }
    /// Reloads from the store, keeping query and order (after an import).
    void refresh();

    /// All articles that match, including rows not fetched yet.
    int matchCount() const { return int(m_ids.size()); }
    /// Every matching article, fetched or not, in the list's order.
    const QList<qint64> &allArticleIds() const { return m_ids; }
    qint64 articleIdAt(int row) const;
    /// The row of an article, fetching pages up to it; -1 when it is not in the list.
    int rowOfArticle(qint64 id);
    QString lastError() const { return m_lastError; }

    static constexpr int PageSize = 256;

Q_SIGNALS:
    /// Emitted after a reset caused by a new query, order or refresh.
    void listChanged();
    void errorOccurred(const QString &message);

private:
    void reload();
    void updateFilters();
    bool loadRows(int count);

    const LibraryStore *m_store;
    ArticleQuery m_query;
    QList<qint64> m_tagFilter;
    QString m_speakerFilter;
    QList<qint64> m_ids;
    QList<ArticleSummary> m_rows;
    QString m_lastError;
    bool m_changing = false; ///< inside a reset or an insertion, including its signals
};
