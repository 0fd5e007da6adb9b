#pragma once

#include <QWidget>

class HighlightModel;
class QCheckBox;
class QLabel;
class QListView;
class QToolButton;

/// The current article's highlights beside the reader, in text order, orphans last: colour,
/// quote, tags and the note's start. Click to go to one; F2 or double-click edits the note in
/// place; the buttons tag, write a note, re-attach an orphan to the selected text, or delete.
class HighlightsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit HighlightsPanel(HighlightModel *model, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(HighlightsPanel)

    QListView *view() const { return m_view; }
    QCheckBox *orphansOnlyBox() const { return m_orphansOnly; }
    qint64 currentHighlight() const;
    void selectHighlight(qint64 id);

Q_SIGNALS:
    void highlightActivated(qint64 id);
    void tagRequested(qint64 id);
    void noteRequested(qint64 id);
    void deleteRequested(qint64 id);
    void reattachRequested(qint64 id);
    void removeTagRequested(qint64 highlightId, const QString &path);

private:
    void updateState();
    void applyOrphanFilter();

    HighlightModel *m_model;
    QListView *m_view;
    QLabel *m_summary;
    QCheckBox *m_orphansOnly;
    QToolButton *m_tag;
    QToolButton *m_note;
    QToolButton *m_reattach;
    QToolButton *m_delete;
};
