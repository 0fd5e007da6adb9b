#pragma once

#include "quotes/quotedetector.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class AnnotationController;
class Library;
class LibraryWorker;
class LibraryWriter;
class QDockWidget;
class QMainWindow;
class QMenu;
class QModelIndex;
class QuotationModel;
class QuotationService;
class QuotesPanel;
class ReaderView;
class SpeakerDialog;
class SpeakerListModel;
class SpeakersPanel;

/// Everything the user does with quotations in the window: the Quotes panel of the article
/// being read (highlight a quotation or a speaker's, correct a speaker), the dotted marks in the
/// reader, and the Speakers panel over the whole library, whose index it keeps up to date in
/// the background after imports and at start.
class QuotesController final : public QObject
{
    Q_OBJECT
public:
    QuotesController(QMainWindow *window, ReaderView *reader, AnnotationController *annotations);
    ~QuotesController() override;
    Q_DISABLE_COPY_MOVE(QuotesController)

    /// Call after the annotation controller's setLibrary: corrections share its undo stack.
    void setLibrary(Library *library);
    void articleShown(qint64 articleId);
    /// The Annotate menu's quotation items.
    void populateMenu(QMenu *menu);
    /// The View menu's toggle for dotted marks under every quotation found.
    void populateViewMenu(QMenu *menu);

    /// Looks for articles whose speakers are not indexed yet and indexes them on a worker.
    void updateSpeakerIndex();
    /// Stops indexing and waits (before an import writes the same articles).
    void stopIndexing();
    bool isIndexing() const;

    /// Highlights the quotations under index (one, or all of a speaker's), tagged
    /// Speaker/<name> when the speaker is known; one undo step.
    void highlightQuotations(const QModelIndex &index);
    /// Asks who said the quotations under index, then gives them that speaker.
    void correctSpeaker(const QModelIndex &index);
    /// Gives the quotations under index this speaker (empty: nobody); one undo step.
    bool setSpeaker(const QModelIndex &index, const QString &name);
    /// Asks for a new name for a speaker of the library, then renames (or merges) them.
    void renameSpeaker(const QString &speaker);
    /// Renames a speaker in every article, as one undo step: the quotations are found on a
    /// worker (renameFinished tells when it is written). False when one is already running.
    bool setSpeakerName(const QString &speaker, const QString &name);
    bool isRenaming() const;

    /// How long after a library opens the speaker index starts being brought up to date.
    static constexpr int StartDelayMs = 1500;

    QuotationService *service() const { return m_service.get(); }
    QuotationModel *quotationModel() const { return m_quotationModel; }
    SpeakerListModel *speakerModel() const { return m_speakerModel; }
    QuotesPanel *quotesPanel() const { return m_quotesPanel; }
    SpeakersPanel *speakersPanel() const { return m_speakersPanel; }
    QDockWidget *quotesDock() const { return m_quotesDock; }
    QDockWidget *speakersDock() const { return m_speakersDock; }
    SpeakerDialog *speakerDialog() const;

Q_SIGNALS:
    void statusMessage(const QString &message);
    /// The library list should show only the articles quoting this speaker (null: all).
    void libraryFilterChanged(const QString &speaker);
    /// The speaker index changed (indexing finished, a correction): counts may differ.
    void speakersUpdated();
    /// A rename started with setSpeakerName ended (written, refused or stopped).
    void renameFinished(bool renamed);

private:
    bool giveSpeaker(const QList<Quotation> &quotations, const QString &name);
    /// Opens the speaker dialog on a subject; apply gets the name the user accepts.
    void askForSpeaker(const QString &subject, const QString &current,
        const std::function<void(const QString &)> &apply);
    void refreshArticle();
    /// Reads the library's speakers again if the Speakers panel shows (it reads them when it
    /// is next shown otherwise).
    void refreshSpeakers();
    void report(const QString &error);
    void onRenamePlanned(const QVariant &result, const QString &error);
    void stopRenaming();

    QMainWindow *m_window;
    ReaderView *m_reader;
    AnnotationController *m_annotations;
    QDockWidget *m_quotesDock;
    QDockWidget *m_speakersDock;
    QuotationModel *m_quotationModel;
    SpeakerListModel *m_speakerModel;
    QuotesPanel *m_quotesPanel;
    SpeakersPanel *m_speakersPanel;
    LibraryWorker *m_indexer;
    LibraryWorker *m_renamer;
    QString m_pendingRename;
    QPointer<SpeakerDialog> m_dialog;
    QString m_libraryPath;
    std::shared_ptr<LibraryWriter> m_writer;
    qint64 m_articleId = 0;
    bool m_indexAgain = false; ///< asked while a run was going: look again when it ends
    std::unique_ptr<QuotationService> m_service;
};
