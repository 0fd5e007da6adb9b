#include "mainwindow.h"
#include "annotation/annotationservice.h"
#include "annotation/annotationstore.h"
#include "article/inputformats.h"
#include "annotationcontroller.h"
#include "exportdialog.h"
#include "findbar.h"
#include "importing/annotationimporter.h"
#include "importing/importcontroller.h"
#include "importprogress.h"
#include "library/library.h"
#include "library/libraryhistory.h"
#include "library/librarystore.h"
#include "library/librarywriter.h"
#include "library/libraryworker.h"
#include "librarypanel.h"
#include "libraryrecovery.h"
#include "models/articlelistmodel.h"
#include "quotescontroller.h"
#include "readerview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QString settingsKeyFor(const QString &libraryPath, const QString &name)
{
    // Per-library memory: the last article of one library means nothing in another.
    return u"libraries/%1/%2"_s.arg(
        QString::fromLatin1(libraryPath.toUtf8().toBase64(QByteArray::Base64UrlEncoding)), name);
}

QStringList localPaths(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    return paths;
}

} // namespace

MainWindow::MainWindow(std::unique_ptr<Library> library, QWidget *parent)
    : QMainWindow(parent)
    , m_library(new LibraryPanel(this))
    , m_reader(new ReaderView(this))
    , m_findBar(new FindBar(m_reader, this))
    , m_emptyReader(new QLabel(this))
    , m_readerStack(new QStackedWidget(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_counts(new QLabel(this))
    , m_importProgress(new ImportProgress(this))
    , m_imports(new ImportController(this))
    , m_annotationImports(new LibraryWorker(this))
    , m_wholeCheck(new LibraryWorker(this))
    , m_annotations(new AnnotationController(this, m_reader))
    , m_quotes(new QuotesController(this, m_reader, m_annotations))
{
    setWindowTitle(tr("Gloss"));
    setWindowIcon(QIcon(u":/icons/gloss.svg"_s));
    setAcceptDrops(true);

    m_emptyReader->setObjectName(u"emptyReader"_s);
    m_emptyReader->setAlignment(Qt::AlignCenter);
    m_emptyReader->setWordWrap(true);

    auto *readerPane = new QWidget(this);
    auto *readerLayout = new QVBoxLayout(readerPane);
    readerLayout->setContentsMargins(0, 0, 0, 0);
    readerLayout->setSpacing(0);
    readerLayout->addWidget(m_reader, 1);
    readerLayout->addWidget(m_findBar);
    m_readerStack->addWidget(m_emptyReader);
    m_readerStack->addWidget(readerPane);

    m_library->setMinimumWidth(240);
    m_splitter->addWidget(m_library);
    m_splitter->addWidget(m_readerStack);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({ 360, 700 });
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    statusBar()->addWidget(m_importProgress, 1);
    statusBar()->addPermanentWidget(m_counts);

    connect(m_library, &LibraryPanel::currentArticleChanged, this,
        &MainWindow::onCurrentArticleChanged);
    connect(m_library, &LibraryPanel::articleActivated, this,
        [this] { m_reader->setFocus(Qt::OtherFocusReason); });
    connect(m_imports, &ImportController::progressed, m_importProgress, &ImportProgress::update);
    connect(m_imports, &ImportController::finished, this, &MainWindow::onImportFinished);
    connect(
        m_importProgress, &ImportProgress::cancelRequested, m_imports, &ImportController::cancel);
    connect(m_importProgress, &ImportProgress::cancelRequested, m_annotationImports,
        &LibraryWorker::cancel);
    connect(
        m_annotationImports, &LibraryWorker::progressed, m_importProgress, &ImportProgress::update);
    connect(m_annotationImports, &LibraryWorker::finished, this,
        &MainWindow::onAnnotationImportFinished);
    connect(m_wholeCheck, &LibraryWorker::finished, this, &MainWindow::onWholeCheckFinished);
    connect(m_reader, &ReaderView::zoomChanged, this, [this](int steps) {
        statusBar()->showMessage(tr("Zoom %1%").arg(qRound(100 * std::pow(1.1, steps))), 1500);
    });

    connect(m_annotations, &AnnotationController::statusMessage, this,
        [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_annotations, &AnnotationController::openArticleRequested, this,
        [this](qint64 articleId, qint64 highlightId) {
            if (showArticle(articleId))
                m_annotations->revealHighlight(highlightId);
        });
    connect(m_annotations, &AnnotationController::libraryFilterChanged, this,
        [this](const QList<qint64> &tagIds) {
            if (m_model)
                m_model->setTagFilter(tagIds);
        });
    connect(m_quotes, &QuotesController::statusMessage, this,
        [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(
        m_quotes, &QuotesController::libraryFilterChanged, this, [this](const QString &speaker) {
            if (m_model)
                m_model->setSpeakerFilter(speaker);
        });
    connect(m_quotes, &QuotesController::speakersUpdated, this, [this] {
        // Articles may have started or stopped quoting the speaker the list is narrowed to.
        if (m_model && !m_model->speakerFilter().isNull())
            m_model->refresh();
    });

    createActions();
    setLibrary(std::move(library));
    restoreSettings();
}

LibraryStore *MainWindow::store() const
{
    return m_openLibrary ? &m_openLibrary->store() : nullptr;
}

LibraryHistory *MainWindow::history() const
{
    return m_openLibrary ? &m_openLibrary->history() : nullptr;
}

MainWindow::~MainWindow()
{
    // Annotations and the list read through the store, which goes last.
    for (const QMetaObject::Connection &connection : std::as_const(m_historyConnections))
        disconnect(connection);
    m_quotes->setLibrary(nullptr);
    m_annotations->setLibrary(nullptr);
    m_library->setModel(nullptr);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *importFiles
        = file->addAction(tr("&Import Files…"), this, &MainWindow::chooseFilesToImport);
    importFiles->setShortcut(QKeySequence(tr("Ctrl+I")));
    QAction *importFolder
        = file->addAction(tr("Import &Folder…"), this, &MainWindow::chooseFolderToImport);
    importFolder->setShortcut(QKeySequence(tr("Ctrl+Shift+I")));
    file->addSeparator();
    QAction *openLibrary
        = file->addAction(tr("&Open Library…"), this, &MainWindow::openLibraryFile);
    openLibrary->setShortcut(QKeySequence::Open);
    QAction *recover
        = file->addAction(tr("&Recover Library…"), this, &MainWindow::chooseLibraryToRecover);
    recover->setStatusTip(tr("Copy what can be read of a damaged library into a new one."));
    QAction *openProject
        = file->addAction(tr("Open &Project…"), this, &MainWindow::chooseProjectToOpen);
    openProject->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    openProject->setStatusTip(tr("Open a REFI-QDA project from NVivo, ATLAS.ti, MAXQDA or "
                                 "QualCoder: its sources, codebook and codings."));
    QAction *importAnnotations
        = file->addAction(tr("Import &Annotations…"), this, &MainWindow::chooseAnnotationsToImport);
    importAnnotations->setStatusTip(tr("Bring in W3C or Hypothesis annotations, or a project's "
                                       "codings, onto the articles in the library."));
    QAction *exportAction = file->addAction(tr("&Export…"), this, &MainWindow::openExportDialog);
    exportAction->setShortcut(QKeySequence(tr("Ctrl+E")));
    m_libraryActions
        = { importFiles, importFolder, openLibrary, recover, openProject, importAnnotations };
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    // Explicit: some platform themes bind nothing to QKeySequence::Quit.
    quit->setShortcut(QKeySequence(tr("Ctrl+Q")));
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    // Undo and Redo go through the history, which moves the stack only when the step worked.
    m_undoAction = edit->addAction(tr("&Undo"), this, [this] {
        if (LibraryHistory *steps = history())
            (void)steps->undo(); // a refusal is told through LibraryHistory::refused
    });
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_redoAction = edit->addAction(tr("&Redo"), this, [this] {
        if (LibraryHistory *steps = history())
            (void)steps->redo();
    });
    m_redoAction->setShortcuts({ QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y")) });
    QAction *clearHistory = edit->addAction(tr("Clear Undo &History"), this, [this] {
        if (LibraryHistory *steps = history())
            steps->clear();
        statusBar()->showMessage(tr("Undo history cleared; every edit stays saved."), 5000);
    });
    clearHistory->setObjectName(u"clearHistoryAction"_s);
    edit->addSeparator();
    QAction *copy = edit->addAction(tr("&Copy"), m_reader, &QTextEdit::copy);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_reader->addAction(copy);
    edit->addSeparator();
    QAction *find = edit->addAction(tr("&Find in Article…"), this, [this] {
        if (m_reader->articleId() != 0)
            m_findBar->activate();
    });
    find->setShortcut(QKeySequence::Find);
    QAction *findNext = edit->addAction(tr("Find &Next"), m_findBar, &FindBar::findNext);
    findNext->setShortcut(QKeySequence::FindNext);
    QAction *findPrevious
        = edit->addAction(tr("Find Pre&vious"), m_findBar, &FindBar::findPrevious);
    findPrevious->setShortcut(QKeySequence::FindPrevious);
    QAction *search = edit->addAction(tr("&Search Library"), m_library, &LibraryPanel::focusSearch);
    search->setShortcuts({ QKeySequence(tr("Ctrl+K")), QKeySequence(tr("Ctrl+L")) });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *zoomIn = view->addAction(tr("Zoom &In"), m_reader, &ReaderView::zoomInOneStep);
    zoomIn->setShortcuts({ QKeySequence(tr("Ctrl+=")), QKeySequence::ZoomIn });
    QAction *zoomOut = view->addAction(tr("Zoom &Out"), m_reader, &ReaderView::zoomOutOneStep);
    zoomOut->setShortcuts(QKeySequence::ZoomOut); // Ctrl+- on every desktop
    QAction *zoomReset
        = view->addAction(tr("&Actual Size"), this, [this] { m_reader->setZoomSteps(0); });
    zoomReset->setShortcut(QKeySequence(tr("Ctrl+0")));
    m_quotes->populateViewMenu(view);

    QMenu *annotate = menuBar()->addMenu(tr("&Annotate"));
    m_annotations->populateMenu(annotate);
    m_quotes->populateMenu(annotate);

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    QAction *next
        = go->addAction(tr("&Next Article"), this, [this] { m_library->moveSelection(1); });
    next->setShortcuts({ QKeySequence(tr("Alt+Down")), QKeySequence(tr("Ctrl+PgDown")) });
    QAction *previous
        = go->addAction(tr("&Previous Article"), this, [this] { m_library->moveSelection(-1); });
    previous->setShortcuts({ QKeySequence(tr("Alt+Up")), QKeySequence(tr("Ctrl+PgUp")) });
    go->addSeparator();
    QAction *toList = go->addAction(
        tr("Go to &List"), this, [this] { m_library->view()->setFocus(Qt::ShortcutFocusReason); });
    toList->setShortcut(QKeySequence(tr("Ctrl+1")));
    QAction *toReader = go->addAction(
        tr("Go to &Reader"), this, [this] { m_reader->setFocus(Qt::ShortcutFocusReason); });
    toReader->setShortcut(QKeySequence(tr("Ctrl+2")));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Gloss"), this, [this] {
        QMessageBox::about(this, tr("About Gloss"),
            tr("<p><b>Gloss %1</b></p><p>A native reader for people who annotate "
               "news articles.</p><p>Library: %2</p>")
                .arg(QStringLiteral(GLOSS_VERSION),
                    m_openLibrary ? m_openLibrary->path().toHtmlEscaped() : QString()));
    });
}

void MainWindow::setLibrary(std::unique_ptr<Library> library)
{
    // A check of the previous library has nothing more to say.
    m_wholeCheck->cancel();
    m_wholeCheck->wait();
    m_damage.clear();
    m_quotes->setLibrary(nullptr);
    m_annotations->setLibrary(nullptr);
    m_library->setModel(nullptr);
    m_model.reset();
    m_reader->clearArticle();
    m_openLibrary = std::move(library);
    m_annotations->setLibrary(m_openLibrary.get());
    m_quotes->setLibrary(m_openLibrary.get());
    if (m_openLibrary) {
        m_model = std::make_unique<ArticleListModel>(&m_openLibrary->store());
        connect(m_model.get(), &ArticleListModel::listChanged, this, &MainWindow::updateCounts);
        connect(m_model.get(), &ArticleListModel::errorOccurred, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
        m_library->setModel(m_model.get());
        setWindowTitle(
            tr("%1 — Gloss").arg(QFileInfo(m_openLibrary->path()).completeBaseName()));
    }
    connectHistory();
    updateCounts();
    updateEmptyState();
    checkWholeLibrary();
}

void MainWindow::checkWholeLibrary()
{
    // Opening checked what it could in a moment; a large library is checked to the end on a
    // worker, and the window stops writing to it at the first sign of damage.
    if (!m_openLibrary || m_openLibrary->checkedWhole())
        return;
    m_wholeCheck->start(
        m_openLibrary->path(),
        [](LibraryStore &store, const std::atomic_bool &cancel, const LibraryWorker::Progress &) {
            const Result<void> whole = store.checkWhole(&cancel);
            return QVariant(!whole && whole.kind() == ErrorKind::Damaged ? whole.error() : QString());
        },
        QThread::LowPriority);
}

void MainWindow::onWholeCheckFinished(const QVariant &result, const QString &error)
{
    const QString damage = result.toString();
    if (!m_openLibrary || (damage.isEmpty() && error.isEmpty())) {
        Q_EMIT libraryChecked({});
        return;
    }
    m_damage = damage.isEmpty() ? error : damage;
    m_openLibrary->writer().refuseWrites(m_damage);
    statusBar()->showMessage(tr("This library is damaged; Gloss no longer writes to it."));
    Q_EMIT libraryChecked(m_damage);
    const QString damagedPath = m_openLibrary->path();
    const QString recovered = LibraryRecovery::offer(this, damagedPath, m_damage);
    if (!recovered.isEmpty())
        (void)openLibraryAt(recovered);
}

void MainWindow::connectHistory()
{
    for (const QMetaObject::Connection &connection : std::as_const(m_historyConnections))
        disconnect(connection);
    m_historyConnections.clear();
    LibraryHistory *steps = history();
    const auto update = [this] {
        const QUndoStack *stack = history() ? history()->stack() : nullptr;
        m_undoAction->setEnabled(stack && stack->canUndo());
        m_redoAction->setEnabled(stack && stack->canRedo());
        m_undoAction->setText(stack && stack->canUndo()
                ? tr("&Undo %1").arg(stack->undoText())
                : tr("&Undo"));
        m_redoAction->setText(stack && stack->canRedo()
                ? tr("&Redo %1").arg(stack->redoText())
                : tr("&Redo"));
    };
    if (steps) {
        m_historyConnections.append(
            connect(steps->stack(), &QUndoStack::indexChanged, this, update));
        m_historyConnections.append(
            connect(steps->stack(), &QUndoStack::cleanChanged, this, update));
        m_historyConnections.append(connect(steps, &LibraryHistory::refused, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10000); }));
    }
    update();
}

bool MainWindow::showArticle(qint64 id)
{
    if (!m_openLibrary || id == 0)
        return false;
    if (m_library->currentArticleId() != id && m_library->selectArticle(id))
        return m_reader->articleId() == id;
    Result<Article> article = store()->article(id);
    if (!article) {
        statusBar()->showMessage(article.error(), 8000);
        return false;
    }
    article->id = id;
    m_reader->showArticle(*article);
    m_annotations->articleShown(id);
    m_quotes->articleShown(id);
    updateEmptyState();
    Q_EMIT articleShown(id);
    return true;
}

void MainWindow::onCurrentArticleChanged(qint64 id)
{
    if (id == 0 || id == m_reader->articleId())
        return;
    showArticle(id);
}

void MainWindow::updateCounts()
{
    if (!m_model || !m_openLibrary) {
        m_counts->clear();
        return;
    }
    const Result<int> total = store()->articleCount();
    const QLocale locale;
    const int all = total.valueOr(0);
    // A search, a tag or a speaker narrows the list: say how far.
    const bool narrowed = !m_model->queryText().trimmed().isEmpty()
        || !m_model->tagFilter().isEmpty() || !m_model->speakerFilter().isNull();
    if (!narrowed)
        m_counts->setText(all == 1 ? tr("1 article") : tr("%1 articles").arg(locale.toString(all)));
    else
        m_counts->setText(tr("%1 of %2 articles match")
                              .arg(locale.toString(m_model->matchCount()), locale.toString(all)));
}

QString MainWindow::statusCountText() const
{
    return m_counts->text();
}

void MainWindow::updateEmptyState()
{
    const bool hasArticle = m_reader->articleId() != 0;
    if (!hasArticle) {
        const bool emptyLibrary = !m_model || m_model->matchCount() == 0;
        m_emptyReader->setText(emptyLibrary && (!m_model || m_model->queryText().isEmpty())
                ? tr("Your library is empty.\n\nImport articles with File ▸ "
                     "Import Files… (Ctrl+I)\nor drop files and folders here.")
                : tr("Choose an article from the list to read it."));
    }
    m_readerStack->setCurrentIndex(hasArticle ? 1 : 0);
}

bool MainWindow::importPaths(const QStringList &paths, bool showFirst)
{
    if (!m_openLibrary || paths.isEmpty())
        return false;
    if (importRunning())
        return false;
    m_showFirstImported = showFirst;
    // The indexer would otherwise race the import over the same articles; it resumes after.
    m_quotes->stopIndexing();
    for (QAction *action : std::as_const(m_libraryActions))
        action->setEnabled(false);
    m_importProgress->begin();
    return m_imports->start(m_openLibrary->sharedWriter(), paths);
}

void MainWindow::onImportFinished(const ImportSummary &summary)
{
    m_importProgress->hide();
    for (QAction *action : std::as_const(m_libraryActions))
        action->setEnabled(true);
    const qint64 current = m_reader->articleId();
    m_model->refresh();
    const qint64 wanted
        = m_showFirstImported && summary.firstArticleId != 0 ? summary.firstArticleId : current;
    if (wanted != 0 && !m_library->selectArticle(wanted))
        showArticle(wanted);
    if (current != 0 && wanted == current) {
        // The article may have been updated in place by the import.
        if (Result<Article> fresh = store()->article(current); fresh) {
            fresh->id = current;
            m_reader->showArticle(*fresh);
            m_annotations->articleShown(current);
            m_quotes->articleShown(current);
        }
    }
    updateEmptyState();
    m_quotes->updateSpeakerIndex();

    QString message = summary.cancelled ? tr("Import cancelled: %1.") : tr("Import finished: %1.");
    message = message.arg(summary.countsLine());
    statusBar()->showMessage(message, 10000);
    if (!summary.fatalError.isEmpty() || !summary.failures.isEmpty()) {
        if (m_importReport)
            m_importReport->close();
        m_importReport = new QMessageBox(
            summary.fatalError.isEmpty() ? QMessageBox::Warning : QMessageBox::Critical,
            tr("Import"), message, QMessageBox::Ok, this);
        m_importReport->setAttribute(Qt::WA_DeleteOnClose);
        QStringList lines;
        if (!summary.fatalError.isEmpty())
            lines.append(summary.fatalError);
        for (const ImportFailure &failure : summary.failures)
            lines.append(failure.describe());
        for (const ImportFailure &warning : summary.warnings)
            lines.append(tr("Note: %1").arg(warning.describe()));
        m_importReport->setInformativeText(summary.failed == 1
                ? tr("1 item could not be imported; nothing of it was stored.")
                : tr("%1 items could not be imported; nothing of them was stored.")
                      .arg(summary.failed));
        m_importReport->setDetailedText(lines.join(u'\n'));
        m_importReport->open();
    }
    Q_EMIT importFinished();
}

void MainWindow::chooseFilesToImport()
{
    QSettings settings;
    const QString folder = settings.value(u"import/lastFolder"_s, QDir::homePath()).toString();
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import Articles"), folder, InputFormats::fileDialogFilter());
    if (files.isEmpty())
        return;
    settings.setValue(u"import/lastFolder"_s, QFileInfo(files.front()).absolutePath());
    importPaths(files, true);
}

void MainWindow::chooseFolderToImport()
{
    QSettings settings;
    const QString folder
        = QFileDialog::getExistingDirectory(this, tr("Import a Folder of Articles"),
            settings.value(u"import/lastFolder"_s, QDir::homePath()).toString());
    if (folder.isEmpty())
        return;
    settings.setValue(u"import/lastFolder"_s, folder);
    importPaths({ folder }, true);
}

void MainWindow::openExportDialog()
{
    if (!m_openLibrary)
        return;
    const QList<qint64> searchResult = m_model && !m_model->queryText().trimmed().isEmpty()
        ? m_model->allArticleIds()
        : QList<qint64>();
    QStringList tagPaths;
    if (const Result<QList<Tag>> tags = AnnotationStore(*store()).tags(); tags) {
        for (const Tag &tag : *tags)
            tagPaths.append(tag.path);
    }
    auto *dialog = new ExportDialog(store(), m_reader->articleId(),
        m_library->selectedArticleIds(), searchResult, tagPaths, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
        [this] { statusBar()->showMessage(tr("Export written."), 6000); });
    dialog->open();
}

void MainWindow::chooseAnnotationsToImport()
{
    if (!m_openLibrary)
        return;
    QSettings settings;
    const QString file = QFileDialog::getOpenFileName(this, tr("Import Annotations"),
        settings.value(u"import/lastFolder"_s, QDir::homePath()).toString(),
        tr("Annotations (*.json *.jsonld *.qdpx *.qde);;W3C or Hypothesis JSON (*.json *.jsonld);;"
           "REFI-QDA projects (*.qdpx *.qde);;All files (*)"));
    if (file.isEmpty())
        return;
    settings.setValue(u"import/lastFolder"_s, QFileInfo(file).absolutePath());
    importAnnotationsFrom(file);
}

void MainWindow::chooseProjectToOpen()
{
    if (!m_openLibrary)
        return;
    QSettings settings;
    const QString file = QFileDialog::getOpenFileName(this, tr("Open Project"),
        settings.value(u"import/lastFolder"_s, QDir::homePath()).toString(),
        tr("REFI-QDA projects (*.qdpx *.qde);;All files (*)"));
    if (file.isEmpty())
        return;
    settings.setValue(u"import/lastFolder"_s, QFileInfo(file).absolutePath());
    openProject(file);
}

bool MainWindow::importRunning()
{
    if (!m_imports->isRunning() && !m_annotationImports->isRunning())
        return false;
    statusBar()->showMessage(tr("An import is already running; wait for it or cancel it."), 5000);
    return true;
}

bool MainWindow::importAnnotationsFrom(const QString &file, const AnnotationImportOptions &options)
{
    return startAnnotationImport(file, false, options);
}

bool MainWindow::openProject(const QString &file, const AnnotationImportOptions &options)
{
    return startAnnotationImport(file, true, options);
}

bool MainWindow::startAnnotationImport(
    const QString &file, bool project, const AnnotationImportOptions &options)
{
    if (!m_openLibrary || importRunning())
        return false;
    m_annotationFile = file;
    m_annotationProject = project;
    // On a worker, like article imports: a large file must not freeze the window.
    m_quotes->stopIndexing();
    for (QAction *action : std::as_const(m_libraryActions))
        action->setEnabled(false);
    m_importProgress->begin(project ? tr("Opening the project…") : tr("Reading annotations…"));
    const std::shared_ptr<LibraryWriter> writer = m_openLibrary->sharedWriter();
    return m_annotationImports->start(m_openLibrary->path(),
        [file, writer, project, options](LibraryStore &store, const std::atomic_bool &cancel,
            const LibraryWorker::Progress &progress) {
            AnnotationImporter importer(store, *writer, options);
            const auto report = [&](int done, int total) { progress(done, total, file); };
            const Result<AnnotationImportReport> result = project
                ? importer.importProject(file, &cancel, report)
                : importer.importFile(file, &cancel, report);
            return result ? QVariant::fromValue(*result) : QVariant(result.error());
        });
}

void MainWindow::onAnnotationImportFinished(const QVariant &result, const QString &error)
{
    m_importProgress->hide();
    for (QAction *action : std::as_const(m_libraryActions))
        action->setEnabled(true);
    m_quotes->updateSpeakerIndex();
    if (!error.isEmpty() || result.metaType() != QMetaType::fromType<AnnotationImportReport>()) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Import Annotations"),
            error.isEmpty() ? result.toString() : error, QMessageBox::Ok, this);
        box->setObjectName(u"annotationImportError"_s);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        Q_EMIT annotationImportFinished(false);
        return;
    }
    const auto report = result.value<AnnotationImportReport>();
    // The annotation models read the library afresh.
    if (m_annotations->service())
        m_annotations->service()->announceOutsideChange();
    // A new project's articles show in the list.
    if (m_model && report.sourcesAdded > 0)
        m_model->refresh();
    const QString message = (m_annotationProject ? tr("Project opened: %1.") : tr("Annotations imported: %1."))
                                .arg(report.countsLine());
    statusBar()->showMessage(message, 10000);
    if (!report.everythingPlaced() || !report.problems.isEmpty())
        offerNextStep(report);
    Q_EMIT annotationImportFinished(true);
}

void MainWindow::offerNextStep(const AnnotationImportReport &report)
{
    // What was not placed, line by line, and the one thing the user can do about the most
    // common cause: the page is in the library under another address, or the project's
    // source files are elsewhere.
    auto *box = new QMessageBox(QMessageBox::Warning,
        m_annotationProject ? tr("Open Project") : tr("Import Annotations"),
        report.countsLine(), QMessageBox::Close, this);
    box->setObjectName(u"annotationImportReport"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QString informative = report.notPlaced > 0
        ? tr("%n annotation(s) could not be placed; the details list each with the reason.",
              nullptr, report.notPlaced)
        : tr("Some annotations need your attention; the details list them.");
    const qint64 shown = m_reader->articleId();
    QPushButton *placeHere = nullptr;
    QPushButton *findSources = nullptr;
    if (!m_annotationProject && report.unmatched > 0 && shown > 0 && report.sources == 0) {
        const Result<Article> article = store()->article(shown);
        if (article) {
            placeHere = box->addButton(tr("Place Them on “%1”").arg(article->title.left(40)),
                QMessageBox::ActionRole);
            informative += u' ' + tr("If they belong to the article you are reading, place them there.");
        }
    }
    if (report.sourcesMissing > 0) {
        findSources = box->addButton(tr("Look for Sources in a Folder…"), QMessageBox::ActionRole);
        informative += u' ' + tr("If you have the sources' text files, show Gloss the folder.");
    }
    box->setInformativeText(informative);
    box->setDetailedText((report.problems + report.notes).join(u'\n'));
    connect(box, &QMessageBox::buttonClicked, this, [this, box, placeHere, findSources, shown](QAbstractButton *button) {
        AnnotationImportOptions options;
        if (placeHere && button == placeHere) {
            options.article = shown;
        } else if (findSources && button == findSources) {
            options.sourcesFolder = QFileDialog::getExistingDirectory(this, tr("Folder of the Sources"),
                QFileInfo(m_annotationFile).absolutePath());
            if (options.sourcesFolder.isEmpty())
                return;
        } else {
            return;
        }
        box->close();
        // Run again with the answer: what was already imported is recognised, not doubled.
        startAnnotationImport(m_annotationFile, m_annotationProject, options);
    });
    m_annotationReport = box;
    box->open();
}

void MainWindow::openLibraryFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Open or Create a Library"),
        m_openLibrary ? QFileInfo(m_openLibrary->path()).absolutePath() : QDir::homePath(),
        tr("Gloss libraries (*.sqlite *.gloss);;All files (*)"), nullptr,
        QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty())
        (void)openLibraryAt(path);
}

bool MainWindow::openLibraryAt(const QString &path)
{
    Result<std::unique_ptr<Library>> opened = Library::open(path);
    if (!opened) {
        if (opened.kind() == ErrorKind::Damaged) {
            const QString recovered = LibraryRecovery::offer(this, path, opened.error());
            return !recovered.isEmpty() && openLibraryAt(recovered);
        }
        QMessageBox::warning(this, tr("Open Library"), opened.error());
        return false;
    }
    saveSettings();
    setLibrary(std::move(*opened));
    QSettings().setValue(u"library/lastPath"_s, m_openLibrary->path());
    restoreSettings();
    return true;
}

void MainWindow::chooseLibraryToRecover()
{
    const QString damaged = QFileDialog::getOpenFileName(this, tr("Recover a Damaged Library"),
        m_openLibrary ? QFileInfo(m_openLibrary->path()).absolutePath() : QDir::homePath(),
        tr("Gloss libraries (*.sqlite *.gloss);;All files (*)"));
    if (damaged.isEmpty())
        return;
    const QString recovered = LibraryRecovery::chooseAndRecover(this, damaged);
    if (!recovered.isEmpty())
        (void)openLibraryAt(recovered);
}

bool MainWindow::recoverLibrary(const QString &damagedPath, const QString &target)
{
    const QString recovered = LibraryRecovery::recoverInto(this, damagedPath, target);
    return !recovered.isEmpty() && openLibraryAt(recovered);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(u"window/geometry"_s).toByteArray())) {
        // First start: most of the screen, with the side panels narrow and the text wide.
        const QRect screen
            = this->screen() ? this->screen()->availableGeometry() : QRect(0, 0, 1400, 900);
        resize(std::min(1500, screen.width() * 9 / 10), std::min(950, screen.height() * 9 / 10));
        m_splitter->setSizes({ 400, width() - 700 });
        resizeDocks({ m_annotations->highlightsDock(), m_annotations->tagsDock() }, { 290, 290 },
            Qt::Horizontal);
    }
    restoreState(settings.value(u"window/state"_s).toByteArray());
    m_splitter->restoreState(settings.value(u"window/splitter"_s).toByteArray());
    m_library->restoreHeaderState(settings.value(u"library/header"_s).toByteArray());
    m_reader->setZoomSteps(settings.value(u"reader/zoom"_s, 0).toInt());
    if (m_openLibrary) {
        const qint64 last
            = settings.value(settingsKeyFor(m_openLibrary->path(), u"lastArticle"_s), 0).toLongLong();
        if (last == 0 || !showArticle(last))
            m_library->selectFirst();
    }
    updateEmptyState();
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
    settings.setValue(u"window/splitter"_s, m_splitter->saveState());
    settings.setValue(u"library/header"_s, m_library->saveHeaderState());
    settings.setValue(u"reader/zoom"_s, m_reader->zoomSteps());
    if (m_openLibrary)
        settings.setValue(settingsKeyFor(m_openLibrary->path(), u"lastArticle"_s), m_reader->articleId());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_imports->isRunning()) {
        // Every stored article is already committed; stopping now loses nothing.
        m_imports->cancel();
    }
    saveSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localPaths(event->mimeData()).isEmpty() && !m_imports->isRunning())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList paths = localPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    importPaths(paths, true);
}
