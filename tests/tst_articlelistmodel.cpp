#include "library/librarystore.h"
#include "models/articlelistmodel.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

class TestArticleListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fetchesLazilyInPages();
    void passesModelTesterThroughEverything();
    void sortsByColumns();
    void filtersWithRankedSnippets();
    void rowOfArticleFetchesUpToIt();
    void refreshSeesNewArticles();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Library> m_open;
    LibraryStore *m_store = nullptr;
    static constexpr int ArticleCount = 700;
};

void TestArticleListModel::initTestCase()
{
    m_open = TestSupport::openLibrary(m_dir.filePath(u"library.sqlite"_s));
    m_store = &m_open->store();
    for (int i = 0; i < ArticleCount; ++i) {
        Article article;
        article.sourcePath = u"/corpus/%1.txt"_s.arg(i);
        article.title = u"Article %1"_s.arg(i, 4, 10, QChar(u'0'));
        article.date = QDate(2000, 1, 1).addDays(i);
        QString text = u"Common words here."_s;
        if (i % 100 == 7)
            text += u" A rare zebra appears."_s;
        for (int w = 0; w < i % 13; ++w)
            text += u" extra"_s;
        article.paragraphs = { { ParagraphKind::Paragraph, text } };
        article.updateContentHash();
        QVERIFY(m_store->upsertArticle(article).ok());
    }
}

void TestArticleListModel::fetchesLazilyInPages()
{
    ArticleListModel model(m_store);
    QCOMPARE(model.matchCount(), ArticleCount);
    QCOMPARE(model.rowCount(), ArticleListModel::PageSize); // the first page comes at once
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 2 * ArticleListModel::PageSize);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), ArticleCount);
    // Default order: newest first.
    QCOMPARE(model.index(0, ArticleListModel::TitleColumn).data().toString(), u"Article 0699"_s);
    QCOMPARE(model.index(0, ArticleListModel::DateColumn).data().toString(),
        QDate(2000, 1, 1).addDays(699).toString(Qt::ISODate));
    QVERIFY(model.index(0, 0).data(ArticleListModel::ArticleIdRole).toLongLong() > 0);
    QCOMPARE(model.columnCount(), int(ArticleListModel::ColumnCount));
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), u"Title"_s);
}

void TestArticleListModel::passesModelTesterThroughEverything()
{
    ArticleListModel model(m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.fetchMore({});
    model.sort(ArticleListModel::TitleColumn, Qt::AscendingOrder);
    model.fetchMore({});
    model.setQueryText(u"zebra"_s);
    model.fetchMore({});
    model.sort(ArticleListModel::WordsColumn, Qt::DescendingOrder);
    model.setQueryText(QString());
    model.fetchMore({});
    model.fetchMore({});
    model.refresh();
    model.rowOfArticle(model.matchCount() > 0 ? 1 : 0);
}

void TestArticleListModel::sortsByColumns()
{
    ArticleListModel model(m_store);
    model.sort(ArticleListModel::TitleColumn, Qt::AscendingOrder);
    model.fetchMore({});
    QCOMPARE(model.index(0, 0).data().toString(), u"Article 0000"_s);
    QCOMPARE(model.index(1, 0).data().toString(), u"Article 0001"_s);
    model.sort(ArticleListModel::TitleColumn, Qt::DescendingOrder);
    model.fetchMore({});
    QCOMPARE(model.index(0, 0).data().toString(), u"Article 0699"_s);
    model.sort(ArticleListModel::WordsColumn, Qt::DescendingOrder);
    model.fetchMore({});
    const int top = model.index(0, ArticleListModel::WordsColumn).data().toString().toInt();
    const int next = model.index(1, ArticleListModel::WordsColumn).data().toString().toInt();
    QVERIFY(top >= next);
}

void TestArticleListModel::filtersWithRankedSnippets()
{
    ArticleListModel model(m_store);
    QSignalSpy changed(&model, &ArticleListModel::listChanged);
    model.setQueryText(u"zebr"_s); // the last word is a prefix, as while typing
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.matchCount(), 7);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 7);
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString match = model.index(row, ArticleListModel::MatchColumn).data().toString();
        QVERIFY2(match.contains(u"zebra"_s), qPrintable(match));
        QVERIFY(model.index(row, 0)
                    .data(ArticleListModel::SnippetRole)
                    .toString()
                    .contains(QChar(0xE000)));
    }
    model.setQueryText(u"nothing-like-this "_s);
    QCOMPARE(model.matchCount(), 0);
    QVERIFY(!model.canFetchMore({}));
    model.setQueryText(QString());
    QCOMPARE(model.matchCount(), ArticleCount);
}

void TestArticleListModel::rowOfArticleFetchesUpToIt()
{
    ArticleListModel model(m_store);
    model.sort(ArticleListModel::TitleColumn, Qt::AscendingOrder);
    const QList<qint64> ids
        = *m_store->articleIds({ QString(), ArticleSort::Title, Qt::AscendingOrder, {} });
    const qint64 wanted = ids.at(600);
    const int row = model.rowOfArticle(wanted);
    QCOMPARE(row, 600);
    QVERIFY(model.rowCount() > 600);
    QCOMPARE(model.articleIdAt(row), wanted);
    QCOMPARE(model.rowOfArticle(999999), -1);
}

void TestArticleListModel::refreshSeesNewArticles()
{
    QTemporaryDir dir;
    auto store = LibraryStore::open(dir.filePath(u"l.sqlite"_s));
    QVERIFY(store.ok());
    ArticleListModel model(store->get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.matchCount(), 0);
    Article article;
    article.sourcePath = u"/n.txt"_s;
    article.title = u"New"_s;
    article.paragraphs = { { ParagraphKind::Paragraph, u"Body"_s } };
    article.updateContentHash();
    QVERIFY((*store)->upsertArticle(article).ok());
    model.refresh();
    QCOMPARE(model.matchCount(), 1);
}

QTEST_GUILESS_MAIN(TestArticleListModel)
#include "tst_articlelistmodel.moc"
