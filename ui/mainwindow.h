#pragma once

#include "importing/annotationimporter.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>

#include <memory>

class AnnotationController;
class QuotesController;
class ArticleListModel;
class FindBar;
class ImportController;
class ImportProgress;
class Library;
class LibraryHistory;
class LibraryPanel;
class LibraryStore;
class LibraryWorker;
class QLabel;

class QSplitter;
class QStackedWidget;
class ReaderView;
struct ImportSummary;

/// The window: the library (search and list) on the left, the reader on the right, imports in
/// the status bar. It owns the open library and talks to it only through the model, the
/// import controller and the store's read calls.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(std::unique_ptr<Library> library, QWidget *parent = nullptr);
    ~MainWindow() override;
    Q_DISABLE_COPY_MOVE(MainWindow)

    /// Imports in the background; with showFirst the first article read is opened after.
    bool importPaths(const QStringList &paths, bool showFirst = false);
    /// Opens an article in the reader and selects it in the list when it is there.
    bool showArticle(qint64 id);
    /// Imports W3C/Hypothesis JSON or a REFI-QDA project's codings onto the library's
    /// articles; a report lists what needs attention and offers what can be done about it.
    bool importAnnotationsFrom(const QString &file, const AnnotationImportOptions &options = {});
    /// Opens a REFI-QDA project whole: sources as articles, codebook, codings.
    bool openProject(const QString &file, const AnnotationImportOptions &options = {});
    /// Opens (or creates) the library at path; a damaged one is refused with an offer to
    /// recover it. False when nothing was opened.
    bool openLibraryAt(const QString &path);
    /// Copies what can be read of a damaged library into target and opens the copy.
    bool recoverLibrary(const QString &damagedPath, const QString &target);
    /// The sentence naming the damage the whole check found in the open library, or empty.
    QString damage() const { return m_damage; }

    LibraryStore *store() const;
    Library *library() const { return m_openLibrary.get(); }
    /// The open library's undo history (null with none open).
    LibraryHistory *history() const;
    ArticleListModel *articleModel() const { return m_model.get(); }
    LibraryPanel *libraryPanel() const { return m_library; }
    ReaderView *reader() const { return m_reader; }
    FindBar *findBar() const { return m_findBar; }
    ImportController *imports() const { return m_imports; }
    AnnotationController *annotations() const { return m_annotations; }
    QuotesController *quotes() const { return m_quotes; }
    ImportProgress *importProgress() const { return m_importProgress; }
    QString statusCountText() const;
    /// The summary box of the last import that had failures, while it is open.
    QMessageBox *importReport() const { return m_importReport; }
    /// The report box of the last annotation import with something to attend to.
    QMessageBox *annotationReport() const { return m_annotationReport; }

Q_SIGNALS:
    void articleShown(qint64 id);
    /// An annotation import ended: imported, failed or cancelled.
    void annotationImportFinished(bool imported);
    void importFinished();
    /// The check of the whole open library ended; damage is empty when it is whole.
    void libraryChecked(const QString &damage);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void setLibrary(std::unique_ptr<Library> library);
    void connectHistory();
    void openLibraryFile();
    void chooseLibraryToRecover();
    void checkWholeLibrary();
    void onWholeCheckFinished(const QVariant &result, const QString &error);
    void openExportDialog();
    void chooseAnnotationsToImport();
    void chooseProjectToOpen();
    bool startAnnotationImport(const QString &file, bool project, const AnnotationImportOptions &options);
    void offerNextStep(const AnnotationImportReport &report);
    void chooseFilesToImport();
    void chooseFolderToImport();
    void onImportFinished(const ImportSummary &summary);
    void onAnnotationImportFinished(const QVariant &result, const QString &error);
    bool importRunning();
    void onCurrentArticleChanged(qint64 id);
    void updateCounts();
    void updateEmptyState();
    void restoreSettings();
    void saveSettings() const;

    // Declared in this order so the model, which reads through the store, goes first.
    std::unique_ptr<Library> m_openLibrary;
    std::unique_ptr<ArticleListModel> m_model;
    LibraryPanel *m_library;
    ReaderView *m_reader;
    FindBar *m_findBar;
    QLabel *m_emptyReader;
    QStackedWidget *m_readerStack;
    QSplitter *m_splitter;
    QLabel *m_counts;
    ImportProgress *m_importProgress;
    ImportController *m_imports;
    LibraryWorker *m_annotationImports;
    LibraryWorker *m_wholeCheck; ///< checks a large library past what opening covered
    QString m_damage;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QList<QMetaObject::Connection> m_historyConnections;
    AnnotationController *m_annotations;
    QuotesController *m_quotes;
    QPointer<QMessageBox> m_importReport;
    // The annotation import running or last run, to run it again with the user's answer.
    QString m_annotationFile;
    bool m_annotationProject = false;
    QPointer<QMessageBox> m_annotationReport;
    QList<QAction *> m_libraryActions;
    bool m_showFirstImported = false;
};
