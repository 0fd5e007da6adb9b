#include "articlelistmodel.h"
#include "annotation/annotationhooks.h"
#include "quotes/quotehooks.h"
#include "library/ftsquery.h"

#include <QLocale>

using namespace Qt::StringLiterals;

ArticleListModel::ArticleListModel(const LibraryStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    reload();
}

int ArticleListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ArticleListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ArticleListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ArticleSummary &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return row.title;
        case DateColumn:
            return row.date.isValid() ? row.date.toString(Qt::ISODate) : QString();
        case SourceColumn:
            return row.source;
        case WordsColumn:
            return QLocale().toString(row.words);
        case MatchColumn: {
            QString plain = row.snippet;
            plain.remove(QChar(FtsQuery::SnippetStart));
            plain.remove(QChar(FtsQuery::SnippetEnd));
            return plain;
        }
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == MatchColumn ? data(index, Qt::DisplayRole) : QVariant(row.title);
    case Qt::TextAlignmentRole:
        if (index.column() == WordsColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ArticleIdRole:
        return row.id;
    case SnippetRole:
        return row.snippet;
    case DateRole:
        return row.date;
    default:
        return {};
    }
}

QVariant ArticleListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn:
        return tr("Title");
    case DateColumn:
        return tr("Date");
    case SourceColumn:
        return tr("Source");
    case WordsColumn:
        return tr("Words");
    case MatchColumn:
        return tr("Match");
    }
    return {};
}

bool ArticleListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_changing && m_rows.size() < m_ids.size();
}

void ArticleListModel::fetchMore(const QModelIndex &parent)
{
    // Views and testers may ask for more while a change is still being announced; rows
    // inserted then would land inside that change, so they wait for the next request.
    if (parent.isValid() || m_changing)
        return;
    loadRows(PageSize);
}

bool ArticleListModel::loadRows(int count)
{
    const qsizetype first = m_rows.size();
    const qsizetype wanted = qMin<qsizetype>(count, m_ids.size() - first);
    if (wanted <= 0)
        return true;
    Result<QList<ArticleSummary>> page = m_store->summaries(m_ids.mid(first, wanted), m_query.text);
    if (!page) {
        m_lastError = page.error();
        Q_EMIT errorOccurred(m_lastError);
        return false;
    }
    if (page->isEmpty())
        return true;
    // Articles deleted since the ids were read are skipped; keep ids and rows aligned.
    if (page->size() != wanted) {
        QList<qint64> present;
        for (const ArticleSummary &summary : std::as_const(*page))
            present.append(summary.id);
        m_ids.erase(m_ids.begin() + first, m_ids.begin() + first + wanted);
        for (qsizetype i = 0; i < present.size(); ++i)
            m_ids.insert(first + i, present.at(i));
    }
    m_changing = true;
    beginInsertRows({}, int(first), int(first + page->size() - 1));
    m_rows += *page;
    endInsertRows();
    m_changing = false;
    return true;
}

void ArticleListModel::sort(int column, Qt::SortOrder order)
{
    ArticleSort sort = ArticleSort::Relevance;
    switch (column) {
    case TitleColumn:
        sort = ArticleSort::Title;
        break;
    case DateColumn:
        sort = ArticleSort::Date;
        break;
    case SourceColumn:
        sort = ArticleSort::Source;
        break;
    case WordsColumn:
        sort = ArticleSort::Words;
        break;
    default:
        sort = ArticleSort::Relevance;
        order = Qt::AscendingOrder;
        break;
    }
    if (sort == m_query.sort && order == m_query.order)
        return;
    m_query.sort = sort;
    m_query.order = order;
    reload();
}

void ArticleListModel::setQueryText(const QString &text)
{
    if (text == m_query.text)
        return;
    const bool hadQuery = !FtsQuery::fromUserText(m_query.text).isEmpty();
    m_query.text = text;
    if (const QString note = FtsQuery::limitNote(text); !note.isEmpty())
        Q_EMIT errorOccurred(note);
    const bool hasQuery = !FtsQuery::fromUserText(text).isEmpty();
    // A new search ranks by relevance; leaving search goes back to newest first.
    if (hasQuery && !hadQuery) {
        m_query.sort = ArticleSort::Relevance;
        m_query.order = Qt::AscendingOrder;
    } else if (!hasQuery && hadQuery && m_query.sort == ArticleSort::Relevance) {
        m_query.sort = ArticleSort::Date;
        m_query.order = Qt::DescendingOrder;
    }
    reload();
}

void ArticleListModel::setTagFilter(const QList<qint64> &tagIds)
{
    if (tagIds == m_tagFilter)
        return;
    m_tagFilter = tagIds;
    updateFilters();
    reload();
}

void ArticleListModel::setSpeakerFilter(const QString &speaker)
{
    if (speaker == m_speakerFilter && speaker.isNull() == m_speakerFilter.isNull())
        return;
    m_speakerFilter = speaker;
    updateFilters();
    reload();
}

void ArticleListModel::updateFilters()
{
    m_query.filters.clear();
    if (!m_tagFilter.isEmpty())
        m_query.filters.append(AnnotationHooks::tagFilter(m_tagFilter));
    if (!m_speakerFilter.isNull())
        m_query.filters.append(QuoteHooks::speakerFilter(m_speakerFilter));
}

void ArticleListModel::refresh()
{
    reload();
}

void ArticleListModel::reload()
{
    m_changing = true;
    beginResetModel();
    m_rows.clear();
    m_ids.clear();
    m_lastError.clear();
    Result<QList<qint64>> ids
        = m_store ? m_store->articleIds(m_query) : Result<QList<qint64>>(QList<qint64>());
    if (ids)
        m_ids = std::move(*ids);
    else
        m_lastError = ids.error();
    // The first page comes with the reset, so a view shows rows at once.
    if (!m_ids.isEmpty()) {
        Result<QList<ArticleSummary>> page
            = m_store->summaries(m_ids.mid(0, PageSize), m_query.text);
        if (page && page->size() == qMin<qsizetype>(PageSize, m_ids.size()))
            m_rows = std::move(*page);
        else if (!page)
            m_lastError = page.error();
    }
    endResetModel();
    m_changing = false;
    if (!m_lastError.isEmpty())
        Q_EMIT errorOccurred(m_lastError);
    Q_EMIT listChanged();
}

qint64 ArticleListModel::articleIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int ArticleListModel::rowOfArticle(qint64 id)
{
    const qsizetype position = m_ids.indexOf(id);
    if (position < 0)
        return -1;
    if (position >= m_rows.size() && !loadRows(int(position - m_rows.size() + 1 + PageSize)))
        return -1;
    return position < m_rows.size() && m_rows.at(position).id == id ? int(position)
                                                                    : int(m_ids.indexOf(id));
}
