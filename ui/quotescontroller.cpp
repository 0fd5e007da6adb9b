#include "quotescontroller.h"
#include "annotation/annotationservice.h"
#include "annotationcontroller.h"
#include "library/library.h"
#include "library/librarystore.h"
#include "library/librarywriter.h"
#include "library/libraryworker.h"
#include "models/quotationmodel.h"
#include "models/speakerlistmodel.h"
#include "quotes/quotationservice.h"
#include "quotes/speakerindexer.h"
#include "quotespanel.h"
#include "readerview.h"
#include "speakerdialog.h"
#include "speakerspanel.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QSettings>
#include <QTextCursor>
#include <QTimer>
#include <QTreeView>

using namespace Qt::StringLiterals;

QuotesController::QuotesController(
    QMainWindow *window, ReaderView *reader, AnnotationController *annotations)
    : QObject(window)
    , m_window(window)
    , m_reader(reader)
    , m_annotations(annotations)
    , m_quotesDock(new QDockWidget(tr("Quotes"), window))
    , m_speakersDock(new QDockWidget(tr("Speakers"), window))
    , m_quotationModel(new QuotationModel(this))
    , m_speakerModel(new SpeakerListModel(this))
    , m_quotesPanel(new QuotesPanel(m_quotationModel, m_quotesDock))
    , m_speakersPanel(new SpeakersPanel(m_speakerModel, m_speakersDock))
    , m_indexer(new LibraryWorker(this))
    , m_renamer(new LibraryWorker(this))
{
    qRegisterMetaType<SpeakerIndexOutcome>();
    qRegisterMetaType<SpeakerPlan>();
    connect(m_renamer, &LibraryWorker::progressed, m_speakersPanel,
        [this](int done, int total) {
            if (total > 0)
                m_speakersPanel->showWork(QString(), done, total);
        });
    connect(m_renamer, &LibraryWorker::finished, this, &QuotesController::onRenamePlanned);
    connect(m_speakersPanel, &SpeakersPanel::stopWorkRequested, m_renamer, &LibraryWorker::cancel);
    m_quotesDock->setObjectName(u"quotesDock"_s);
    m_quotesDock->setWidget(m_quotesPanel);
    m_speakersDock->setObjectName(u"speakersDock"_s);
    m_speakersDock->setWidget(m_speakersPanel);
    window->addDockWidget(Qt::RightDockWidgetArea, m_quotesDock);
    window->addDockWidget(Qt::RightDockWidgetArea, m_speakersDock);
    window->tabifyDockWidget(annotations->tagsDock(), m_quotesDock);
    window->tabifyDockWidget(m_quotesDock, m_speakersDock);
    annotations->tagsDock()->raise();

    connect(m_quotesPanel, &QuotesPanel::quotationActivated, this, [this](int start, int end) {
        QTextCursor cursor(m_reader->document());
        cursor.setPosition(m_reader->bodyStart() + start);
        cursor.setPosition(m_reader->bodyStart() + end, QTextCursor::KeepAnchor);
        m_reader->setTextCursor(cursor);
        m_reader->ensureCursorVisible();
    });
    connect(
        m_quotesPanel, &QuotesPanel::tagRequested, this, &QuotesController::highlightQuotations);
    connect(
        m_quotesPanel, &QuotesPanel::correctionRequested, this, &QuotesController::correctSpeaker);
    connect(m_speakersPanel, &SpeakersPanel::libraryFilterChanged, this,
        &QuotesController::libraryFilterChanged);
    connect(
        m_speakersPanel, &SpeakersPanel::stopIndexingRequested, m_indexer, &LibraryWorker::cancel);
    connect(
        m_speakersPanel, &SpeakersPanel::renameRequested, this, &QuotesController::renameSpeaker);
    connect(m_speakerModel, &SpeakerListModel::errorOccurred, this, &QuotesController::report);
    // The library-wide list is read when it is shown: at start it would only delay the window.
    connect(m_speakersDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            refreshSpeakers();
    });
    connect(m_indexer, &LibraryWorker::progressed, m_speakersPanel,
        [this](int done, int total) { m_speakersPanel->showIndexing(done, total); });
    connect(m_indexer, &LibraryWorker::finished, this,
        [this](const QVariant &result, const QString &error) {
            m_speakersPanel->showIndexing(0, 0);
            const auto outcome = result.value<SpeakerIndexOutcome>();
            report(error.isEmpty() ? outcome.error : error);
            if (outcome.indexed > 0) {
                refreshSpeakers();
                Q_EMIT speakersUpdated();
            }
            if (m_indexAgain && !outcome.cancelled) {
                m_indexAgain = false;
                updateSpeakerIndex();
            }
        });
}

SpeakerDialog *QuotesController::speakerDialog() const
{
    return m_dialog;
}

QuotesController::~QuotesController()
{
    stopRenaming();
    stopIndexing();
}

void QuotesController::setLibrary(Library *library)
{
    stopRenaming();
    stopIndexing();
    m_articleId = 0;
    m_quotationModel->setAnalysis({});
    m_speakerModel->setStore(nullptr);
    m_service.reset();
    m_libraryPath.clear();
    m_writer.reset();
    if (!library || !m_annotations->service())
        return;
    m_libraryPath = library->path();
    m_writer = library->sharedWriter();
    m_service = std::make_unique<QuotationService>(library);
    connect(m_service.get(), &QuotationService::speakersChanged, this, [this](qint64 articleId) {
        if (articleId == m_articleId || articleId == 0)
            refreshArticle();
        refreshSpeakers();
        Q_EMIT speakersUpdated();
    });
    connect(m_service.get(), &QuotationService::errorOccurred, this, &QuotesController::report);
    refreshSpeakers();
    // Once the window is up: opening a library shows its list first.
    QTimer::singleShot(StartDelayMs, this, [this, service = m_service.get()] {
        if (service == m_service.get())
            updateSpeakerIndex();
    });
}

void QuotesController::articleShown(qint64 articleId)
{
    m_articleId = articleId;
    refreshArticle();
}

void QuotesController::refreshSpeakers()
{
    if (!m_service || !m_speakersPanel->isVisible())
        return;
    if (m_speakerModel->store() == &m_service->store())
        m_speakerModel->reload();
    else
        m_speakerModel->setStore(&m_service->store());
}

void QuotesController::refreshArticle()
{
    QuoteAnalysis analysis;
    if (m_service && m_articleId != 0) {
        Result<QuoteAnalysis> found = m_service->analysis(m_articleId, m_reader->body());
        if (found)
            analysis = std::move(*found);
        else
            report(found.error());
    }
    m_quotationModel->setAnalysis(analysis);
    QList<ReaderView::QuotationMark> marks;
    for (const Quotation &quotation : std::as_const(analysis.quotations)) {
        // A nested quotation lies inside its parent's mark, whose speaker is the one who said it.
        if (quotation.parent < 0)
            marks.append({ quotation.start, quotation.end, quotation.speaker });
    }
    m_reader->setQuotationMarks(marks);
}

void QuotesController::populateViewMenu(QMenu *menu)
{
    menu->addSeparator();
    QAction *marks = menu->addAction(tr("&Quotation Marks in the Text"));
    marks->setObjectName(u"showQuotationsAction"_s);
    marks->setShortcut(QKeySequence(tr("Ctrl+Shift+Q")));
    marks->setCheckable(true);
    marks->setChecked(QSettings().value(u"reader/showQuotations"_s, false).toBool());
    m_reader->setQuotationMarksShown(marks->isChecked());
    connect(marks, &QAction::toggled, this, [this](bool shown) {
        m_reader->setQuotationMarksShown(shown);
        QSettings().setValue(u"reader/showQuotations"_s, shown);
    });
}

void QuotesController::populateMenu(QMenu *menu)
{
    QAction *correct = menu->addAction(tr("Correct &Speaker…"), this, [this] {
        m_quotesDock->show();
        m_quotesDock->raise();
        const QModelIndex current = m_quotesPanel->view()->currentIndex();
        if (current.isValid())
            correctSpeaker(current);
        else
            Q_EMIT statusMessage(tr("Choose a quotation or a speaker in the Quotes panel."));
    });
    correct->setShortcut(QKeySequence(tr("Ctrl+Shift+S")));
    menu->addAction(m_quotesDock->toggleViewAction());
    menu->addAction(m_speakersDock->toggleViewAction());
}

bool QuotesController::isRenaming() const
{
    return m_renamer->isRunning();
}

bool QuotesController::isIndexing() const
{
    return m_indexer->isRunning();
}

void QuotesController::updateSpeakerIndex()
{
    if (!m_service)
        return;
    if (m_indexer->isRunning()) {
        m_indexAgain = true;
        return;
    }
    // The worker counts what waits (usually nothing) and says so before the first batch.
    m_indexer->start(
        m_libraryPath,
        [writer = m_writer](LibraryStore &store, const std::atomic_bool &cancel,
            const LibraryWorker::Progress &progress) {
            return QVariant::fromValue(SpeakerIndexer::run(store, *writer, &cancel,
                [&](int done, int total) { progress(done, total, {}); }));
        },
        QThread::IdlePriority);
}

void QuotesController::stopRenaming()
{
    m_renamer->cancel();
    m_renamer->wait();
}

void QuotesController::stopIndexing()
{
    m_indexAgain = false;
    m_indexer->cancel();
    m_indexer->wait();
    m_speakersPanel->showIndexing(0, 0);
}

void QuotesController::highlightQuotations(const QModelIndex &index)
{
    AnnotationService *annotations = m_annotations->service();
    if (!annotations || m_reader->articleId() == 0)
        return;
    const QList<Quotation> quotations = m_quotationModel->quotationsAt(index);
    if (quotations.isEmpty())
        return;
    const Result<QList<Highlight>> existing
        = annotations->store().highlightsOf(m_reader->articleId());

    // First what is missing, so that asking twice changes nothing and adds no undo step.
    struct Step
    {
        int start = 0;
        int end = 0;
        qint64 highlightId = 0; ///< 0: to be made
        QStringList tags;
    };
    QList<Step> steps;
    for (const Quotation &quotation : quotations) {
        Step step;
        // The quoted words without their marks, as a reader would select them.
        step.start = quotation.innerStart;
        step.end = quotation.innerEnd;
        QList<qint64> hasTags;
        for (const Highlight &highlight : existing.valueOr({})) {
            if (highlight.anchor.start <= step.start + 1 && highlight.anchor.end >= step.end - 1) {
                step.highlightId = highlight.id;
                hasTags = highlight.tagIds;
            }
        }
        QStringList wanted;
        if (!quotation.speaker.isEmpty())
            wanted.append(u"Speaker/"_s + QString(quotation.speaker).replace(u'/', u'-'));
        if (const QString extra = m_quotesPanel->extraTag(); !extra.isEmpty())
            wanted.append(extra);
        for (const QString &path : std::as_const(wanted)) {
            const qint64 tagId = annotations->store().tagIdByPath(path).valueOr(0);
            if (tagId == 0 || !hasTags.contains(tagId))
                step.tags.append(path);
        }
        if (step.highlightId == 0 || !step.tags.isEmpty())
            steps.append(step);
    }
    if (steps.isEmpty()) {
        Q_EMIT statusMessage(tr("Already highlighted and tagged."));
        return;
    }

    QList<AnnotationService::TaggedSpan> spans;
    for (const Step &step : std::as_const(steps))
        spans.append({ step.start, step.end, step.highlightId, step.tags });
    if (auto done = annotations->highlightSpans(
            m_reader->articleId(), m_reader->body(), spans, tr("Highlight Quotations"));
        !done)
        return report(done.error());
    const int done = int(steps.size());
    Q_EMIT statusMessage(
        done == 1 ? tr("1 quotation highlighted.") : tr("%1 quotations highlighted.").arg(done));
}

void QuotesController::correctSpeaker(const QModelIndex &index)
{
    const QList<Quotation> quotations = m_quotationModel->quotationsAt(index);
    if (!m_service || quotations.isEmpty())
        return;
    const QString current = quotations.front().speaker;
    QString subject = u"“%1”"_s.arg(quotations.front().text.left(160));
    if (quotations.size() > 1)
        subject = tr("%1 quotations of %2")
                      .arg(quotations.size())
                      .arg(current.isEmpty() ? tr("an unknown speaker") : current);
    // The quotations as they were when asked: the panel may be rebuilt meanwhile.
    askForSpeaker(subject, current,
        [this, quotations](const QString &name) { giveSpeaker(quotations, name); });
}

void QuotesController::askForSpeaker(const QString &subject, const QString &current,
    const std::function<void(const QString &)> &apply)
{
    if (!m_dialog)
        m_dialog = new SpeakerDialog(m_window);
    m_dialog->setSubject(subject);
    // The speakers of this article first, then the library's most quoted: the list the
    // Speakers panel has read, or else read now.
    QStringList known;
    for (const Speaker &speaker : m_quotationModel->analysis().speakers)
        known.append(speaker.name);
    QList<SpeakerSummary> library;
    if (m_speakerModel->store()) {
        for (int row = 0; row < m_speakerModel->rowCount(); ++row)
            library.append({ m_speakerModel->speakerAt(row), 0, 0 });
    } else {
        library = m_service->store().speakers().valueOr({});
    }
    for (qsizetype i = 0; i < library.size() && known.size() < 500; ++i) {
        if (!known.contains(library.at(i).name))
            known.append(library.at(i).name);
    }
    m_dialog->setSpeakers(current, known);
    disconnect(m_dialog, &QDialog::accepted, this, nullptr);
    connect(m_dialog, &QDialog::accepted, this, [this, apply] { apply(m_dialog->speaker()); });
    m_dialog->open();
}

bool QuotesController::setSpeaker(const QModelIndex &index, const QString &name)
{
    return giveSpeaker(m_quotationModel->quotationsAt(index), name);
}

bool QuotesController::giveSpeaker(const QList<Quotation> &quotations, const QString &name)
{
    if (!m_service || quotations.isEmpty())
        return false;
    QStringList texts;
    for (const Quotation &quotation : quotations)
        texts.append(quotation.text);
    if (auto corrected = m_service->correctSpeaker(m_articleId, texts, name); !corrected) {
        report(corrected.error());
        return false;
    }
    Q_EMIT statusMessage(
        name.isEmpty() ? tr("Speaker cleared.") : tr("Speaker set to %1.").arg(name));
    return true;
}

void QuotesController::renameSpeaker(const QString &speaker)
{
    if (!m_service || speaker.isEmpty())
        return;
    const int row = m_speakerModel->rowOf(speaker);
    const int quotations = row >= 0
        ? m_speakerModel->index(row, SpeakerListModel::QuotationsColumn).data().toInt()
        : 0;
    askForSpeaker(tr("Every quotation of %1 (%2 in the library). Type another name to rename "
                     "them, or choose a speaker to merge them into.")
                      .arg(speaker)
                      .arg(quotations),
        speaker, [this, speaker](const QString &name) { setSpeakerName(speaker, name); });
}

bool QuotesController::setSpeakerName(const QString &speaker, const QString &name)
{
    if (!m_service || m_renamer->isRunning())
        return false;
    // Finding every quotation of a speaker reads and analyses each article quoting them: on a
    // worker, with progress in the Speakers panel; writing it is then one short step.
    stopIndexing();
    m_pendingRename = name;
    m_speakersPanel->showWork(tr("Finding the quotations of %1…").arg(speaker), 0, 0);
    return m_renamer->start(m_libraryPath,
        [speaker](LibraryStore &store, const std::atomic_bool &cancel,
            const LibraryWorker::Progress &progress) {
            Result<SpeakerPlan> plan = QuotationService::planRename(store, speaker, &cancel,
                [&](int done, int total) { progress(done, total, {}); });
            return plan ? QVariant::fromValue(*plan) : QVariant(plan.error());
        });
}

void QuotesController::onRenamePlanned(const QVariant &result, const QString &error)
{
    m_speakersPanel->showWork({}, 0, 0);
    if (!m_service)
        return;
    if (!error.isEmpty() || result.metaType() != QMetaType::fromType<SpeakerPlan>()) {
        report(error.isEmpty() ? result.toString() : error);
        updateSpeakerIndex();
        return;
    }
    const SpeakerPlan plan = result.value<SpeakerPlan>();
    const Result<int> renamed = m_service->applyRename(plan, m_pendingRename);
    if (!renamed)
        report(renamed.error());
    else if (*renamed > 0)
        Q_EMIT statusMessage(m_pendingRename.isEmpty()
                ? tr("%1 quotations of %2 now have no speaker.").arg(*renamed).arg(plan.from)
                : tr("%1 quotations of %2 given to %3.").arg(*renamed).arg(plan.from, m_pendingRename));
    updateSpeakerIndex();
    Q_EMIT renameFinished(renamed.ok());
}

void QuotesController::report(const QString &error)
{
    if (!error.isEmpty())
        Q_EMIT statusMessage(error);
}
