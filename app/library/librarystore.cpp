#include "librarystore.h"
#include "ftsquery.h"
#include "librarycheck.h"
#include "libraryhooks.h"
#include "schema.h"
#include "sqlhelpers.h"
#include "article/inputformats.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStorageInfo>
#include <QVariant>

#include <type_traits>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LibraryStore", text);
}

QString nextConnectionName()
{
    static QAtomicInt counter;
    return u"gloss-library-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

QString sourceLabel(const Article &article)
{
    if (!article.site.isEmpty())
        return article.site;
    const QFileInfo info(article.sourcePath);
    const QString folder = info.dir().dirName();
    if (article.sourcePath.startsWith(u":/"_s))
        return tr("Gloss sample");
    return folder.isEmpty() || folder == u"."_s ? info.fileName() : folder + u'/' + info.fileName();
}

QString joinAuthors(const QStringList &authors)
{
    if (authors.isEmpty())
        return {};
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(authors)).toJson(QJsonDocument::Compact));
}

QStringList splitAuthors(const QString &stored)
{
    QStringList authors;
    for (const QJsonValue &value : QJsonDocument::fromJson(stored.toUtf8()).array())
        authors.append(value.toString());
    return authors;
}

// QtSql binds a null QString as SQL NULL; the text columns want an empty string instead.
QVariant textValue(const QString &text)
{
    return text.isNull() ? QVariant(QString(0, QChar())) : QVariant(text);
}

QVariant dateValue(const QDate &date)
{
    return date.isValid() ? QVariant(date.toString(Qt::ISODate))
                          : QVariant(QMetaType::fromType<QString>());
}

QString orderClause(const ArticleQuery &query)
{
    const QString direction = query.order == Qt::AscendingOrder ? u"ASC"_s : u"DESC"_s;
    switch (query.sort) {
    case ArticleSort::Relevance:
        return u"a.date DESC, a.id DESC"_s;
    case ArticleSort::Title:
        return u"a.title COLLATE NOCASE %1, a.id %1"_s.arg(direction);
    case ArticleSort::Date:
        return u"a.date %1, a.id %1"_s.arg(direction);
    case ArticleSort::Source:
        return u"a.source_label COLLATE NOCASE %1, a.id %1"_s.arg(direction);
    case ArticleSort::Words:
        return u"a.words %1, a.id %1"_s.arg(direction);
    }
    return u"a.id"_s;
}

QString placeholders(qsizetype count)
{
    QString list;
    list.reserve(count * 2);
    for (qsizetype i = 0; i < count; ++i)
        list += i == 0 ? u"?"_s : u",?"_s;
    return list;
}

ArticleSummary summaryFrom(const QSqlQuery &query)
{
    ArticleSummary summary;
    summary.id = query.value(0).toLongLong();
    summary.title = query.value(1).toString();
    summary.date = QDate::fromString(query.value(2).toString(), Qt::ISODate);
    summary.source = query.value(3).toString();
    summary.words = query.value(4).toInt();
    return summary;
}

} // namespace

LibraryStore::LibraryStore(QString path, QString connection)
    : m_path(std::move(path))
    , m_connection(std::move(connection))
    , m_statements(m_connection)
{ }

LibraryStore::~LibraryStore()
{
    m_statements.clear();
    {
        QSqlDatabase database = QSqlDatabase::database(m_connection, false);
        if (database.isOpen())
            database.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

Result<std::unique_ptr<LibraryStore>> LibraryStore::open(
    const QString &path, OpenMode mode, Verification verification)
{
    if (path.trimmed().isEmpty())
        return ResultError(tr("No library file was given."));
    const QFileInfo info(path);
    const QString absolute = info.absoluteFilePath();
    if (info.isDir())
        return ResultError(tr("“%1” is a folder, not a library file.").arg(absolute));
    const bool existed = info.exists();
    if (!existed && mode == OpenMode::MustExist)
        return ResultError(tr("There is no library at “%1”.").arg(absolute), ErrorKind::NotFound);
    if (existed && !info.isFile())
        return ResultError(tr("“%1” is not a regular file, so it cannot be a library.").arg(absolute),
            ErrorKind::InvalidInput);
    // Each way a healthy library can still not be opened has its own sentence: a library is
    // called damaged only when it is.
    if (existed && !info.isReadable())
        return ResultError(tr("“%1” cannot be read: you have no permission to read it.").arg(absolute),
            ErrorKind::ReadOnly);
    if (existed && !info.isWritable()) {
        return ResultError(tr("“%1” is read-only; Gloss writes every change at once, so it needs "
                              "a library it can write. Copy it somewhere you may write, or "
                              "change its permissions.")
                               .arg(absolute),
            ErrorKind::ReadOnly);
    }
    if (const QFileInfo folder(info.absolutePath()); folder.exists() && !folder.isWritable()) {
        return ResultError(tr("The folder of “%1” cannot be written (a read-only disk, or no "
                              "permission); SQLite keeps its journal beside the library, so "
                              "the library cannot be opened there. Copy it somewhere you may "
                              "write.")
                               .arg(absolute),
            ErrorKind::ReadOnly);
    }
    if (existed && info.size() > 0) {
        QFile file(absolute);
        if (!file.open(QIODevice::ReadOnly))
            return ResultError(tr("Cannot open “%1”: %2.").arg(absolute, file.errorString()),
                ErrorKind::Io);
        if (file.read(16) != QByteArrayView("SQLite format 3\0", 16)) {
            return ResultError(
                tr("“%1” is not a Gloss library (it is not an SQLite database); it was left "
                   "untouched.")
                    .arg(absolute));
        }
    }
    if (!existed && !QDir().mkpath(info.absolutePath()))
        return ResultError(tr("Cannot create the folder “%1”.").arg(info.absolutePath()));

    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s))
        return ResultError(tr("Qt's SQLite driver is not installed (package libqt6sql6-sqlite)."));
    std::unique_ptr<LibraryStore> store(new LibraryStore(absolute, nextConnectionName()));
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, store->m_connection);
        database.setDatabaseName(absolute);
        database.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (!database.open()) {
            return ResultError(
                tr("Cannot open the library “%1”: %2.").arg(absolute, database.lastError().text()));
        }
    }
    if (auto ready = store->initialise(existed && info.size() > 0, verification); !ready)
        return ready.failure();
    return store;
}

ResultError LibraryStore::openingFailed(const ResultError &error) const
{
    // SQLite reports a disk with no room as an I/O error of some kind: the disk says which.
    if (error.kind == ErrorKind::Io || error.kind == ErrorKind::Database || error.kind == ErrorKind::Failed) {
        const QStorageInfo disk(QFileInfo(m_path).absolutePath());
        if (disk.isValid() && disk.bytesAvailable() < 1024 * 1024) {
            return ResultError(tr("There is no room left on the disk of “%1”; SQLite needs a "
                                  "little beside the library to open it. Free some space and "
                                  "try again. It was left untouched.")
                                   .arg(m_path),
                ErrorKind::Io);
        }
    }
    switch (error.kind) {
    case ErrorKind::Busy:
        return ResultError(tr("“%1” is locked by another program, which holds it alone for "
                              "now; try again when it has finished. It was left untouched.")
                               .arg(m_path),
            ErrorKind::Busy);
    case ErrorKind::ReadOnly:
        return ResultError(tr("“%1” cannot be written (a read-only file or disk); it was left "
                              "untouched.")
                               .arg(m_path),
            ErrorKind::ReadOnly);
    case ErrorKind::Io: {
        const QStorageInfo disk(QFileInfo(m_path).absolutePath());
        if (disk.isValid() && disk.bytesAvailable() < 1024 * 1024) {
            return ResultError(tr("There is no room left on the disk of “%1”; SQLite needs a "
                                  "little beside the library to open it. Free some space and "
                                  "try again. It was left untouched.")
                                   .arg(m_path),
                ErrorKind::Io);
        }
        return ResultError(tr("“%1” could not be opened: %2 It was left untouched.")
                               .arg(m_path, error.text),
            ErrorKind::Io);
    }
    case ErrorKind::Damaged:
        return ResultError(tr("“%1” is damaged or is not a database; it was left untouched.")
                               .arg(m_path),
            ErrorKind::Damaged);
    default:
        return ResultError(
            tr("“%1” could not be opened: %2 It was left untouched.").arg(m_path, error.text),
            error.kind);
    }
}

Result<void> LibraryStore::identify(bool fileExisted, int &version, Verification verification)
{
    const Result<QVariant> tables
        = Sql::scalar(m_connection, u"SELECT count(*) FROM sqlite_master"_s);
    if (!tables)
        return openingFailed(tables.failure());
    const Result<QVariant> applicationId = Sql::scalar(m_connection, u"PRAGMA application_id"_s);
    const Result<QVariant> userVersion = Sql::scalar(m_connection, u"PRAGMA user_version"_s);
    if (!applicationId || !userVersion)
        return openingFailed(!applicationId ? applicationId.failure() : userVersion.failure());
    version = userVersion->toInt();
    const bool empty = tables->toInt() == 0 && version == 0;
    if (applicationId->toInt() != Schema::ApplicationId
        && !(empty && applicationId->toInt() == 0)) {
        return ResultError(tr("“%1” is a database of another program, not a Gloss library; it "
                              "was left untouched.")
                               .arg(m_path));
    }
    if (version > Schema::CurrentVersion) {
        return ResultError(tr("“%1” was made by a newer version of Gloss (library version %2; "
                              "this one reads up to %3). Update Gloss to open it.")
                               .arg(m_path)
                               .arg(version)
                               .arg(Schema::CurrentVersion),
            ErrorKind::InvalidInput);
    }
    // Gloss's mark but not its tables: something else wearing it. Nothing is changed, not even
    // the journal mode.
    if (!empty && version >= 1) {
        const Result<QVariant> ours = Sql::scalar(m_connection,
            u"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
            "('articles', 'article_texts')"_s);
        if (!ours)
            return openingFailed(ours.failure());
        if (ours->toInt() != 2) {
            return ResultError(tr("“%1” is marked as a Gloss library but does not hold a "
                                  "library's tables; it was left untouched.")
                                   .arg(m_path),
                ErrorKind::InvalidInput);
        }
    }
    // A quick look at the pages before anything is written: a small library is checked
    // whole, a large one as far as the time allows (the window checks the rest on a worker,
    // the command line before it writes).
    if (!empty && verification == Verification::Quick && quickCheckBudget() == 0) {
        m_checkedWhole = false;
    } else if (!empty && verification == Verification::Quick) {
        Result<LibraryCheck::Outcome> checked
            = LibraryCheck::quick(m_connection, quickCheckBudget());
        if (!checked)
            return openingFailed(checked.failure());
        if (!checked->problems.isEmpty())
            return ResultError(LibraryCheck::describe(m_path, *checked), ErrorKind::Damaged);
        m_checkedWhole = checked->complete;
    } else {
        m_checkedWhole = empty;
    }
    m_created = !fileExisted || empty;
    return {};
}

namespace {
std::atomic_int s_quickCheckBudget { 1500 };
}

void LibraryStore::setQuickCheckBudget(int milliseconds)
{
    s_quickCheckBudget = std::max(0, milliseconds);
}

int LibraryStore::quickCheckBudget()
{
    return s_quickCheckBudget;
}

Result<void> LibraryStore::checkWhole(const std::atomic_bool *cancel)
{
    Result<LibraryCheck::Outcome> checked = LibraryCheck::full(m_connection, cancel);
    if (!checked)
        return checked.failure();
    if (!checked->complete)
        return ResultError(tr("The check was stopped."), ErrorKind::Cancelled);
    if (!checked->problems.isEmpty())
        return ResultError(LibraryCheck::describe(m_path, *checked), ErrorKind::Damaged);
    m_checkedWhole = true;
    return {};
}

Result<void> LibraryStore::backupBeforeUpgrade(int fromVersion)
{
    const QString backup = u"%1.v%2.bak"_s.arg(m_path).arg(fromVersion);
    QFile::remove(backup);
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (auto prepared = Sql::prepare(query, u"VACUUM INTO :file"_s); !prepared)
        return prepared;
    query.bindValue(u":file"_s, backup);
    if (auto ran = Sql::exec(query); !ran)
        return ResultError(
            tr("Could not back up the library before upgrading it: %1").arg(ran.error()));
    return {};
}

Result<void> LibraryStore::initialise(bool fileExisted, Verification verification)
{
    int version = 0;
    if (auto known = identify(fileExisted, version, verification); !known)
        return known;
    if (auto wal = Sql::scalar(m_connection, u"PRAGMA journal_mode = WAL"_s); !wal)
        return openingFailed(wal.failure());
    // A 32 MB page cache keeps the indexes of a large library in memory during imports.
    for (const QString &pragma : { u"PRAGMA foreign_keys = ON"_s, u"PRAGMA synchronous = NORMAL"_s,
             u"PRAGMA temp_store = MEMORY"_s, u"PRAGMA cache_size = -32768"_s }) {
        if (auto ran = Sql::run(m_connection, pragma); !ran)
            return ran;
    }
    if (version < Schema::CurrentVersion) {
        if (version > 0) {
            if (auto saved = backupBeforeUpgrade(version); !saved)
                return saved;
        }
        if (auto migrated = Schema::migrate(m_connection, version); !migrated) {
            return ResultError(tr("The library could not be upgraded and was left as it was: %1")
                                   .arg(migrated.error()));
        }
    }
    return {};
}

Result<QSqlQuery> LibraryStore::prepared(const QString &sql) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    if (auto ready = Sql::prepare(query, sql); !ready)
        return ready.failure();
    return query;
}

Result<QSqlQuery *> LibraryStore::runWrite(const QString &sql, const QVariantList &values) const
{
    return m_statements.run(sql, values);
}

Result<QVariantList> LibraryStore::cachedColumn(const QString &sql, const QVariantList &values) const
{
    Result<QSqlQuery *> query = m_statements.run(sql, values);
    if (!query)
        return query.failure();
    QVariantList column;
    while ((*query)->next())
        column.append((*query)->value(0));
    (*query)->finish();
    return column;
}

Result<QSqlQuery *> LibraryStore::cached(const QString &sql) const
{
    return m_statements.prepared(sql);
}

Result<LibraryStore::Upserted> LibraryStore::upsertArticle(const Article &article)
{
    ScopedTransaction transaction(m_connection);
    if (!transaction.began())
        return ResultError(transaction.began().error());
    Result<Upserted> upserted = upsertInside(article);
    if (!upserted)
        return upserted;
    if (auto committed = transaction.commit(); !committed)
        return committed.failure();
    return upserted;
}

Result<void> LibraryStore::removeArticleInTransaction(qint64 id)
{
    for (const LibraryHooks::Removed &hook : LibraryHooks::removed()) {
        if (auto done = hook(*this, id); !done)
            return done;
    }
    // The text's delete trigger takes it out of the full-text index; the rest cascades.
    for (const QString &statement : { u"DELETE FROM article_texts WHERE id = ?"_s,
             u"DELETE FROM articles WHERE id = ?"_s }) {
        Result<QSqlQuery> removed = Sql::query(m_connection, statement, { id });
        if (!removed)
            return removed.failure();
    }
    return {};
}

Result<LibraryStore::Upserted> LibraryStore::upsertInTransaction(const Article &article)
{
    return upsertInside(article);
}

Result<LibraryStore::Upserted> LibraryStore::upsertInside(const Article &article)
{
    if (article.title.isEmpty() || article.paragraphs.isEmpty())
        return ResultError(tr("An article needs a title and some text."));
    Result<QSqlQuery *> bySource = cached(
        u"SELECT id, content_hash FROM articles WHERE source_path = ? AND source_index = ?"_s);
    if (!bySource)
        return bySource.failure();
    QSqlQuery &find = **bySource;
    find.bindValue(0, article.sourcePath);
    find.bindValue(1, article.sourceIndex);
    if (auto ran = Sql::exec(find); !ran)
        return ran.failure();
    qint64 existingId = 0;
    if (find.next()) {
        existingId = find.value(0).toLongLong();
        const bool same = find.value(1).toString() == article.contentHash;
        find.finish();
        if (same)
            return Upserted { existingId, UpsertOutcome::Unchanged };
    } else {
        find.finish();
        Result<QSqlQuery *> byHash
            = cached(u"SELECT id FROM articles WHERE content_hash = ? LIMIT 1"_s);
        if (!byHash)
            return byHash.failure();
        QSqlQuery &duplicate = **byHash;
        duplicate.bindValue(0, article.contentHash);
        if (auto ran = Sql::exec(duplicate); !ran)
            return ran.failure();
        if (duplicate.next()) {
            const qint64 id = duplicate.value(0).toLongLong();
            duplicate.finish();
            return Upserted { id, UpsertOutcome::Unchanged };
        }
        duplicate.finish();
    }

    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    const QList<QVariant> values = {
        article.contentHash,
        InputFormats::of(article.format).key,
        article.title,
        dateValue(article.date),
        textValue(joinAuthors(article.authors)),
        textValue(article.site),
        textValue(article.url),
        textValue(article.rawHeader),
        article.kindsString(),
        article.wordCount(),
        sourceLabel(article),
    };
    Result<QSqlQuery *> write = existingId == 0
        ? cached(u"INSERT INTO articles (content_hash, format, title, date, authors, site, url, "
                 "raw_header, kinds, words, source_label, source_path, source_index, "
                 "imported_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"_s)
        : cached(u"UPDATE articles SET content_hash=?, format=?, title=?, date=?, authors=?, "
                 "site=?, url=?, raw_header=?, kinds=?, words=?, source_label=?, "
                 "updated_at=? WHERE id=?"_s);
    if (!write)
        return write.failure();
    QSqlQuery &query = **write;
    int index = 0;
    for (const QVariant &value : values)
        query.bindValue(index++, value);
    if (existingId == 0) {
        query.bindValue(index++, article.sourcePath);
        query.bindValue(index++, article.sourceIndex);
        query.bindValue(index++, now);
        query.bindValue(index++, now);
    } else {
        query.bindValue(index++, now);
        query.bindValue(index++, existingId);
    }
    if (auto ran = Sql::exec(query); !ran)
        return ran.failure();
    const qint64 id = existingId != 0 ? existingId : query.lastInsertId().toLongLong();

    const QString body = article.body();
    if (existingId != 0) {
        // The index entry must be removed with exactly the text it was made from.
        Result<QSqlQuery *> old = cached(u"SELECT title, body FROM article_texts WHERE id = ?"_s);
        Result<QSqlQuery *> unindex = cached(
            u"INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)"_s);
        if (!old || !unindex)
            return ResultError(!old ? old.error() : unindex.error());
        (*old)->bindValue(0, id);
        if (auto ran = Sql::exec(**old); !ran)
            return ran.failure();
        if ((*old)->next()) {
            (*unindex)->bindValue(0, id);
            (*unindex)->bindValue(1, (*old)->value(0));
            (*unindex)->bindValue(2, (*old)->value(1));
            (*old)->finish();
            if (auto ran = Sql::exec(**unindex); !ran)
                return ran.failure();
        } else {
            (*old)->finish();
        }
    }
    Result<QSqlQuery *> text
        = cached(u"INSERT INTO article_texts (id, title, body) VALUES (?, ?, ?) ON CONFLICT(id) "
                 "DO UPDATE SET title = excluded.title, body = excluded.body"_s);
    Result<QSqlQuery *> indexing
        = cached(u"INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)"_s);
    if (!text || !indexing)
        return ResultError(!text ? text.error() : indexing.error());
    for (QSqlQuery *query : { *text, *indexing }) {
        query->bindValue(0, id);
        query->bindValue(1, article.title);
        query->bindValue(2, body);
        if (auto ran = Sql::exec(*query); !ran)
            return ran.failure();
    }
    if (existingId != 0) {
        // Data derived from the text (highlights, who is quoted) follows it in this transaction.
        for (const LibraryHooks::TextChanged &hook : LibraryHooks::textChanged()) {
            if (auto followed = hook(*this, id, body); !followed)
                return followed.failure();
        }
    }
    return Upserted { id, existingId != 0 ? UpsertOutcome::Updated : UpsertOutcome::Inserted };
}

namespace {

const QString s_articleColumns = u"a.id, a.source_path, a.source_index, a.content_hash, a.format, "
                                 "a.title, a.date, a.authors, a.site, a.url, a.raw_header, t.body, "
                                 "a.kinds FROM articles a JOIN article_texts t ON t.id = a.id"_s;

Article articleFrom(const QSqlQuery &query)
{
    Article article;
    article.id = query.value(0).toLongLong();
    article.sourcePath = query.value(1).toString();
    article.sourceIndex = query.value(2).toInt();
    article.contentHash = query.value(3).toString();
    // A value no Gloss wrote (a newer one's format) reads as plain text, which every article is.
    const InputFormat *format = InputFormats::fromStored(query.value(4).toString());
    article.format = format ? format->id : ArticleFormat::PlainText;
    article.title = query.value(5).toString();
    article.date = QDate::fromString(query.value(6).toString(), Qt::ISODate);
    article.authors = splitAuthors(query.value(7).toString());
    article.site = query.value(8).toString();
    article.url = query.value(9).toString();
    article.rawHeader = query.value(10).toString();
    article.paragraphs
        = Article::paragraphsFrom(query.value(11).toString(), query.value(12).toString());
    return article;
}

} // namespace

Result<Article> LibraryStore::article(qint64 id) const
{
    Result<QSqlQuery> queryStatement
        = prepared(u"SELECT "_s + s_articleColumns + u" WHERE a.id = ?"_s);
    if (!queryStatement)
        return queryStatement.failure();
    QSqlQuery &query = *queryStatement;
    query.bindValue(0, id);
    if (auto ran = Sql::exec(query); !ran)
        return ran.failure();
    if (!query.next())
        return ResultError(tr("The article is no longer in the library."), ErrorKind::NotFound);
    return articleFrom(query);
}

Result<QString> LibraryStore::contentHash(qint64 id) const
{
    Result<QSqlQuery> query = Sql::query(
        m_connection, u"SELECT content_hash FROM articles WHERE id = ?"_s, { id });
    if (!query)
        return query.failure();
    if (!query->next())
        return ResultError(tr("The article is no longer in the library."), ErrorKind::NotFound);
    return query->value(0).toString();
}

Result<QString> LibraryStore::body(qint64 id) const
{
    Result<QSqlQuery> query
        = Sql::query(m_connection, u"SELECT body FROM article_texts WHERE id = ?"_s, { id });
    if (!query)
        return query.failure();
    if (!query->next())
        return ResultError(tr("The article is no longer in the library."), ErrorKind::NotFound);
    return query->value(0).toString();
}

Result<QPair<QString, QString>> LibraryStore::bodyAndHash(qint64 id) const
{
    Result<QSqlQuery> query = Sql::query(m_connection,
        u"SELECT t.body, a.content_hash FROM articles a JOIN article_texts t ON t.id = a.id "
        "WHERE a.id = ?"_s,
        { id });
    if (!query)
        return query.failure();
    if (!query->next())
        return ResultError(tr("The article is no longer in the library."), ErrorKind::NotFound);
    return QPair<QString, QString>(query->value(0).toString(), query->value(1).toString());
}

Result<QList<Article>> LibraryStore::articles(const QList<qint64> &ids) const
{
    QHash<qint64, Article> found;
    for (qsizetype start = 0; start < ids.size(); start += 500) {
        const QList<qint64> slice = ids.mid(start, 500);
        Result<QSqlQuery> statement = prepared(u"SELECT "_s + s_articleColumns
            + u" WHERE a.id IN ("_s + placeholders(slice.size()) + u')');
        if (!statement)
            return statement.failure();
        for (qsizetype i = 0; i < slice.size(); ++i)
            statement->bindValue(int(i), slice.at(i));
        if (auto ran = Sql::exec(*statement); !ran)
            return ran.failure();
        while (statement->next()) {
            Article article = articleFrom(*statement);
            found.insert(article.id, std::move(article));
        }
    }
    QList<Article> result;
    result.reserve(ids.size());
    for (qint64 id : ids) {
        if (found.contains(id))
            result.append(found.take(id));
    }
    return result;
}

Result<QList<qint64>> LibraryStore::idList(const QString &sql, const QVariantList &values) const
{
    Result<QSqlQuery> statement = prepared(sql);
    if (!statement)
        return statement.failure();
    QSqlQuery &query = *statement;
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (auto ran = Sql::exec(query); !ran)
        return ran.failure();
    QList<qint64> ids;
    while (query.next())
        ids.append(query.value(0).toLongLong());
    return ids;
}

Result<QList<qint64>> LibraryStore::rankedMatches(const QString &match) const
{
    const QString matchSql = u"SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"_s;
    Result<QList<qint64>> all = idList(matchSql, { match });
    if (!all || all->size() <= m_fullRankingLimit) {
        if (!all || all->isEmpty())
            return all;
        return idList(matchSql + u" ORDER BY rank"_s, { match });
    }
    // Too many to score in time: the few title matches by score, then the rest newest first.
    const QString inTitle = u"{title} : ("_s + match + u')';
    Result<QList<qint64>> titled = idList(matchSql, { inTitle });
    if (!titled)
        return titled;
    QList<qint64> ranked;
    if (titled->size() <= m_fullRankingLimit) {
        Result<QList<qint64>> scored = idList(matchSql + u" ORDER BY rank"_s, { inTitle });
        if (!scored)
            return scored;
        ranked = std::move(*scored);
    }
    QSet<qint64> remaining(all->cbegin(), all->cend());
    for (qint64 id : std::as_const(ranked))
        remaining.remove(id);
    Result<QList<qint64>> newest
        = idList(u"SELECT id FROM articles ORDER BY date DESC, id DESC"_s, {});
    if (!newest)
        return newest;
    ranked.reserve(all->size());
    for (qint64 id : std::as_const(*newest)) {
        if (remaining.contains(id))
            ranked.append(id);
    }
    return ranked;
}

Result<SqlFragment> LibraryStore::filterFragment(const ArticleFilter &filter) const
{
    // The library's own kinds first; the others belong to the layers that registered them.
    if (filter.kind == u"site"_s) {
        return SqlFragment { u"a.source_label = ? COLLATE NOCASE"_s, filter.values.mid(0, 1) };
    }
    for (const LibraryHooks::Filter &hook : LibraryHooks::filters()) {
        if (std::optional<Result<SqlFragment>> answered = hook(filter))
            return *answered;
    }
    return ResultError(tr("Gloss cannot filter articles by “%1”.").arg(filter.kind),
        ErrorKind::InvalidInput);
}

Result<QList<qint64>> LibraryStore::articleIds(const ArticleQuery &articleQuery) const
{
    const QString match = FtsQuery::fromUserText(articleQuery.text);
    // The panels' filters (a tag, a speaker) narrow whatever the query finds.
    QStringList filters;
    QVariantList values;
    for (const ArticleFilter &filter : articleQuery.filters) {
        Result<SqlFragment> fragment = filterFragment(filter);
        if (!fragment)
            return fragment.failure();
        filters.append(u'(' + fragment->sql + u')');
        values += fragment->values;
    }
    const QString filter = filters.join(u" AND "_s);
    const QString limit
        = articleQuery.limit > 0 ? u" LIMIT %1"_s.arg(articleQuery.limit) : QString();
    if (match.isEmpty()) {
        return idList(u"SELECT a.id FROM articles a "_s
                + (filter.isEmpty() ? QString() : u"WHERE "_s + filter) + u" ORDER BY "_s
                + orderClause(articleQuery) + limit,
            values);
    }
    // Articles match by their own text, and by what the layers above keep of them (the text
    // and notes of their highlights).
    QStringList extraSources;
    QVariantList extraValues;
    for (const LibraryHooks::TextMatch &hook : LibraryHooks::textMatches()) {
        const SqlFragment fragment = hook(match);
        extraSources.append(fragment.sql);
        extraValues += fragment.values;
    }
    if (articleQuery.sort == ArticleSort::Relevance) {
        Result<QList<qint64>> ranked = rankedMatches(match);
        if (!ranked)
            return ranked;
        QSet<qint64> seen(ranked->cbegin(), ranked->cend());
        if (!extraSources.isEmpty()) {
            Result<QList<qint64>> annotated
                = idList(extraSources.join(u" UNION "_s), extraValues);
            if (!annotated)
                return annotated;
            for (qint64 id : std::as_const(*annotated)) {
                if (!seen.contains(id)) {
                    seen.insert(id);
                    ranked->append(id);
                }
            }
        }
        if (filter.isEmpty())
            return ranked;
        Result<QList<qint64>> narrowed
            = idList(u"SELECT a.id FROM articles a WHERE "_s + filter, values);
        if (!narrowed)
            return narrowed;
        const QSet<qint64> allowed(narrowed->cbegin(), narrowed->cend());
        QList<qint64> filtered;
        for (qint64 id : std::as_const(*ranked)) {
            if (allowed.contains(id))
                filtered.append(id);
        }
        return filtered;
    }
    QVariantList all { match };
    all += extraValues;
    all += values;
    QString matching = u"a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"_s;
    for (const QString &source : std::as_const(extraSources))
        matching += u" OR a.id IN ("_s + source + u')';
    return idList(u"SELECT a.id FROM articles a WHERE ("_s + matching + u')'
            + (filter.isEmpty() ? QString() : u" AND "_s + filter) + u" ORDER BY "_s
            + orderClause(articleQuery) + limit,
        all);
}

Result<QList<ArticleSummary>> LibraryStore::summaries(
    const QList<qint64> &ids, const QString &queryText) const
{
    QList<ArticleSummary> result;
    if (ids.isEmpty())
        return result;
    // SQLite caps bound values per statement; large requests go in slices.
    constexpr qsizetype Slice = 500;
    QHash<qint64, ArticleSummary> found;
    found.reserve(ids.size());
    const QString match = FtsQuery::fromUserText(queryText);
    for (qsizetype start = 0; start < ids.size(); start += Slice) {
        const QList<qint64> slice = ids.mid(start, Slice);
        Result<QSqlQuery> queryStatement
            = prepared(u"SELECT id, title, date, source_label, words FROM articles WHERE id IN ("_s
                + placeholders(slice.size()) + u')');
        if (!queryStatement)
            return queryStatement.failure();
        QSqlQuery &query = *queryStatement;
        for (qsizetype i = 0; i < slice.size(); ++i)
            query.bindValue(int(i), slice.at(i));
        if (auto ran = Sql::exec(query); !ran)
            return ran.failure();
        while (query.next()) {
            const ArticleSummary summary = summaryFrom(query);
            found.insert(summary.id, summary);
        }
        if (match.isEmpty())
            continue;
        Result<QSqlQuery> snippetsStatement
            = prepared(u"SELECT rowid, snippet(articles_fts, -1, ?, ?, '…', 12) FROM "
                       "articles_fts WHERE articles_fts MATCH ? AND rowid IN ("_s
                + placeholders(slice.size()) + u')');
        if (!snippetsStatement)
            return snippetsStatement.failure();
        QSqlQuery &snippets = *snippetsStatement;
        snippets.bindValue(0, QString(QChar(FtsQuery::SnippetStart)));
        snippets.bindValue(1, QString(QChar(FtsQuery::SnippetEnd)));
        snippets.bindValue(2, match);
        for (qsizetype i = 0; i < slice.size(); ++i)
            snippets.bindValue(int(i) + 3, slice.at(i));
        if (auto ran = Sql::exec(snippets); !ran)
            return ran.failure();
        while (snippets.next()) {
            auto it = found.find(snippets.value(0).toLongLong());
            if (it != found.end())
                it->snippet = snippets.value(1).toString().replace(u'\n', u' ');
        }
    }
    result.reserve(ids.size());
    for (qint64 id : ids) {
        auto it = found.constFind(id);
        if (it != found.constEnd())
            result.append(*it);
    }
    return result;
}

Result<QList<SearchHit>> LibraryStore::search(const QString &queryText, int limit) const
{
    const QString match = FtsQuery::fromUserText(queryText);
    if (match.isEmpty())
        return ResultError(tr("The search has no words to look for."));
    Result<QList<qint64>> ranked = rankedMatches(match);
    if (!ranked)
        return ranked.failure();
    Result<QList<ArticleSummary>> found = summaries(ranked->mid(0, limit), queryText);
    if (!found)
        return found.failure();
    QList<SearchHit> hits;
    double position = 0;
    for (const ArticleSummary &summary : std::as_const(*found))
        hits.append({ summary, ++position });
    return hits;
}

Result<QList<qint64>> LibraryStore::articlesWithHashPrefix(const QString &prefix) const
{
    if (prefix.size() < 8)
        return QList<qint64>();
    // A range on the hash index: every hash that starts with the prefix sorts between these.
    return idList(u"SELECT id FROM articles WHERE content_hash >= ? AND content_hash < ?"_s,
        { prefix.toLower(), QString(prefix.toLower() + u'g') });
}

Result<QList<qint64>> LibraryStore::articlesWithSource(const QString &path) const
{
    return idList(
        u"SELECT id FROM articles WHERE source_path = ? ORDER BY source_index"_s, { path });
}

Result<QList<qint64>> LibraryStore::articlesWithUrl(const QString &url) const
{
    return idList(u"SELECT id FROM articles WHERE url = ?"_s, { url });
}

Result<QList<qint64>> LibraryStore::articlesWithTitle(const QString &title) const
{
    return idList(u"SELECT id FROM articles WHERE title = ? COLLATE NOCASE"_s, { title });
}

Result<int> LibraryStore::articleCount() const
{
    const Result<QVariant> count = Sql::scalar(m_connection, u"SELECT count(*) FROM articles"_s);
    if (!count)
        return count.failure();
    return count->toInt();
}

Result<LibraryStats> LibraryStore::stats() const
{
    Result<QSqlQuery> queryStatement
        = prepared(u"SELECT count(*), coalesce(sum(words), 0), count(DISTINCT source_path), "
                   "sum(date IS NULL), min(date), max(date) FROM articles"_s);
    if (!queryStatement)
        return queryStatement.failure();
    QSqlQuery &query = *queryStatement;
    if (auto ran = Sql::exec(query); !ran)
        return ran.failure();
    LibraryStats stats;
    if (query.next()) {
        stats.articles = query.value(0).toInt();
        stats.words = query.value(1).toLongLong();
        stats.sourceFiles = query.value(2).toInt();
        stats.undated = query.value(3).toInt();
        stats.oldest = QDate::fromString(query.value(4).toString(), Qt::ISODate);
        stats.newest = QDate::fromString(query.value(5).toString(), Qt::ISODate);
    }
    query.finish();
    for (const LibraryHooks::Counter &counter : LibraryHooks::counters()) {
        const Result<QVariant> value = Sql::scalar(m_connection, counter.sql);
        if (!value)
            return value.failure();
        stats.counts.append({ counter.name, value->toLongLong() });
    }
    return stats;
}
