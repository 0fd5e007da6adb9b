#include "highlightspanel.h"
#include "models/highlightmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

/// Draws a highlight as a colour stripe, two lines of quote, then tags and the note's first line.
class HighlightDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        const QFontMetrics metrics(option.font);
        return { 200, metrics.lineSpacing() * 4 + 14 };
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override
    {
        QStyleOptionViewItem plain = option;
        initStyleOption(&plain, index);
        plain.text.clear();
        plain.icon = QIcon();
        QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &plain, painter);

        painter->save();
        const QRect area = option.rect.adjusted(4, 5, -6, -5);
        const bool orphan = index.data(HighlightModel::StatusRole).toString() == u"orphaned"_s;
        painter->fillRect(QRect(area.left(), area.top(), 4, area.height()),
            orphan ? QColor(Qt::gray) : index.data(HighlightModel::ColorRole).value<QColor>());
        const QFontMetrics metrics(option.font);
        const int line = metrics.lineSpacing();
        const QRect text = area.adjusted(12, 0, 0, 0);
        const bool selected = option.state.testFlag(QStyle::State_Selected);
        const QPalette::ColorRole role = selected ? QPalette::HighlightedText : QPalette::Text;
        painter->setPen(option.palette.color(QPalette::Active, role));

        QFont quoteFont = option.font;
        quoteFont.setItalic(orphan);
        painter->setFont(quoteFont);
        const QString quote = index.data(HighlightModel::QuoteRole).toString().simplified();
        // Two lines of quote: break where the first line runs out.
        int cut = quote.size();
        while (cut > 0 && metrics.horizontalAdvance(quote.left(cut)) > text.width())
            cut = int(quote.lastIndexOf(u' ', cut - 1));
        if (cut <= 0)
            cut = quote.size();
        painter->drawText(
            QRect(text.left(), text.top(), text.width(), line), Qt::AlignLeft, quote.left(cut));
        painter->drawText(QRect(text.left(), text.top() + line, text.width(), line), Qt::AlignLeft,
            metrics.elidedText(quote.mid(cut).trimmed(), Qt::ElideRight, text.width()));

        QFont small = option.font;
        small.setPointSizeF(option.font.pointSizeF() * 0.9);
        painter->setFont(small);
        const QFontMetrics smallMetrics(small);
        if (!selected)
            painter->setPen(option.palette.color(QPalette::Active, QPalette::PlaceholderText));
        QStringList tags;
        for (const QString &path : index.data(HighlightModel::TagPathsRole).toStringList())
            tags.append(u'#' + path);
        const QString tagLine = orphan ? QApplication::translate("HighlightsPanel",
                                    "orphaned: select its text, "
                                    "then Re-attach")
                                       : tags.join(u"  "_s);
        painter->drawText(QRect(text.left(), text.top() + 2 * line + 2, text.width(), line),
            Qt::AlignLeft, smallMetrics.elidedText(tagLine, Qt::ElideRight, text.width()));
        const QString note = index.data(HighlightModel::NoteRole).toString().section(u'\n', 0, 0);
        painter->drawText(QRect(text.left(), text.top() + 3 * line + 2, text.width(), line),
            Qt::AlignLeft,
            smallMetrics.elidedText(
                note.isEmpty() ? QString() : u"✎ "_s + note, Qt::ElideRight, text.width()));
        painter->restore();
    }
};

} // namespace

HighlightsPanel::HighlightsPanel(HighlightModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(new QListView(this))
    , m_summary(new QLabel(this))
    , m_orphansOnly(new QCheckBox(tr("Orphans only"), this))
    , m_tag(new QToolButton(this))
    , m_note(new QToolButton(this))
    , m_reattach(new QToolButton(this))
    , m_delete(new QToolButton(this))
{
    setObjectName(u"highlightsPanel"_s);
    m_view->setObjectName(u"highlightList"_s);
    m_view->setModel(model);
    m_view->setItemDelegate(new HighlightDelegate(m_view));
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAccessibleName(tr("Highlights of this article"));
    m_summary->setObjectName(u"highlightSummary"_s);

    m_tag->setText(tr("Tag…"));
    m_note->setText(tr("Note…"));
    m_reattach->setText(tr("Re-attach"));
    m_reattach->setToolTip(tr("Attach the chosen highlight to the text selected in the reader"));
    m_delete->setText(tr("Delete"));
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    for (QToolButton *button : { m_tag, m_note, m_reattach, m_delete })
        buttons->addWidget(button);
    buttons->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    header->addWidget(m_summary, 1);
    header->addWidget(m_orphansOnly);
    m_orphansOnly->setToolTip(tr("Show only the highlights whose text was not found after the "
                                 "article changed"));
    layout->addLayout(header);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    connect(m_view, &QListView::clicked, this, [this](const QModelIndex &index) {
        Q_EMIT highlightActivated(index.data(HighlightModel::HighlightIdRole).toLongLong());
    });
    connect(m_view, &QListView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT highlightActivated(index.data(HighlightModel::HighlightIdRole).toLongLong());
    });
    connect(m_tag, &QToolButton::clicked, this, [this] {
        if (const qint64 id = currentHighlight())
            Q_EMIT tagRequested(id);
    });
    connect(m_note, &QToolButton::clicked, this, [this] {
        if (const qint64 id = currentHighlight())
            Q_EMIT noteRequested(id);
    });
    connect(m_reattach, &QToolButton::clicked, this, [this] {
        if (const qint64 id = currentHighlight())
            Q_EMIT reattachRequested(id);
    });
    connect(m_delete, &QToolButton::clicked, this, [this] {
        if (const qint64 id = currentHighlight())
            Q_EMIT deleteRequested(id);
    });
    connect(m_view, &QListView::customContextMenuRequested, this, [this](const QPoint &point) {
        const QModelIndex index = m_view->indexAt(point);
        if (!index.isValid())
            return;
        const qint64 id = index.data(HighlightModel::HighlightIdRole).toLongLong();
        QMenu menu(this);
        menu.addAction(tr("Tag…"), this, [this, id] { Q_EMIT tagRequested(id); });
        menu.addAction(tr("Edit Note…"), this, [this, id] { Q_EMIT noteRequested(id); });
        const QStringList paths = index.data(HighlightModel::TagPathsRole).toStringList();
        if (!paths.isEmpty()) {
            QMenu *remove = menu.addMenu(tr("Remove Tag"));
            for (const QString &path : paths)
                remove->addAction(
                    path, this, [this, id, path] { Q_EMIT removeTagRequested(id, path); });
        }
        menu.addAction(
            tr("Re-attach to Selection"), this, [this, id] { Q_EMIT reattachRequested(id); });
        menu.addSeparator();
        menu.addAction(tr("Delete Highlight"), this, [this, id] { Q_EMIT deleteRequested(id); });
        menu.exec(m_view->viewport()->mapToGlobal(point));
    });
    connect(m_orphansOnly, &QCheckBox::toggled, this, &HighlightsPanel::applyOrphanFilter);
    connect(model, &QAbstractItemModel::modelReset, this, &HighlightsPanel::updateState);
    connect(model, &QAbstractItemModel::dataChanged, this, &HighlightsPanel::updateState);
    connect(model, &QAbstractItemModel::rowsInserted, this, &HighlightsPanel::updateState);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &HighlightsPanel::updateState);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &HighlightsPanel::updateState);
    updateState();
}

qint64 HighlightsPanel::currentHighlight() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(HighlightModel::HighlightIdRole).toLongLong() : 0;
}

void HighlightsPanel::selectHighlight(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    m_view->setCurrentIndex(m_model->index(row));
    m_view->scrollTo(m_model->index(row));
}

void HighlightsPanel::applyOrphanFilter()
{
    const bool only = m_orphansOnly->isChecked();
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const bool orphan
            = m_model->index(row).data(HighlightModel::StatusRole).toString() == u"orphaned"_s;
        m_view->setRowHidden(row, only && !orphan);
    }
}

void HighlightsPanel::updateState()
{
    applyOrphanFilter();
    int orphans = 0;
    for (const Highlight &highlight : m_model->highlights())
        orphans += highlight.status == AnchorStatus::Orphaned ? 1 : 0;
    const int count = m_model->rowCount();
    QString summary = count == 0 ? tr("No highlights yet: select text and press H.")
        : count == 1             ? tr("1 highlight")
                                 : tr("%1 highlights").arg(count);
    if (orphans > 0)
        summary += tr(" (%1 orphaned)").arg(orphans);
    m_summary->setText(summary);
    const QModelIndex current = m_view->currentIndex();
    const bool has = current.isValid();
    for (QToolButton *button : { m_tag, m_note, m_delete })
        button->setEnabled(has);
    m_reattach->setEnabled(has);
}
