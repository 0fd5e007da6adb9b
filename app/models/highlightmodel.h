#pragma once

#include "annotation/highlight.h"

#include <QAbstractListModel>
#include <QHash>

class AnnotationService;

/// The highlights of the article being read, in text order (orphans last). It follows the
/// service's change signals; the note is editable in place (setData goes through the service,
/// so it is undoable).
class HighlightModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        HighlightIdRole = Qt::UserRole + 1,
        StartRole,
        EndRole,
        ColorKeyRole,
        ColorRole,
        TagPathsRole,
        NoteRole,
        StatusRole,
        QuoteRole,
    };

    explicit HighlightModel(AnnotationService *service, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(HighlightModel)

    void setArticle(qint64 articleId);
    qint64 articleId() const { return m_articleId; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    const QList<Highlight> &highlights() const { return m_highlights; }
    int rowOf(qint64 highlightId) const;
    QString tagPath(qint64 tagId) const { return m_tagPaths.value(tagId); }
    const QHash<qint64, QString> &tagPaths() const { return m_tagPaths; }
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    void reload();
    void reloadTags();
    void updateOne(qint64 highlightId);

    AnnotationService *m_service;
    qint64 m_articleId = 0;
    QList<Highlight> m_highlights;
    QHash<qint64, QString> m_tagPaths;
    QString m_lastError;
};
