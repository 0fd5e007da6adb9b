#include "librarypanel.h"
#include "models/articlelistmodel.h"

#include <QAction>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int SearchDelayMilliseconds = 150;
}

LibraryPanel::LibraryPanel(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_view(new QTreeView(this))
    , m_searchDelay(new QTimer(this))
{
    m_search->setObjectName(u"librarySearch"_s);
    m_search->setPlaceholderText(tr("Search the library (Ctrl+K)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search the library"));
    m_search->setToolTip(tr("All words must occur; \"quoted words\" form a phrase; -word "
                            "leaves out articles with that word; OR between words means "
                            "either."));

    m_view->setObjectName(u"articleList"_s);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(true);
    // Several articles can be selected (Shift/Ctrl+click) for an export; the current one is read.
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAllColumnsShowFocus(true);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setAccessibleName(tr("Articles"));
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSortIndicatorShown(true);
    m_view->header()->setSectionsMovable(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(SearchDelayMilliseconds);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &LibraryPanel::applySearch);
    // Enter in the search field applies at once and moves to the results.
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay->stop();
        applySearch();
        if (m_model && m_model->rowCount() > 0) {
            m_view->setFocus(Qt::ShortcutFocusReason);
            if (!m_view->currentIndex().isValid())
                selectFirst();
        }
    });
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (m_model)
            Q_EMIT articleActivated(m_model->articleIdAt(index.row()));
    });
}

void LibraryPanel::setModel(ArticleListModel *model)
{
    m_model = model;
    m_view->setModel(model);
    if (!model)
        return;
    m_view->header()->setSectionResizeMode(ArticleListModel::TitleColumn, QHeaderView::Stretch);
    m_view->header()->resizeSection(ArticleListModel::DateColumn, 84);
    m_view->header()->resizeSection(ArticleListModel::SourceColumn, 100);
    m_view->header()->resizeSection(ArticleListModel::WordsColumn, 52);
    m_view->header()->resizeSection(ArticleListModel::MatchColumn, 260);
    m_view->header()->setSortIndicator(ArticleListModel::DateColumn, Qt::DescendingOrder);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            Q_EMIT currentArticleChanged(
                current.isValid() && m_model ? m_model->articleIdAt(current.row()) : 0);
        });
    connect(model, &ArticleListModel::listChanged, this, &LibraryPanel::updateColumns);
    updateColumns();
}

void LibraryPanel::applySearch()
{
    if (!m_model)
        return;
    const qint64 current = currentArticleId();
    m_model->setQueryText(m_search->text());
    // A fresh search is ranked; the header should not claim another order.
    if (m_model->queryText().trimmed().isEmpty())
        m_view->header()->setSortIndicator(ArticleListModel::DateColumn, Qt::DescendingOrder);
    else
        m_view->header()->setSortIndicator(-1, Qt::AscendingOrder);
    if (current != 0)
        selectArticle(current);
}

void LibraryPanel::updateColumns()
{
    if (!m_model)
        return;
    const bool searching = !m_model->queryText().trimmed().isEmpty();
    m_view->setColumnHidden(ArticleListModel::MatchColumn, !searching);
}

qint64 LibraryPanel::currentArticleId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() && m_model ? m_model->articleIdAt(current.row()) : 0;
}

QList<qint64> LibraryPanel::selectedArticleIds() const
{
    QList<qint64> ids;
    if (!m_model || !m_view->selectionModel())
        return ids;
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
        [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &row : std::as_const(rows))
        ids.append(m_model->articleIdAt(row.row()));
    return ids;
}

bool LibraryPanel::selectArticle(qint64 id)
{
    if (!m_model || id == 0)
        return false;
    const int row = m_model->rowOfArticle(id);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, ArticleListModel::TitleColumn);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

void LibraryPanel::selectFirst()
{
    if (m_model && m_model->rowCount() == 0 && m_model->canFetchMore({}))
        m_model->fetchMore({});
    if (m_model && m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(0, ArticleListModel::TitleColumn));
}

void LibraryPanel::moveSelection(int delta)
{
    if (!m_model || m_model->rowCount() == 0)
        return;
    const QModelIndex current = m_view->currentIndex();
    int row = current.isValid() ? current.row() + delta : 0;
    if (row >= m_model->rowCount() && m_model->canFetchMore({}))
        m_model->fetchMore({});
    row = qBound(0, row, m_model->rowCount() - 1);
    const QModelIndex index = m_model->index(row, ArticleListModel::TitleColumn);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

void LibraryPanel::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

QByteArray LibraryPanel::saveHeaderState() const
{
    return m_view->header()->saveState();
}

void LibraryPanel::restoreHeaderState(const QByteArray &state)
{
    if (!state.isEmpty())
        m_view->header()->restoreState(state);
    updateColumns();
}
