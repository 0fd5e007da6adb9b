#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class SpeakerListModel;

/// Everyone quoted anywhere in the library, with how many quotations and articles. Typing
/// narrows the list; "Only articles quoting this speaker" (or a double-click) narrows the
/// library list to the articles quoting the chosen speaker; F2 renames a speaker everywhere,
/// or merges them into another ("Mr Blair" into "Tony Blair"). While the speaker index is being
/// brought up to date, a progress bar with Stop shows how far it is.
class SpeakersPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit SpeakersPanel(SpeakerListModel *model, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SpeakersPanel)

    QTableView *view() const { return m_view; }
    QLineEdit *filterField() const { return m_filterField; }
    QCheckBox *libraryFilter() const { return m_libraryFilter; }
    QString currentSpeaker() const;
    /// Shows the indexer's progress; total 0 hides it.
    void showIndexing(int done, int total);
    /// Shows other work on the library's speakers (a rename being planned): a label sets what
    /// it says, total 0 with no label hides it, total 0 with one shows it busy.
    void showWork(const QString &label, int done, int total);

Q_SIGNALS:
    /// The speaker whose articles the library should list; a null string for all articles.
    void libraryFilterChanged(const QString &speaker);
    void stopIndexingRequested();
    void stopWorkRequested();
    /// Rename or merge the chosen speaker (F2, or the right button).
    void renameRequested(const QString &speaker);

private:
    void emitFilter();

    SpeakerListModel *m_model;
    QLineEdit *m_filterField;
    QTableView *m_view;
    QCheckBox *m_libraryFilter;
    QWidget *m_progressRow;
    QProgressBar *m_progress;
    QWidget *m_workRow;
    QProgressBar *m_work;
    QLabel *m_emptyHint;
    QString m_lastEmitted; ///< the speaker chosen before a reload
};
