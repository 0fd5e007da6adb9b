#pragma once

#include <QObject>
#include <QPointer>

#include "selectiontoolbar.h"

#include <memory>

class AnnotationService;
class HighlightModel;
class HighlightsPanel;
class Library;
class NoteDialog;
class QAction;
class QDockWidget;
class QMainWindow;
class QModelIndex;
class QMenu;
class ReaderView;
class TagPicker;
class TaggedHighlightsModel;
class TagTreeModel;
class TagsPanel;

/// Everything the user does with highlights in the window: the Annotate menu and its keys
/// (H, T, N, Delete, E), the floating toolbar, the highlights and tags panels, the tag picker
/// and note dialogs. It turns each gesture into one call on the AnnotationService and shows the
/// service's answer; it keeps the reader's highlight overlay in step with the models.
class AnnotationController final : public QObject
{
    Q_OBJECT
public:
    AnnotationController(QMainWindow *window, ReaderView *reader);
    ~AnnotationController() override;
    Q_DISABLE_COPY_MOVE(AnnotationController)

    /// Rebuilds service, models and panels for another library (nullptr: none).
    void setLibrary(Library *library);
    void articleShown(qint64 articleId);
    void populateMenu(QMenu *menu);

    AnnotationService *service() const { return m_service.get(); }
    HighlightModel *highlightModel() const { return m_highlightModel.get(); }
    TagTreeModel *tagModel() const { return m_tagModel.get(); }
    HighlightsPanel *highlightsPanel() const { return m_highlightsPanel.get(); }
    TagsPanel *tagsPanel() const { return m_tagsPanel.get(); }
    QDockWidget *highlightsDock() const { return m_highlightsDock; }
    QDockWidget *tagsDock() const { return m_tagsDock; }
    TagPicker *tagPicker() const;
    NoteDialog *noteDialog() const;
    SelectionToolbar *selectionToolbar() const;

    // The gestures, public so menus, panels and tests share one path.
    void highlightSelection(const QString &color = {});
    void tagCurrent();
    void noteCurrent();
    void deleteCurrent();
    void fitCurrentToSelection();
    void revealHighlight(qint64 id);

Q_SIGNALS:
    void statusMessage(const QString &message);
    void openArticleRequested(qint64 articleId, qint64 highlightId);
    void libraryFilterChanged(const QList<qint64> &tagIds);

private:
    /// The highlight a gesture applies to: the selection's (made now if needed) or the caret's.
    qint64 targetHighlight(bool createFromSelection);
    void openTagPicker(qint64 highlightId);
    void openNoteEditor(qint64 highlightId);
    void refreshReader();
    void report(const QString &error);
    void refreshColorNames();
    void nameColors();

    QMainWindow *m_window;
    ReaderView *m_reader;
    QDockWidget *m_highlightsDock;
    QDockWidget *m_tagsDock;
    QPointer<SelectionToolbar> m_toolbar; ///< lives in the reader, which may go first
    QPointer<TagPicker> m_tagPicker;
    QPointer<NoteDialog> m_noteDialog;
    QList<QAction *> m_colorActions;
    // Declared so that panels go before models, and models before the service.
    std::unique_ptr<AnnotationService> m_service;
    std::unique_ptr<HighlightModel> m_highlightModel;
    std::unique_ptr<TagTreeModel> m_tagModel;
    std::unique_ptr<TaggedHighlightsModel> m_taggedModel;
    std::unique_ptr<HighlightsPanel> m_highlightsPanel;
    std::unique_ptr<TagsPanel> m_tagsPanel;
};
