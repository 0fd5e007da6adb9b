#pragma once

#include <QWidget>

class AnnotationService;
class QCheckBox;
class QTreeView;
class QToolButton;
class TaggedHighlightsModel;
class TagTreeModel;

/// The codebook with counts; choosing a tag lists its highlights across the library (with the
/// tags below it), and can filter the article list. Double-click a listed highlight to open its
/// article there. New, rename, merge and delete go through the annotation service (undoable);
/// deleting asks first.
class TagsPanel final : public QWidget
{
    Q_OBJECT
public:
    TagsPanel(AnnotationService *service, TagTreeModel *tags, TaggedHighlightsModel *tagged,
        QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(TagsPanel)

    QTreeView *tagView() const { return m_tags; }
    QTreeView *highlightView() const { return m_highlights; }
    QCheckBox *filterBox() const { return m_filter; }
    qint64 currentTag() const;
    void selectTag(qint64 id);

Q_SIGNALS:
    void highlightOpened(qint64 articleId, qint64 highlightId);
    /// The tags the article list should be limited to (empty: no limit).
    void libraryFilterChanged(const QList<qint64> &tagIds);
    void errorOccurred(const QString &message);

private:
    void currentTagChanged();
    void newTag();
    void renameTag();
    void deleteTag();
    void mergeTag();
    void moveTag();
    void colorTag();
    void describeTag();
    void report(const QString &error);

    AnnotationService *m_service;
    TagTreeModel *m_model;
    TaggedHighlightsModel *m_tagged;
    QTreeView *m_tags;
    QTreeView *m_highlights;
    QCheckBox *m_filter;
    QToolButton *m_rename;
    QToolButton *m_delete;
    QToolButton *m_merge;
};
