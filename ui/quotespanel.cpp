#include "quotespanel.h"
#include "models/quotationmodel.h"

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
    , m_extraTag(new QLineEdit(this))
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
    m_extraTag->setPlaceholderText(tr("Also tag as… (optional)"));
    m_extraTag->setClearButtonEnabled(true);
    layout->addWidget(m_extraTag);
    layout->addWidget(m_tag);
    connect(model, &QAbstractItemModel::modelReset, m_view, &QTreeView::expandAll);
    connect(m_view, &QTreeView::clicked, this, [this](const QModelIndex &index) {
        if (!index.data(QuotationModel::IsSpeakerRole).toBool())
            Q_EMIT quotationActivated(index.data(QuotationModel::StartRole).toInt(),
                index.data(QuotationModel::EndRole).toInt());
    });
    connect(m_view, &QTreeView::activated, this,
        [this](const QModelIndex &index) { Q_EMIT tagRequested(index); });
    connect(m_tag, &QPushButton::clicked, this, [this] {
        if (m_view->currentIndex().isValid())
            Q_EMIT tagRequested(m_view->currentIndex());
    });
}
