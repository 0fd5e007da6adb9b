#include "speakerspanel.h"
#include "models/speakerlistmodel.h"

#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

SpeakersPanel::SpeakersPanel(SpeakerListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filterField(new QLineEdit(this))
    , m_view(new QTableView(this))
    , m_libraryFilter(new QCheckBox(tr("Only articles quoting this speaker"), this))
    , m_progressRow(new QWidget(this))
    , m_progress(new QProgressBar(m_progressRow))
    , m_workRow(new QWidget(this))
    , m_work(new QProgressBar(m_workRow))
    , m_emptyHint(new QLabel(this))
{
    setObjectName(u"speakersPanel"_s);
    m_filterField->setObjectName(u"speakerFilter"_s);
    m_filterField->setPlaceholderText(tr("Filter speakers"));
    m_filterField->setClearButtonEnabled(true);
    m_view->setObjectName(u"speakerTable"_s);
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SpeakerListModel::QuotationsColumn, Qt::DescendingOrder);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setSectionResizeMode(
        SpeakerListModel::NameColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(
        SpeakerListModel::QuotationsColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(
        SpeakerListModel::ArticlesColumn, QHeaderView::ResizeToContents);
    m_view->setAccessibleName(tr("Speakers of the library"));
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setForegroundRole(QPalette::PlaceholderText);

    auto *stop = new QPushButton(tr("Stop"), m_progressRow);
    stop->setToolTip(tr("Stop finding speakers; the rest is done the next time Gloss starts"));
    auto *progressLayout = new QHBoxLayout(m_progressRow);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    progressLayout->addWidget(m_progress, 1);
    progressLayout->addWidget(stop);
    m_progress->setFormat(tr("Finding speakers… %p%"));
    m_progressRow->hide();
    auto *stopWork = new QPushButton(tr("Stop"), m_workRow);
    stopWork->setToolTip(tr("Stop; nothing is changed"));
    auto *workLayout = new QHBoxLayout(m_workRow);
    workLayout->setContentsMargins(0, 0, 0, 0);
    workLayout->addWidget(m_work, 1);
    workLayout->addWidget(stopWork);
    m_work->setObjectName(u"speakerWork"_s);
    m_work->setTextVisible(true);
    m_workRow->hide();
    connect(stopWork, &QPushButton::clicked, this, &SpeakersPanel::stopWorkRequested);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filterField);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_emptyHint);
    layout->addWidget(m_libraryFilter);
    layout->addWidget(m_progressRow);
    layout->addWidget(m_workRow);

    auto updateHint = [this] {
        const bool empty = m_model->rowCount() == 0;
        m_emptyHint->setVisible(empty);
        m_emptyHint->setText(m_model->filterText().isEmpty()
                ? tr("No one is quoted in this library yet.")
                : tr("No speaker matches “%1”.").arg(m_model->filterText()));
    };
    connect(m_model, &QAbstractItemModel::modelReset, this, updateHint);
    updateHint();
    connect(m_filterField, &QLineEdit::textChanged, m_model, &SpeakerListModel::setFilterText);
    connect(stop, &QPushButton::clicked, this, &SpeakersPanel::stopIndexingRequested);
    connect(m_libraryFilter, &QCheckBox::toggled, this, &SpeakersPanel::emitFilter);
    auto *rename = new QAction(tr("Rename or Merge Speaker…"), m_view);
    rename->setShortcut(QKeySequence(Qt::Key_F2));
    rename->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(rename);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(rename, &QAction::triggered, this, [this] {
        if (const QString speaker = currentSpeaker(); !speaker.isEmpty())
            Q_EMIT renameRequested(speaker);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &SpeakersPanel::emitFilter);
    connect(m_view, &QTableView::activated, this, [this] {
        if (m_libraryFilter->isChecked())
            emitFilter();
        else
            m_libraryFilter->setChecked(true);
    });
    // A reload (after indexing or a correction) keeps the chosen speaker chosen.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
        [this] { m_lastEmitted = currentSpeaker(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        const int row = m_model->rowOf(m_lastEmitted);
        if (row >= 0)
            m_view->setCurrentIndex(m_model->index(row, 0));
    });
}

QString SpeakersPanel::currentSpeaker() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_model->speakerAt(current.row()) : QString();
}

void SpeakersPanel::emitFilter()
{
    const QString speaker = m_libraryFilter->isChecked() ? currentSpeaker() : QString();
    Q_EMIT libraryFilterChanged(speaker.isEmpty() ? QString() : speaker);
}

void SpeakersPanel::showWork(const QString &label, int done, int total)
{
    if (!label.isEmpty())
        m_work->setFormat(label + u" %p%"_s);
    const bool busy = !label.isEmpty() || total > 0;
    if (!label.isEmpty() || total > 0)
        m_workRow->setVisible(busy && (total == 0 || done < total));
    else
        m_workRow->hide();
    m_work->setRange(0, std::max(0, total));
    m_work->setValue(done);
}

void SpeakersPanel::showIndexing(int done, int total)
{
    m_progressRow->setVisible(total > 0 && done < total);
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(done);
}
