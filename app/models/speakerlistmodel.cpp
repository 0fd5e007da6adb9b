#include "speakerlistmodel.h"

#include <algorithm>

SpeakerListModel::SpeakerListModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void SpeakerListModel::setStore(const QuoteStore *store)
{
    m_store = store;
    reload();
}

void SpeakerListModel::setFilterText(const QString &text)
{
    if (text == m_filter)
        return;
    m_filter = text;
    applyFilter();
}

void SpeakerListModel::reload()
{
    m_all.clear();
    if (m_store) {
        Result<QList<SpeakerSummary>> read = m_store->speakers();
        if (read)
            m_all = std::move(*read);
        else
            Q_EMIT errorOccurred(read.error());
    }
    sortAll();
    applyFilter();
}

void SpeakerListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    sortAll();
    applyFilter();
}

// Once per reading or sort change; typing only filters what is already in order.
void SpeakerListModel::sortAll()
{
    // Ties keep the most quoted first, then the name, so the order never jumps.
    auto key = [this](const SpeakerSummary &speaker) {
        return m_sortColumn == ArticlesColumn ? speaker.articles : speaker.quotations;
    };
    std::stable_sort(
        m_all.begin(), m_all.end(), [&](const SpeakerSummary &a, const SpeakerSummary &b) {
            if (m_sortColumn == NameColumn) {
                const int byName = a.name.localeAwareCompare(b.name);
                return m_sortOrder == Qt::AscendingOrder ? byName < 0 : byName > 0;
            }
            if (key(a) != key(b))
                return m_sortOrder == Qt::DescendingOrder ? key(a) > key(b) : key(a) < key(b);
            if (a.quotations != b.quotations)
                return a.quotations > b.quotations;
            return a.name.localeAwareCompare(b.name) < 0;
        });
}

void SpeakerListModel::applyFilter()
{
    const QString wanted = m_filter.simplified();
    beginResetModel();
    if (wanted.isEmpty()) {
        m_speakers = m_all;
    } else {
        m_speakers.clear();
        for (const SpeakerSummary &speaker : std::as_const(m_all)) {
            if (speaker.name.contains(wanted, Qt::CaseInsensitive))
                m_speakers.append(speaker);
        }
    }
    endResetModel();
}

int SpeakerListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_speakers.size());
}

int SpeakerListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SpeakerListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SpeakerSummary &speaker = m_speakers.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return speaker.name;
        case QuotationsColumn:
            return speaker.quotations;
        case ArticlesColumn:
            return speaker.articles;
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        return index.column() == NameColumn ? QVariant()
                                            : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole: {
        const QString quotations = speaker.quotations == 1
            ? tr("1 quotation")
            : tr("%1 quotations").arg(speaker.quotations);
        const QString articles
            = speaker.articles == 1 ? tr("1 article") : tr("%1 articles").arg(speaker.articles);
        return tr("%1: %2 in %3").arg(speaker.name, quotations, articles);
    }
    case NameRole:
        return speaker.name;
    default:
        return {};
    }
}

QVariant SpeakerListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Speaker");
    case QuotationsColumn:
        return tr("Quotations");
    case ArticlesColumn:
        return tr("Articles");
    default:
        return {};
    }
}

QString SpeakerListModel::speakerAt(int row) const
{
    return row >= 0 && row < m_speakers.size() ? m_speakers.at(row).name : QString();
}

int SpeakerListModel::rowOf(const QString &speaker) const
{
    for (qsizetype row = 0; row < m_speakers.size(); ++row) {
        if (m_speakers.at(row).name == speaker)
            return int(row);
    }
    return -1;
}
