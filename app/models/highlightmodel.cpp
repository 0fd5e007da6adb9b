#include "highlightmodel.h"
#include "annotation/annotationservice.h"

#include <QColor>

using namespace Qt::StringLiterals;

HighlightModel::HighlightModel(AnnotationService *service, QObject *parent)
    : QAbstractListModel(parent)
    , m_service(service)
{
    connect(service, &AnnotationService::highlightsChanged, this, [this](qint64 articleId) {
        if (articleId == m_articleId)
            reload();
    });
    connect(service, &AnnotationService::tagsChanged, this, [this] {
        reloadTags();
        if (!m_highlights.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_highlights.size()) - 1), { TagPathsRole });
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
            std::stable_partition(loaded->begin(), loaded->end(),
                [](const Highlight &h) { return h.status != AnchorStatus::Orphaned; });
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

qint64 HighlightModel::highlightAt(int offset) const
{
    qint64 found = 0;
    int shortest = INT_MAX;
    for (const Highlight &highlight : m_highlights) {
        if (highlight.status == AnchorStatus::Orphaned)
            continue;
        if (offset >= highlight.anchor.start && offset < highlight.anchor.end
            && highlight.anchor.length() < shortest) {
            found = highlight.id;
            shortest = highlight.anchor.length();
        }
    }
    return found;
}
