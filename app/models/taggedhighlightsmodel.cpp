#include "taggedhighlightsmodel.h"
#include "annotation/annotationservice.h"

#include <QColor>
#include <QSet>

using namespace Qt::StringLiterals;

TaggedHighlightsModel::TaggedHighlightsModel(AnnotationService *service, QObject *parent)
    : QAbstractTableModel(parent)
    , m_service(service)
{
    connect(service, &AnnotationService::highlightsChanged, this, [this] {
        if (!m_tagIds.isEmpty())
            reload();
    });
    connect(service, &AnnotationService::highlightChanged, this, [this] {
        if (!m_tagIds.isEmpty())
            reload();
    });
    connect(service, &AnnotationService::tagsChanged, this, [this] {
        if (!m_tagIds.isEmpty())
            reload();
    });
}

void TaggedHighlightsModel::setTags(const QList<qint64> &tagIds, bool includeSubtags)
{
    m_tagIds = tagIds;
    m_includeSubtags = includeSubtags;
    reload();
}

void TaggedHighlightsModel::reload()
{
    m_changing = true;
    beginResetModel();
    m_ids.clear();
    m_rows.clear();
    QList<qint64> tags = m_tagIds;
    if (m_includeSubtags) {
        QSet<qint64> all;
        for (qint64 tag : std::as_const(m_tagIds)) {
            const Result<QList<qint64>> below = m_service->store().subtree(tag);
            if (below)
                all.unite(QSet<qint64>(below->cbegin(), below->cend()));
        }
        tags = QList<qint64>(all.cbegin(), all.cend());
    }
    const Result<QList<qint64>> ids = m_service->store().highlightIdsWithTags(tags);
    if (ids)
        m_ids = *ids;
    const Result<QList<HighlightListing>> first
        = m_service->store().listings(m_ids.mid(0, PageSize));
    if (first)
        m_rows = *first;
    endResetModel();
    m_changing = false;
}

int TaggedHighlightsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TaggedHighlightsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool TaggedHighlightsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_changing && m_rows.size() < m_ids.size();
}

void TaggedHighlightsModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_changing)
        return;
    const qsizetype first = m_rows.size();
    const Result<QList<HighlightListing>> page
        = m_service->store().listings(m_ids.mid(first, PageSize));
    if (!page || page->isEmpty())
        return;
    m_changing = true;
    beginInsertRows({}, int(first), int(first + page->size() - 1));
    m_rows += *page;
    endInsertRows();
    m_changing = false;
}

QVariant TaggedHighlightsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HighlightListing &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case QuoteColumn:
            return row.highlight.anchor.exact;
        case TagsColumn:
            return row.tagPaths.join(u", "_s);
        case ArticleColumn:
            return row.articleTitle;
        case DateColumn:
            return row.articleDate.isValid() ? row.articleDate.toString(Qt::ISODate) : QString();
        }
        return {};
    case Qt::ToolTipRole:
        return row.highlight.note.isEmpty()
            ? row.highlight.anchor.exact
            : row.highlight.anchor.exact + u"\n\n"_s + row.highlight.note;
    case Qt::DecorationRole:
        return index.column() == QuoteColumn ? QVariant(QColor(Palette::rgbOf(row.highlight.color)))
                                             : QVariant();
    case HighlightIdRole:
        return row.highlight.id;
    case ArticleIdRole:
        return row.highlight.articleId;
    case StartRole:
        return row.highlight.anchor.start;
    case EndRole:
        return row.highlight.anchor.end;
    default:
        return {};
    }
}

QVariant TaggedHighlightsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case QuoteColumn:
        return tr("Highlight");
    case TagsColumn:
        return tr("Tags");
    case ArticleColumn:
        return tr("Article");
    case DateColumn:
        return tr("Date");
    }
    return {};
}
