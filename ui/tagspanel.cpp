#include "tagspanel.h"
#include "annotation/annotationservice.h"
#include "models/taggedhighlightsmodel.h"
#include "models/tagtreemodel.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

TagsPanel::TagsPanel(
    AnnotationService *service, TagTreeModel *tags, TaggedHighlightsModel *tagged, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_model(tags)
    , m_tagged(tagged)
    , m_tags(new QTreeView(this))
    , m_highlights(new QTreeView(this))
    , m_filter(new QCheckBox(tr("Only articles with this tag"), this))
    , m_rename(new QToolButton(this))
    , m_delete(new QToolButton(this))
    , m_merge(new QToolButton(this))
{
    setObjectName(u"tagsPanel"_s);
    m_tags->setObjectName(u"tagTree"_s);
    m_tags->setModel(tags);
    m_tags->setUniformRowHeights(true);
    m_tags->setAccessibleName(tr("Tags"));
    m_tags->header()->setStretchLastSection(false);
    m_tags->header()->setSectionResizeMode(TagTreeModel::NameColumn, QHeaderView::Stretch);
    m_tags->header()->setSectionResizeMode(
        TagTreeModel::CountColumn, QHeaderView::ResizeToContents);
    m_tags->expandAll();

    m_highlights->setObjectName(u"taggedHighlights"_s);
    m_highlights->setModel(tagged);
    m_highlights->setRootIsDecorated(false);
    m_highlights->setUniformRowHeights(true);
    m_highlights->setAlternatingRowColors(true);
    m_highlights->setAccessibleName(tr("Highlights with this tag"));
    m_highlights->header()->resizeSection(TaggedHighlightsModel::QuoteColumn, 240);

    auto *create = new QToolButton(this);
    create->setText(tr("New…"));
    m_rename->setText(tr("Rename…"));
    m_merge->setText(tr("Merge…"));
    m_merge->setToolTip(tr("Give this tag's highlights another tag and remove this one"));
    m_delete->setText(tr("Delete"));
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    for (QToolButton *button : { create, m_rename, m_merge, m_delete })
        buttons->addWidget(button);
    buttons->addStretch(1);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_tags, 1);
    topLayout->addLayout(buttons);
    topLayout->addWidget(m_filter);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(m_highlights);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(m_tags->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &TagsPanel::currentTagChanged);
    connect(tags, &QAbstractItemModel::modelReset, this, [this] {
        m_tags->expandAll();
        currentTagChanged();
    });
    connect(m_filter, &QCheckBox::toggled, this, [this] { currentTagChanged(); });
    connect(create, &QToolButton::clicked, this, &TagsPanel::newTag);
    connect(m_rename, &QToolButton::clicked, this, &TagsPanel::renameTag);
    connect(m_delete, &QToolButton::clicked, this, &TagsPanel::deleteTag);
    connect(m_merge, &QToolButton::clicked, this, &TagsPanel::mergeTag);
    m_tags->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tags, &QTreeView::customContextMenuRequested, this, [this](const QPoint &point) {
        if (!m_tags->indexAt(point).isValid())
            return;
        m_tags->setCurrentIndex(m_tags->indexAt(point));
        QMenu menu(this);
        menu.addAction(tr("New Tag Below…"), this, &TagsPanel::newTag);
        menu.addAction(tr("Rename…"), this, &TagsPanel::renameTag);
        menu.addAction(tr("Move Under…"), this, &TagsPanel::moveTag);
        menu.addAction(tr("Colour…"), this, &TagsPanel::colorTag);
        menu.addAction(tr("Description…"), this, &TagsPanel::describeTag);
        menu.addAction(tr("Merge Into…"), this, &TagsPanel::mergeTag);
        menu.addSeparator();
        menu.addAction(tr("Delete…"), this, &TagsPanel::deleteTag);
        menu.exec(m_tags->viewport()->mapToGlobal(point));
    });
    connect(m_highlights, &QTreeView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT highlightOpened(index.data(TaggedHighlightsModel::ArticleIdRole).toLongLong(),
            index.data(TaggedHighlightsModel::HighlightIdRole).toLongLong());
    });
    currentTagChanged();
}

qint64 TagsPanel::currentTag() const
{
    const QModelIndex current = m_tags->currentIndex();
    return current.isValid() ? current.data(TagTreeModel::TagIdRole).toLongLong() : 0;
}

void TagsPanel::selectTag(qint64 id)
{
    const QModelIndex index = m_model->indexOf(id);
    if (index.isValid())
        m_tags->setCurrentIndex(index);
}

void TagsPanel::currentTagChanged()
{
    const qint64 tag = currentTag();
    for (QToolButton *button : { m_rename, m_delete, m_merge })
        button->setEnabled(tag != 0);
    m_tagged->setTags(tag != 0 ? QList<qint64> { tag } : QList<qint64>());
    QList<qint64> filter;
    if (m_filter->isChecked() && tag != 0) {
        const Result<QList<qint64>> below = m_service->store().subtree(tag);
        if (below)
            filter = *below;
    }
    Q_EMIT libraryFilterChanged(filter);
}

void TagsPanel::report(const QString &error)
{
    if (!error.isEmpty())
        Q_EMIT errorOccurred(error);
}

void TagsPanel::newTag()
{
    const QModelIndex current = m_tags->currentIndex();
    const QString parentPath
        = current.isValid() ? current.data(TagTreeModel::PathRole).toString() : QString();
    bool ok = false;
    const QString path
        = QInputDialog::getText(this, tr("New Tag"), tr("Name (use “/” for levels):"),
            QLineEdit::Normal, parentPath.isEmpty() ? QString() : parentPath + u'/', &ok);
    if (!ok)
        return;
    const Result<qint64> created = m_service->createTag(path);
    if (!created)
        return report(created.error());
    selectTag(*created);
}

void TagsPanel::renameTag()
{
    const qint64 tag = currentTag();
    if (tag == 0)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename Tag"), tr("New name:"),
        QLineEdit::Normal, m_tags->currentIndex().data().toString(), &ok);
    if (!ok)
        return;
    if (auto renamed = m_service->renameTag(tag, name); !renamed)
        report(renamed.error());
}

void TagsPanel::deleteTag()
{
    const qint64 tag = currentTag();
    if (tag == 0)
        return;
    const QModelIndex count = m_tags->currentIndex().siblingAtColumn(TagTreeModel::CountColumn);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete Tag"),
        tr("Delete the tag “%1” and the tags below it?")
            .arg(m_tags->currentIndex().data(TagTreeModel::PathRole).toString()),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(u"confirmTagDeletion"_s);
    box->setInformativeText(tr("It is removed from %1 highlight(s); the highlights stay. "
                               "Edit ▸ Undo brings it back.")
                                .arg(count.data().toString()));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::accepted, this, [this, tag] {
        if (auto deleted = m_service->deleteTag(tag); !deleted)
            report(deleted.error());
    });
    box->open();
}

void TagsPanel::moveTag()
{
    const qint64 tag = currentTag();
    if (tag == 0)
        return;
    const Result<QList<qint64>> below = m_service->store().subtree(tag);
    const Result<QList<Tag>> all = m_service->store().tags();
    if (!below || !all)
        return report(tr("The codebook could not be read."));
    const QString topLevel = tr("(top level)");
    QStringList places { topLevel };
    for (const Tag &candidate : *all) {
        if (!below->contains(candidate.id))
            places.append(candidate.path);
    }
    bool ok = false;
    const QString place
        = QInputDialog::getItem(this, tr("Move Tag"), tr("Move under:"), places, 0, false, &ok);
    if (!ok)
        return;
    const qint64 parent = place == topLevel ? 0 : m_service->store().tagIdByPath(place).valueOr(0);
    if (auto moved = m_service->moveTag(tag, parent); !moved)
        report(moved.error());
}

void TagsPanel::colorTag()
{
    const qint64 tag = currentTag();
    if (tag == 0)
        return;
    const QString current = m_tags->currentIndex().data(TagTreeModel::ColorRole).toString();
    const QColor chosen = QColorDialog::getColor(
        current.isEmpty() ? QColor(Qt::white) : QColor(current), this, tr("Tag Colour"));
    if (!chosen.isValid())
        return;
    if (auto changed = m_service->setTagColor(tag, chosen.name()); !changed)
        report(changed.error());
}

void TagsPanel::describeTag()
{
    const qint64 tag = currentTag();
    if (tag == 0)
        return;
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(this, tr("Tag Description"),
        tr("What this tag means, for you and your coders:"),
        m_tags->currentIndex().data(TagTreeModel::DescriptionRole).toString(), &ok);
    if (!ok)
        return;
    if (auto changed = m_service->setTagDescription(tag, text.trimmed()); !changed)
        report(changed.error());
}

void TagsPanel::mergeTag()
{
    const qint64 tag = currentTag();
    if (tag == 0)
        return;
    QStringList others = m_model->paths();
    others.removeAll(m_tags->currentIndex().data(TagTreeModel::PathRole).toString());
    if (others.isEmpty())
        return report(tr("There is no other tag to merge into."));
    bool ok = false;
    const QString into
        = QInputDialog::getItem(this, tr("Merge Tag"), tr("Merge into:"), others, 0, false, &ok);
    if (!ok)
        return;
    const Result<qint64> target = m_service->store().tagIdByPath(into);
    if (!target || *target == 0)
        return report(tr("The tag “%1” is no longer there.").arg(into));
    if (auto merged = m_service->mergeTags(tag, *target); !merged)
        report(merged.error());
}
