#include "highlightmodel.h"
#include "annotation/annotationservice.h"

#include <QColor>

using namespace Qt::StringLiterals;

namespace {

// Placed highlights in text order, then the orphans the user must re-attach.
bool comesBefore(const Highlight &a, const Highlight &b)
{
    const bool aOrphan = a.status == AnchorStatus::Orphaned;
    const bool bOrphan = b.status == AnchorStatus::Orphaned;
    if (aOrphan != bOrphan)
        return !aOrphan;
    if (aOrphan)
        return a.id < b.id;
    return std::tie(a.anchor.start, a.anchor.end, a.id)
        < std::tie(b.anchor.start, b.anchor.end, b.id);
}

} // namespace

HighlightModel::HighlightModel(AnnotationService *service, QObject *parent)
    : QAbstractListModel(parent)
    , m_service(service)
{
    connect(service, &AnnotationService::highlightsChanged, this, [this](qint64 articleId) {
        if (articleId == m_articleId)
            reload();
    });
    connect(service, &AnnotationService::highlightChanged, this,
        [this](qint64 articleId, qint64 highlightId) {
            if (articleId == m_articleId)
                updateOne(highlightId);
        });
    connect(service, &AnnotationService::tagsChanged, this, [this] {
        reloadTags();
        // A merged or deleted tag changes highlights' tag lists.
        reload();
    });
    reloadTags();
}

void HighlightModel::setArticle(qint64 articleId)
{
    m_articleId = articleId;
    reload();
}

void HighlightModel::reloadTags()
{
    m_tagPaths.clear();
    const Result<QList<Tag>> tags = m_service->store().tags();
    if (!tags)
        return;
    for (const Tag &tag : *tags)
        m_tagPaths.insert(tag.id, tag.path);
}

void HighlightModel::reload()
{
    QList<Highlight> fresh;
    m_lastError.clear();
    if (m_articleId != 0) {
        Result<QList<Highlight>> loaded = m_service->store().highlightsOf(m_articleId);
        if (loaded) {
            // Placed highlights in text order, then the orphans the user must re-attach.
            std::sort(loaded->begin(), loaded->end(), comesBefore);
            fresh = std::move(*loaded);
        } else {
            m_lastError = loaded.error();
        }
    }
    const bool sameRows = fresh.size() == m_highlights.size()
        && std::equal(fresh.cbegin(), fresh.cend(), m_highlights.cbegin(),
            [](const Highlight &a, const Highlight &b) { return a.id == b.id; });
    if (sameRows && !fresh.isEmpty()) {
        // An edit of one highlight: keep rows (and the view's selection and editors).
        m_highlights = std::move(fresh);
        Q_EMIT dataChanged(index(0), index(int(m_highlights.size()) - 1));
    } else if (!sameRows) {
        beginResetModel();
        m_highlights = std::move(fresh);
        endResetModel();
    }
    if (!m_lastError.isEmpty())
        Q_EMIT errorOccurred(m_lastError);
}

void HighlightModel::updateOne(qint64 highlightId)
{
    // One edit costs one row read, whatever the number of highlights in the article.
    const int row = rowOf(highlightId);
    const Result<Highlight> fresh = m_service->store().highlight(highlightId);
    if (!fresh) {
        if (row >= 0) {
            beginRemoveRows({}, row, row);
            m_highlights.removeAt(row);
            endRemoveRows();
        }
        return;
    }
    if (row >= 0) {
        const bool stays = (row == 0 || comesBefore(m_highlights.at(row - 1), *fresh))
            && (row + 1 == m_highlights.size() || comesBefore(*fresh, m_highlights.at(row + 1)));
        if (stays) {
            m_highlights[row] = *fresh;
            Q_EMIT dataChanged(index(row), index(row));
            return;
        }
        beginRemoveRows({}, row, row);
        m_highlights.removeAt(row);
        endRemoveRows();
    }
    const auto at = std::lower_bound(m_highlights.begin(), m_highlights.end(), *fresh, comesBefore);
    const int position = int(at - m_highlights.begin());
    beginInsertRows({}, position, position);
    m_highlights.insert(position, *fresh);
    endInsertRows();
}

int HighlightModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_highlights.size());
}

QVariant HighlightModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Highlight &highlight = m_highlights.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case QuoteRole:
        return highlight.anchor.exact;
    case Qt::EditRole:
    case NoteRole:
        return highlight.note;
    case Qt::ToolTipRole: {
        QStringList lines { highlight.anchor.exact };
        if (!highlight.note.isEmpty())
            lines.append(highlight.note);
        return lines.join(u"\n\n"_s);
    }
    case Qt::DecorationRole:
    case ColorRole:
        return QColor(Palette::rgbOf(highlight.color));
    case HighlightIdRole:
        return highlight.id;
    case StartRole:
        return highlight.anchor.start;
    case EndRole:
        return highlight.anchor.end;
    case ColorKeyRole:
        return highlight.color;
    case TagPathsRole: {
        QStringList paths;
        for (qint64 tagId : highlight.tagIds)
            paths.append(m_tagPaths.value(tagId));
        paths.sort(Qt::CaseInsensitive);
        return paths;
    }
    case StatusRole:
        return anchorStatusName(highlight.status);
    default:
        return {};
    }
}

bool HighlightModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || (role != Qt::EditRole && role != NoteRole))
        return false;
    const Result<void> saved
        = m_service->setNote(m_highlights.at(index.row()).id, value.toString());
    if (!saved) {
        Q_EMIT errorOccurred(saved.error());
        return false;
    }
    return true;
}

Qt::ItemFlags HighlightModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable;
}

QHash<int, QByteArray> HighlightModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(HighlightIdRole, "highlightId");
    names.insert(NoteRole, "note");
    names.insert(TagPathsRole, "tags");
    names.insert(StatusRole, "status");
    return names;
}

int HighlightModel::rowOf(qint64 highlightId) const
{
    for (int row = 0; row < m_highlights.size(); ++row) {
        if (m_highlights.at(row).id == highlightId)
            return row;
    }
    return -1;
}
