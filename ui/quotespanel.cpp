#include "quotespanel.h"
#include "models/quotationmodel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

QString QuotesPanel::extraTag() const
{
    return m_extraTag->text().trimmed();
}

QuotesPanel::QuotesPanel(QuotationModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(new QTreeView(this))
    , m_tag(new QPushButton(tr("Highlight as Speaker"), this))
    , m_correct(new QPushButton(tr("Correct Speaker…"), this))
    , m_extraTag(new QLineEdit(this))
    , m_emptyHint(new QLabel(tr("No quotations in this article."), this))
{
    setObjectName(u"quotesPanel"_s);
    m_view->setObjectName(u"quotationTree"_s);
    m_view->setModel(model);
    m_view->setHeaderHidden(true);
    m_view->setUniformRowHeights(true);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setAccessibleName(tr("Quotations of this article"));
    m_tag->setToolTip(tr("Highlight the chosen quotation, or all of the chosen speaker's, "
                         "tagged Speaker/<name>"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_emptyHint);
    m_emptyHint->setObjectName(u"noQuotationsHint"_s);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setForegroundRole(QPalette::PlaceholderText);
    auto updateHint = [this] { m_emptyHint->setVisible(m_model->rowCount() == 0); };
    connect(model, &QAbstractItemModel::modelReset, this, updateHint);
    connect(model, &QAbstractItemModel::rowsInserted, this, updateHint);
    updateHint();
    m_extraTag->setPlaceholderText(tr("Also tag as… (optional)"));
    m_extraTag->setClearButtonEnabled(true);
    layout->addWidget(m_extraTag);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_tag, 1);
    buttons->addWidget(m_correct, 1);
    layout->addLayout(buttons);
    m_correct->setObjectName(u"correctSpeakerButton"_s);
    m_correct->setToolTip(tr("Say who said the chosen quotation, or rename the chosen speaker "
                             "in this article (F2)"));

    // The same two gestures on the right button and from the keyboard.
    auto *highlight = new QAction(tr("Highlight as Speaker"), m_view);
    auto *correct = new QAction(tr("Correct Speaker…"), m_view);
    correct->setShortcut(QKeySequence(Qt::Key_F2));
    correct->setShortcutContext(Qt::WidgetShortcut);
    m_view->addActions({ highlight, correct });
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto requestFor = [this](void (QuotesPanel::*signal)(const QModelIndex &)) {
        return [this, signal] {
            if (m_view->currentIndex().isValid())
                Q_EMIT(this->*signal)(m_view->currentIndex());
        };
    };
    connect(highlight, &QAction::triggered, this, requestFor(&QuotesPanel::tagRequested));
    connect(correct, &QAction::triggered, this, requestFor(&QuotesPanel::correctionRequested));
    connect(m_correct, &QPushButton::clicked, this, requestFor(&QuotesPanel::correctionRequested));
    // Speakers arrive with their quotations already below them: open each as it comes.
    connect(model, &QAbstractItemModel::rowsInserted, m_view,
        [this](const QModelIndex &parent, int first, int last) {
            for (int row = first; !parent.isValid() && row <= last; ++row)
                m_view->expand(m_model->index(row, 0));
        });
    connect(m_view, &QTreeView::clicked, this, [this](const QModelIndex &index) {
        if (!index.data(QuotationModel::IsSpeakerRole).toBool())
            Q_EMIT quotationActivated(index.data(QuotationModel::StartRole).toInt(),
                index.data(QuotationModel::EndRole).toInt());
    });
    connect(m_view, &QTreeView::activated, this,
        [this](const QModelIndex &index) { Q_EMIT tagRequested(index); });
    connect(m_tag, &QPushButton::clicked, this, requestFor(&QuotesPanel::tagRequested));
}
