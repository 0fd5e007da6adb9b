#pragma once

#include "article/article.h"
#include "core/result.h"
#include "libraryhooks.h"
#include "sqlhelpers.h"

#include <QList>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <atomic>
#include <memory>

/// Which column orders a list of articles. Relevance applies only to a full-text query.
enum class ArticleSort { Relevance, Title, Date, Source, Words };

struct ArticleQuery
{
    QString text; ///< what the user typed; empty lists every article
    ArticleSort sort = ArticleSort::Date;
    Qt::SortOrder order = Qt::DescendingOrder;
    /// Every filter narrows the list (tags, a speaker, a site, …); see ArticleFilter.
    QList<ArticleFilter> filters;
    /// At most this many ids (the first of the order); 0 for all. Not for relevance.
    int limit = 0;
};

struct SearchHit
{
    ArticleSummary article;
    double position = 0; ///< 1 for the best match
};

struct LibraryStats
{
    int articles = 0;
    qint64 words = 0;
    int sourceFiles = 0;
    int undated = 0;
    QDate oldest;
    QDate newest;
    /// Figures the layers above add (highlights, tags, …), by name, in registration order.
    QList<QPair<QString, qint64>> counts;
    qint64 count(const QString &name) const
    {
        for (const auto &[key, value] : counts) {
            if (key == name)
                return value;
        }
        return 0;
    }
};

/// The one SQLite file that holds a user's library. Each instance owns its own connection and
/// must be used only on the thread that opened it (import workers open a second instance).
/// Every write runs in a transaction; every statement is prepared with bound values.
/// A file that is not a Gloss library, is damaged or is newer than this build is refused and
/// left untouched.
class LibraryStore
{
public:
    enum class OpenMode { CreateIfMissing, MustExist };
    /// Whether opening checks the file's pages first: every program's first connection does;
    /// further connections of the same program (workers, the window's reader) need not.
    enum class Verification { Quick, AlreadyChecked };
    enum class UpsertOutcome { Inserted, Updated, Unchanged };
    struct Upserted
    {
        qint64 id = 0;
        UpsertOutcome outcome = UpsertOutcome::Inserted;
    };

    [[nodiscard]] static Result<std::unique_ptr<LibraryStore>> open(const QString &path,
        OpenMode mode = OpenMode::CreateIfMissing, Verification verification = Verification::Quick);
    ~LibraryStore();
    Q_DISABLE_COPY_MOVE(LibraryStore)

    QString path() const { return m_path; }
    QString connectionName() const { return m_connection; }
    /// True when this open created the library (so the caller may seed it).
    bool isNew() const { return m_created; }
    /// False when the quick check at opening ran out of time before the end of the file.
    bool checkedWhole() const { return m_checkedWhole; }
    /// Checks every page and the search indexes; Damaged with the sentence when it is not
    /// whole. Long on a large library: call it on a worker, or before writing from the command
    /// line.
    [[nodiscard]] Result<void> checkWhole(const std::atomic_bool *cancel = nullptr);
    /// How long the check at opening may take (1500 ms unless set; 0 skips it, leaving the
    /// whole check to the opener, as a library too large for any budget would).
    static void setQuickCheckBudget(int milliseconds);
    static int quickCheckBudget();

    /// Inserts a new article, updates the one from the same source in place (keeping its id and
    /// re-anchoring its highlights), or recognises identical content already stored. Runs in a
    /// transaction of its own: the article is stored whole or not at all.
    [[nodiscard]] Result<Upserted> upsertArticle(const Article &article);
    /// The same inside the caller's transaction, for batches. On failure the article may be half
    /// written: the caller must roll the transaction back. (No savepoint per article: SQLite
    /// makes FTS5 flush its pending index at every savepoint, which made imports crawl.)
    [[nodiscard]] Result<Upserted> upsertInTransaction(const Article &article);

    /// Runs a statement that writes (INSERT, UPDATE, DELETE without RETURNING) from a cache of
    /// prepared statements: preparing costs more than running a small write, and imports run
    /// the same few statements tens of thousands of times. Never for a query whose rows are
    /// read, which must be finished before the next use.
    [[nodiscard]] Result<QSqlQuery *> runWrite(const QString &sql, const QVariantList &values) const;
    /// The first column of every row of a query run from the same cache, the statement
    /// finished before this returns (so it holds no read open).
    [[nodiscard]] Result<QVariantList> cachedColumn(const QString &sql, const QVariantList &values) const;

    /// Removes an article and everything that hangs on it (its text and index entry, and
    /// through the hooks the layers above's rows), inside the caller's transaction.
    [[nodiscard]] Result<void> removeArticleInTransaction(qint64 id);

    [[nodiscard]] Result<Article> article(qint64 id) const;
    /// An article's content hash: it changes whenever its text does.
    [[nodiscard]] Result<QString> contentHash(qint64 id) const;
    /// An article's body as stored (the text offsets count in).
    [[nodiscard]] Result<QString> body(qint64 id) const;
    /// Body and content hash read together, so they belong to the same text.
    [[nodiscard]] Result<QPair<QString, QString>> bodyAndHash(qint64 id) const;
    /// Several whole articles at once (for exports), in the order of ids.
    [[nodiscard]] Result<QList<Article>> articles(const QList<qint64> &ids) const;
    /// The ids of the articles matching query, in its order. Cheap: no text is read.
    [[nodiscard]] Result<QList<qint64>> articleIds(const ArticleQuery &query) const;
    /// The list columns for these ids, in the same order; with snippets for a full-text query.
    [[nodiscard]] Result<QList<ArticleSummary>> summaries(
        const QList<qint64> &ids, const QString &queryText = {}) const;
    [[nodiscard]] Result<QList<SearchHit>> search(const QString &queryText, int limit) const;
    [[nodiscard]] Result<int> articleCount() const;
    /// Articles to match imported annotations against: by (a prefix of) the content hash, the
    /// source file, the web address or the title. Empty when none matches.
    [[nodiscard]] Result<QList<qint64>> articlesWithHashPrefix(const QString &prefix) const;
    [[nodiscard]] Result<QList<qint64>> articlesWithSource(const QString &path) const;
    [[nodiscard]] Result<QList<qint64>> articlesWithUrl(const QString &url) const;
    [[nodiscard]] Result<QList<qint64>> articlesWithTitle(const QString &title) const;

    /// Above this many matches a query is not scored whole (bm25 costs about 2 µs a match):
    /// articles matching in the title come first, by score, then the rest newest first.
    static constexpr int DefaultFullRankingLimit = 12000;
    void setFullRankingLimit(int limit) { m_fullRankingLimit = limit; }
    [[nodiscard]] Result<LibraryStats> stats() const;

private:
    LibraryStore(QString path, QString connection);
    [[nodiscard]] Result<void> initialise(bool fileExisted, Verification verification);
    [[nodiscard]] Result<void> identify(bool fileExisted, int &version, Verification verification);
    /// The sentence for a failure to open a file that may well be healthy.
    [[nodiscard]] ResultError openingFailed(const ResultError &error) const;
    [[nodiscard]] Result<void> backupBeforeUpgrade(int fromVersion);
    [[nodiscard]] Result<Upserted> upsertInside(const Article &article);
    [[nodiscard]] Result<QSqlQuery *> cached(const QString &sql) const;
    /// A forward-only statement on this store's connection, prepared.
    [[nodiscard]] Result<QSqlQuery> prepared(const QString &sql) const;
    [[nodiscard]] Result<QList<qint64>> idList(
        const QString &sql, const QVariantList &values) const;
    /// Every article matching an FTS5 expression, best first (see setFullRankingLimit).
    [[nodiscard]] Result<QList<qint64>> rankedMatches(const QString &match) const;
    [[nodiscard]] Result<SqlFragment> filterFragment(const ArticleFilter &filter) const;

    QString m_path;
    QString m_connection;
    bool m_created = false;
    bool m_checkedWhole = false;
    int m_fullRankingLimit = DefaultFullRankingLimit;
    // Prepared once, reused for every article of an import.
    mutable StatementCache m_statements;
};
