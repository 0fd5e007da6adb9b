#pragma once

#include "annotation/highlight.h"

#include <QAbstractTableModel>

class AnnotationService;

/// Every highlight across the library carrying one of the chosen tags, with its article's title
/// and date; newest article first. Ids are read at once, rows in pages as the view scrolls.
class TaggedHighlightsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { QuoteColumn, TagsColumn, ArticleColumn, DateColumn, ColumnCount };
    enum Role { HighlightIdRole = Qt::UserRole + 1, ArticleIdRole, StartRole, EndRole };

    explicit TaggedHighlightsModel(AnnotationService *service, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(TaggedHighlightsModel)

    /// With includeSubtags, a tag's descendants count as the tag.
    void setTags(const QList<qint64> &tagIds, bool includeSubtags = true);
    QList<qint64> tags() const { return m_tagIds; }
    int matchCount() const { return int(m_ids.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    static constexpr int PageSize = 200;

private:
    void reload();

    AnnotationService *m_service;
    QList<qint64> m_tagIds;
    bool m_includeSubtags = true;
    QList<qint64> m_ids;
    QList<HighlightListing> m_rows;
    bool m_changing = false;
};
