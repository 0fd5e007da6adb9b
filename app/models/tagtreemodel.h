#pragma once

#include "annotation/highlight.h"

#include <QAbstractItemModel>
#include <QHash>

class AnnotationService;

/// The codebook as a tree (Speaker ▸ Milo Ventimiglia) with the number of highlights carrying
/// each tag. Rebuilt when tags or highlights change; a codebook of a thousand tags is small.
class TagTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, CountColumn, ColumnCount };
    enum Role { TagIdRole = Qt::UserRole + 1, PathRole, ColorRole, DescriptionRole };

    explicit TagTreeModel(AnnotationService *service, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(TagTreeModel)

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QModelIndex indexOf(qint64 tagId) const;
    /// Every tag path, for completing what the user types.
    QStringList paths() const;
    int tagCount() const { return int(m_tags.size()); }
    void reload();

private:
    struct Node
    {
        Tag tag;
        qint64 parent = 0;
        QList<qint64> children;
        int row = 0;
    };
    const Node *nodeOf(const QModelIndex &index) const;

    AnnotationService *m_service;
    QHash<qint64, Node> m_tags;
    QList<qint64> m_roots;
};
