#include "tagtreemodel.h"
#include "annotation/annotationservice.h"

#include <QColor>
#include <QLocale>

TagTreeModel::TagTreeModel(AnnotationService *service, QObject *parent)
    : QAbstractItemModel(parent)
    , m_service(service)
{
    connect(service, &AnnotationService::tagsChanged, this, &TagTreeModel::reload);
    connect(service, &AnnotationService::highlightsChanged, this, &TagTreeModel::reload);
    connect(service, &AnnotationService::highlightChanged, this, &TagTreeModel::reload);
    reload();
}

void TagTreeModel::reload()
{
    const Result<QList<Tag>> tags = m_service->store().tags();
    QHash<qint64, Node> nodes;
    QList<qint64> roots;
    if (tags) {
        for (const Tag &tag : *tags)
            nodes.insert(tag.id, Node { tag, tag.parentId, {}, 0 });
        // tags() is sorted by path, so children come out in order.
        for (const Tag &tag : *tags) {
            Node &node = nodes[tag.id];
            QList<qint64> &siblings
                = nodes.contains(tag.parentId) ? nodes[tag.parentId].children : roots;
            if (!nodes.contains(tag.parentId))
                node.parent = 0;
            node.row = int(siblings.size());
            siblings.append(tag.id);
        }
    }
    // Counts change far more often than the shape: keep rows (and expansion) when only they did.
    bool sameShape = nodes.size() == m_tags.size() && roots == m_roots;
    for (auto it = nodes.cbegin(); sameShape && it != nodes.cend(); ++it) {
        const auto old = m_tags.constFind(it.key());
        sameShape = old != m_tags.cend() && old->children == it->children
            && old->parent == it->parent && old->tag.name == it->tag.name;
    }
    if (sameShape) {
        m_tags = std::move(nodes);
        for (auto it = m_tags.cbegin(); it != m_tags.cend(); ++it) {
            const QModelIndex first = createIndex(it->row, NameColumn, quintptr(it.key()));
            const QModelIndex last = createIndex(it->row, CountColumn, quintptr(it.key()));
            Q_EMIT dataChanged(first, last);
        }
        return;
    }
    beginResetModel();
    m_tags = std::move(nodes);
    m_roots = std::move(roots);
    endResetModel();
}

const TagTreeModel::Node *TagTreeModel::nodeOf(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    const auto it = m_tags.constFind(qint64(index.internalId()));
    return it == m_tags.cend() ? nullptr : &*it;
}

QModelIndex TagTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    const QList<qint64> *children = &m_roots;
    if (parent.isValid()) {
        const Node *node = nodeOf(parent);
        if (!node || parent.column() != 0)
            return {};
        children = &node->children;
    }
    if (row >= children->size())
        return {};
    return createIndex(row, column, quintptr(children->at(row)));
}

QModelIndex TagTreeModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeOf(child);
    if (!node || node->parent == 0)
        return {};
    const auto parent = m_tags.constFind(node->parent);
    if (parent == m_tags.cend())
        return {};
    return createIndex(parent->row, 0, quintptr(parent.key()));
}

int TagTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_roots.size());
    if (parent.column() != 0)
        return 0;
    const Node *node = nodeOf(parent);
    return node ? int(node->children.size()) : 0;
}

int TagTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant TagTreeModel::data(const QModelIndex &index, int role) const
{
    const Node *node = nodeOf(index);
    if (!node)
        return {};
    const Tag &tag = node->tag;
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == NameColumn ? QVariant(tag.name)
                                            : QVariant(QLocale().toString(tag.highlightCount));
    case Qt::ToolTipRole:
        return tag.description.isEmpty() ? tag.path
                                         : tag.path + QStringLiteral("\n") + tag.description;
    case Qt::DecorationRole:
        if (index.column() == NameColumn && !tag.color.isEmpty())
            return QColor(tag.color);
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == CountColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                             : QVariant();
    case TagIdRole:
        return tag.id;
    case PathRole:
        return tag.path;
    case ColorRole:
        return tag.color;
    case DescriptionRole:
        return tag.description;
    default:
        return {};
    }
}

QVariant TagTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Tag") : tr("Highlights");
}

QModelIndex TagTreeModel::indexOf(qint64 tagId) const
{
    const auto it = m_tags.constFind(tagId);
    if (it == m_tags.cend())
        return {};
    return createIndex(it->row, 0, quintptr(tagId));
}

QStringList TagTreeModel::paths() const
{
    QStringList all;
    for (const Node &node : m_tags)
        all.append(node.tag.path);
    all.sort(Qt::CaseInsensitive);
    return all;
}
