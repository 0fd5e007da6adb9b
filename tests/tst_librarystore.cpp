#include "article/inputformats.h"
#include "library/librarystore.h"
#include "library/schema.h"
#include "library/sqlhelpers.h"
#include "testsupport.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace {

Article makeArticle(const QString &path, const QString &title, const QStringList &paragraphs,
    const QDate &date = {})
{
    Article article;
    article.sourcePath = path;
    article.title = title;
    article.date = date;
    for (const QString &text : paragraphs)
        article.paragraphs.append({ ParagraphKind::Paragraph, text });
    article.updateContentHash();
    return article;
}

// Runs raw SQL on a second connection, as another program would.
void rawSql(const QString &path, const QStringList &statements)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        for (const QString &statement : statements) {
            QSqlQuery query(db);
            QVERIFY2(query.exec(statement), qPrintable(statement));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"raw"_s);
}

QList<qint64> idsFor(
    const LibraryStore &store, const QString &text, ArticleSort sort = ArticleSort::Relevance)
{
    ArticleQuery query;
    query.text = text;
    query.sort = sort;
    query.order = Qt::AscendingOrder;
    const Result<QList<qint64>> ids = store.articleIds(query);
    return ids ? *ids : QList<qint64> { -1 };
}

} // namespace

class TestLibraryStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void createsNewLibrary();
    void emptyFileBecomesLibrary();
    void migratesFromEveryOlderVersion();
    void refusesForeignFiles_data();
    void refusesForeignFiles();
    void refusesNewerVersion();
    void mustExistMode();
    void insertThenUnchanged();
    void changedSourceUpdatesInPlace();
    void sameContentElsewhereIsDuplicate();
    void invalidArticleLeavesNothing();
    void rollbackOnFailure();
    void ftsFollowsInsertUpdateDelete();
    void sortingAndSummaries();
    void searchRanksAndSnippets();
    void tooManyMatchesRankTitlesThenNewest();
    void statsCount();
    void articleRoundTrip();
    void formatLabelsBecomeKeys();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString path() const { return m_dir->filePath(u"library.sqlite"_s); }
};

void TestLibraryStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestLibraryStore::createsNewLibrary()
{
    {
        auto store = LibraryStore::open(path());
        QVERIFY2(store.ok(), qPrintable(store.error()));
        QVERIFY((*store)->isNew());
        QCOMPARE(Sql::scalar((*store)->connectionName(), u"PRAGMA user_version"_s)->toInt(),
            Schema::CurrentVersion);
        QCOMPARE(Sql::scalar((*store)->connectionName(), u"PRAGMA application_id"_s)->toInt(),
            Schema::ApplicationId);
        QCOMPARE(Sql::scalar((*store)->connectionName(), u"PRAGMA journal_mode"_s)->toString(),
            u"wal"_s);
        QCOMPARE(Sql::scalar((*store)->connectionName(), u"PRAGMA foreign_keys"_s)->toInt(), 1);
    }
    auto again = LibraryStore::open(path());
    QVERIFY2(again.ok(), qPrintable(again.error()));
    QVERIFY(!(*again)->isNew());
}

void TestLibraryStore::emptyFileBecomesLibrary()
{
    TestSupport::writeFile(QDir(m_dir->path()), u"library.sqlite"_s, QByteArray());
    auto store = LibraryStore::open(path());
    QVERIFY2(store.ok(), qPrintable(store.error()));
    QVERIFY((*store)->isNew());
}

void TestLibraryStore::migratesFromEveryOlderVersion()
{
    for (int from = 0; from < Schema::CurrentVersion; ++from) {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"old.sqlite"_s);
        qint64 id = 0;
        {
            // Build a library at version `from` with data in it, using the real steps.
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"old"_s);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QVERIFY(Schema::migrate(u"old"_s, 0, from).ok());
            db.close();
        }
        QSqlDatabase::removeDatabase(u"old"_s);
        auto store = LibraryStore::open(file);
        QVERIFY2(store.ok(), qPrintable(store.error()));
        QCOMPARE(Sql::scalar((*store)->connectionName(), u"PRAGMA user_version"_s)->toInt(),
            Schema::CurrentVersion);
        auto stored = (*store)->upsertArticle(
            makeArticle(u"/a.txt"_s, u"After migration"_s, { u"works"_s }));
        QVERIFY2(stored.ok(), qPrintable(stored.error()));
        id = stored->id;
        QVERIFY(id > 0);
        if (from > 0)
            QVERIFY(QFileInfo::exists(u"%1.v%2.bak"_s.arg(file).arg(from)));
    }
}

void TestLibraryStore::refusesForeignFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    QTest::addRow("text-file") << QByteArray("just some notes\n") << u"not an SQLite database"_s;
    QByteArray corrupt("SQLite format 3\0", 16);
    corrupt += QByteArray(4096, '\xAB');
    QTest::addRow("corrupt-sqlite") << corrupt << u"damaged"_s;
}

void TestLibraryStore::refusesForeignFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    const QString file = TestSupport::writeFile(QDir(m_dir->path()), u"foreign.db"_s, bytes);
    auto store = LibraryStore::open(file);
    QVERIFY(!store.ok());
    QVERIFY2(store.error().contains(reason), qPrintable(store.error()));
    QCOMPARE(TestSupport::readFile(file), bytes); // never overwritten
}

void TestLibraryStore::refusesNewerVersion()
{
    {
        auto store = LibraryStore::open(path());
        QVERIFY(store.ok());
    }
    rawSql(path(), { u"PRAGMA user_version = 99"_s });
    auto store = LibraryStore::open(path());
    QVERIFY(!store.ok());
    QVERIFY2(store.error().contains(u"newer version"_s), qPrintable(store.error()));

    // Another program's database with tables of its own is refused too.
    const QString other = m_dir->filePath(u"other.sqlite"_s);
    rawSql(other, { u"CREATE TABLE notes(x)"_s, u"INSERT INTO notes VALUES (1)"_s });
    const QByteArray before = TestSupport::readFile(other);
    auto foreign = LibraryStore::open(other);
    QVERIFY(!foreign.ok());
    QVERIFY2(foreign.error().contains(u"another program"_s), qPrintable(foreign.error()));
    QCOMPARE(TestSupport::readFile(other), before);
}

void TestLibraryStore::mustExistMode()
{
    auto store = LibraryStore::open(path(), LibraryStore::OpenMode::MustExist);
    QVERIFY(!store.ok());
    QVERIFY(!QFileInfo::exists(path()));
    auto folder = LibraryStore::open(m_dir->path());
    QVERIFY(!folder.ok());
}

void TestLibraryStore::insertThenUnchanged()
{
    auto store = LibraryStore::open(path());
    QVERIFY(store.ok());
    const Article article = makeArticle(u"/x/a.txt"_s, u"Title"_s, { u"One."_s, u"Two."_s });
    auto first = (*store)->upsertArticle(article);
    QVERIFY2(first.ok(), qPrintable(first.error()));
    QCOMPARE(first->outcome, LibraryStore::UpsertOutcome::Inserted);
    auto second = (*store)->upsertArticle(article);
    QVERIFY(second.ok());
    QCOMPARE(second->outcome, LibraryStore::UpsertOutcome::Unchanged);
    QCOMPARE(second->id, first->id);
    QCOMPARE(*(*store)->articleCount(), 1);
}

void TestLibraryStore::changedSourceUpdatesInPlace()
{
    auto store = LibraryStore::open(path());
    QVERIFY(store.ok());
    auto first = (*store)->upsertArticle(makeArticle(u"/x/a.txt"_s, u"Old"_s, { u"Before."_s }));
    QVERIFY(first.ok());
    auto second = (*store)->upsertArticle(makeArticle(u"/x/a.txt"_s, u"New"_s, { u"After."_s }));
    QVERIFY(second.ok());
    QCOMPARE(second->outcome, LibraryStore::UpsertOutcome::Updated);
    QCOMPARE(second->id, first->id);
    QCOMPARE(*(*store)->articleCount(), 1);
    QCOMPARE((*store)->article(first->id)->title, u"New"_s);
}

void TestLibraryStore::sameContentElsewhereIsDuplicate()
{
    auto store = LibraryStore::open(path());
    QVERIFY(store.ok());
    auto first = (*store)->upsertArticle(makeArticle(u"/x/a.txt"_s, u"T"_s, { u"Same."_s }));
    auto second = (*store)->upsertArticle(makeArticle(u"/y/copy.txt"_s, u"T"_s, { u"Same."_s }));
    QVERIFY(first.ok() && second.ok());
    QCOMPARE(second->outcome, LibraryStore::UpsertOutcome::Unchanged);
    QCOMPARE(second->id, first->id);
    QCOMPARE(*(*store)->articleCount(), 1);
}

void TestLibraryStore::invalidArticleLeavesNothing()
{
    auto store = LibraryStore::open(path());
    QVERIFY(store.ok());
    Article empty = makeArticle(u"/x/e.txt"_s, u"No body"_s, {});
    auto stored = (*store)->upsertArticle(empty);
    QVERIFY(!stored.ok());
    QCOMPARE(*(*store)->articleCount(), 0);
}

void TestLibraryStore::rollbackOnFailure()
{
    auto store = LibraryStore::open(path());
    QVERIFY(store.ok());
    const QString connection = (*store)->connectionName();
    {
        ScopedTransaction transaction(connection);
        QVERIFY(transaction.began().ok());
        QVERIFY((*store)->upsertInTransaction(makeArticle(u"/a"_s, u"A"_s, { u"a"_s })).ok());
        QVERIFY((*store)->upsertInTransaction(makeArticle(u"/b"_s, u"B"_s, { u"b"_s })).ok());
        // Leaving the scope without commit() is what a failure half-way does.
    }
    QCOMPARE(*(*store)->articleCount(), 0);
    QCOMPARE(idsFor(**store, u"a"_s), QList<qint64>());

    ScopedTransaction transaction(connection);
    QVERIFY((*store)->upsertInTransaction(makeArticle(u"/c"_s, u"C"_s, { u"c"_s })).ok());
    QVERIFY(transaction.commit().ok());
    QCOMPARE(*(*store)->articleCount(), 1);
}

void TestLibraryStore::ftsFollowsInsertUpdateDelete()
{
    auto store = LibraryStore::open(path());
    QVERIFY(store.ok());
    auto stored = (*store)->upsertArticle(
        makeArticle(u"/a.txt"_s, u"Harbour news"_s, { u"The ferry was late."_s }));
    QVERIFY(stored.ok());
    QCOMPARE(idsFor(**store, u"ferry "_s), QList<qint64> { stored->id });
    QCOMPARE(idsFor(**store, u"harbour "_s), QList<qint64> { stored->id });

    QVERIFY((*store)
                ->upsertArticle(
                    makeArticle(u"/a.txt"_s, u"Harbour news"_s, { u"The tram was late."_s }))
                .ok());
    QCOMPARE(idsFor(**store, u"ferry "_s), QList<qint64>());
    QCOMPARE(idsFor(**store, u"tram "_s), QList<qint64> { stored->id });

    // Deleting an article takes its text and its index entries with it.
    QVERIFY(Sql::run((*store)->connectionName(), u"DELETE FROM articles"_s).ok());
    QCOMPARE(
        Sql::scalar((*store)->connectionName(), u"SELECT count(*) FROM article_texts"_s)->toInt(),
        0);
    QCOMPARE(idsFor(**store, u"tram "_s), QList<qint64>());
    // The index agrees with the table row for row.
    QVERIFY(Sql::run((*store)->connectionName(),
        u"INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)"_s)
                .ok());
}

void TestLibraryStore::sortingAndSummaries()
{
    auto store = LibraryStore::open(path());
    QVERIFY(store.ok());
    const qint64 b
        = (*store)
              ->upsertArticle(makeArticle(u"/b"_s, u"banana"_s, { u"x y"_s }, QDate(2020, 1, 1)))
              ->id;
    const qint64 a
        = (*store)
              ->upsertArticle(makeArticle(u"/a"_s, u"Apple"_s, { u"x"_s }, QDate(2022, 1, 1)))
              ->id;
    const qint64 c = (*store)->upsertArticle(makeArticle(u"/c"_s, u"cherry"_s, { u"x y z"_s }))->id;
    QCOMPARE(idsFor(**store, {}, ArticleSort::Title), (QList<qint64> { a, b, c }));
    QCOMPARE(idsFor(**store, {}, ArticleSort::Words), (QList<qint64> { a, b, c }));
    QCOMPARE(idsFor(**store, {}, ArticleSort::Date), (QList<qint64> { c, b, a })); // undated first

    const Result<QList<ArticleSummary>> summaries = (*store)->summaries({ c, a });
    QVERIFY(summaries.ok());
    QCOMPARE(summaries->size(), 2);
    QCOMPARE(summaries->at(0).title, u"cherry"_s);
    QCOMPARE(summaries->at(1).title, u"Apple"_s);
    QCOMPARE(summaries->at(1).date, QDate(2022, 1, 1));
    QCOMPARE(summaries->at(0).words, 3);
    QCOMPARE(summaries->at(1).source, u"a"_s); // no site: the file name
}

void TestLibraryStore::searchRanksAndSnippets()
{
    auto store = LibraryStore::open(path());
    QVERIFY(store.ok());
    const qint64 inTitle = (*store)
                               ->upsertArticle(makeArticle(u"/1"_s, u"Election results"_s,
                                   { u"Counting went on overnight."_s }))
                               ->id;
    const qint64 inBody = (*store)
                              ->upsertArticle(makeArticle(u"/2"_s, u"Weather"_s,
                                  { u"Rain is expected on election day in the north."_s }))
                              ->id;
    (*store)->upsertArticle(makeArticle(u"/3"_s, u"Sport"_s, { u"A match was played."_s })).value();
    const Result<QList<SearchHit>> hits = (*store)->search(u"election "_s, 10);
    QVERIFY2(hits.ok(), qPrintable(hits.error()));
    QCOMPARE(hits->size(), 2);
    QCOMPARE(hits->at(0).article.id, inTitle); // title weighs more
    QCOMPARE(hits->at(1).article.id, inBody);
    QVERIFY(hits->at(1).article.snippet.contains(u"\uE000election\uE001"_s));
    const auto summaries = (*store)->summaries({ inBody }, u"election "_s);
    QVERIFY(summaries->front().snippet.contains(u"\uE000election\uE001"_s));
    QVERIFY(!(*store)->search(u"   "_s, 10).ok());
    // Diacritics fold: "cafe" finds "café".
    (*store)->upsertArticle(makeArticle(u"/4"_s, u"Café society"_s, { u"Text."_s })).value();
    QCOMPARE((*store)->search(u"cafe "_s, 10)->size(), 1);
}

void TestLibraryStore::tooManyMatchesRankTitlesThenNewest()
{
    auto store = LibraryStore::open(path());
    QVERIFY(store.ok());
    const qint64 old = (*store)
                           ->upsertArticle(makeArticle(
                               u"/1"_s, u"Old"_s, { u"A river story."_s }, QDate(2001, 1, 1)))
                           ->id;
    const qint64 titled = (*store)
                              ->upsertArticle(makeArticle(u"/2"_s, u"River floods"_s,
                                  { u"Water everywhere."_s }, QDate(2000, 1, 1)))
                              ->id;
    const qint64 recent = (*store)
                              ->upsertArticle(makeArticle(u"/3"_s, u"Recent"_s,
                                  { u"Another river story."_s }, QDate(2020, 1, 1)))
                              ->id;
    const qint64 undated
        = (*store)->upsertArticle(makeArticle(u"/4"_s, u"Undated"_s, { u"river"_s }))->id;
    (*store)->setFullRankingLimit(2);
    QCOMPARE(idsFor(**store, u"river "_s), (QList<qint64> { titled, recent, old, undated }));
    const auto hits = (*store)->search(u"river "_s, 2);
    QCOMPARE(hits->size(), 2);
    QCOMPARE(hits->at(0).article.id, titled);
    QVERIFY(hits->at(1).article.snippet.contains(u"\uE000river\uE001"_s));
    (*store)->setFullRankingLimit(LibraryStore::DefaultFullRankingLimit);
    QCOMPARE(idsFor(**store, u"river "_s).front(), titled);
}

void TestLibraryStore::statsCount()
{
    auto store = LibraryStore::open(path());
    QVERIFY(store.ok());
    (*store)
        ->upsertArticle(makeArticle(u"/1"_s, u"A"_s, { u"one two"_s }, QDate(2001, 1, 1)))
        .value();
    (*store)->upsertArticle(makeArticle(u"/2"_s, u"B"_s, { u"three"_s })).value();
    const Result<LibraryStats> stats = (*store)->stats();
    QVERIFY(stats.ok());
    QCOMPARE(stats->articles, 2);
    QCOMPARE(stats->words, 3);
    QCOMPARE(stats->undated, 1);
    QCOMPARE(stats->oldest, QDate(2001, 1, 1));
}

void TestLibraryStore::articleRoundTrip()
{
    auto store = LibraryStore::open(path());
    QVERIFY(store.ok());
    Article article = makeArticle(u"/r.md"_s, u"Round trip"_s, { u"Para 😀 one"_s });
    article.paragraphs.append({ ParagraphKind::Caption, u"A caption | Credit: X"_s });
    article.paragraphs.prepend({ ParagraphKind::Heading, u"Heading"_s });
    article.authors = { u"Ann"_s, u"Bo, Jr."_s };
    article.site = u"Site"_s;
    article.url = u"https://example.org"_s;
    article.format = ArticleFormat::Markdown;
    article.date = QDate(2019, 12, 31);
    article.updateContentHash();
    const qint64 id = (*store)->upsertArticle(article)->id;
    const Result<Article> back = (*store)->article(id);
    QVERIFY(back.ok());
    QCOMPARE(back->paragraphs, article.paragraphs);
    QCOMPARE(back->authors, article.authors);
    QCOMPARE(back->date, article.date);
    QCOMPARE(back->format, ArticleFormat::Markdown);
    QCOMPARE(back->contentHash, article.contentHash);
    QCOMPARE(back->body(), article.body());
    QVERIFY(!(*store)->article(id + 100).ok());
}

void TestLibraryStore::formatLabelsBecomeKeys()
{
    // A library of schema 4 stored display labels; opening it stores keys instead, and each
    // article reads back as the format it was.
    QTemporaryDir dir;
    const QString file = dir.filePath(u"old.sqlite"_s);
    QVERIFY(TestSupport::makeOldLibrary(file, 4, u"Body of the old one"_s));
    const QList<QPair<QString, ArticleFormat>> labels = {
        { u"news dump"_s, ArticleFormat::NewsDump },
        { u"Markdown"_s, ArticleFormat::Markdown },
        { u"web page"_s, ArticleFormat::Html },
        { u"JSON Lines"_s, ArticleFormat::JsonLines },
    };
    QStringList statements;
    int id = 20;
    for (const auto &[label, format] : labels) {
        statements.append(
            u"INSERT INTO articles (id, source_path, content_hash, format, title, kinds, words, "
            "source_label, imported_at, updated_at) VALUES (%1, '/%1.txt', 'h%1', '%2', 'T', 'p', "
            "1, 'x', 'x', 'x')"_s.arg(id).arg(label));
        statements.append(
            u"INSERT INTO article_texts (id, title, body) VALUES (%1, 'T', 'Text')"_s.arg(id));
        ++id;
    }
    rawSql(file, statements);
    auto store = LibraryStore::open(file);
    QVERIFY2(store.ok(), qPrintable(store.error()));
    const QString connection = (*store)->connectionName();
    QCOMPARE(Sql::scalar(connection, u"PRAGMA user_version"_s)->toInt(), Schema::CurrentVersion);
    QCOMPARE(Sql::scalar(connection, u"SELECT format FROM articles WHERE id = 7"_s)->toString(),
        u"plain-text"_s);
    QCOMPARE((*store)->article(7)->format, ArticleFormat::PlainText);
    QCOMPARE((*store)->article(7)->body(), u"Body of the old one"_s);
    id = 20;
    for (const auto &[label, format] : labels) {
        const QString stored
            = Sql::scalar(connection, u"SELECT format FROM articles WHERE id = %1"_s.arg(id))
                  ->toString();
        QCOMPARE(stored, InputFormats::of(format).key);
        QCOMPARE((*store)->article(id)->format, format);
        ++id;
    }
    QCOMPARE(Sql::scalar(connection,
                 u"SELECT count(*) FROM articles WHERE format NOT IN "
                 "('news-dump', 'plain-text', 'markdown', 'html', 'json-lines')"_s)
                 ->toInt(),
        0);
}

QTEST_GUILESS_MAIN(TestLibraryStore)
#include "tst_librarystore.moc"
