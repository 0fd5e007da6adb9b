#include "librarycheck.h"
#include "librarystore.h"
#include "pagesalvage.h"
#include "schema.h"
#include "sqlhelpers.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace LibraryCheck {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LibraryCheck", text);
}

sqlite3 *handleOf(const QString &connection)
{
    const QVariant handle = QSqlDatabase::database(connection, false).driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

struct Deadline
{
    QElapsedTimer timer;
    qint64 budget = 0;
    const std::atomic_bool *cancel = nullptr;
    bool expired = false;
};

// SQLite calls this every few thousand steps of a statement; a non-zero answer interrupts it.
int progressed(void *data)
{
    auto *deadline = static_cast<Deadline *>(data);
    if ((deadline->budget > 0 && deadline->timer.elapsed() > deadline->budget)
        || (deadline->cancel && deadline->cancel->load())) {
        deadline->expired = true;
        return 1;
    }
    return 0;
}

/// Runs a check pragma under the deadline; its rows are the problems ("ok" when none).
Result<Outcome> runCheck(const QString &connection, const QString &pragma, Deadline &deadline)
{
    sqlite3 *handle = handleOf(connection);
    if (handle)
        sqlite3_progress_handler(handle, 10000, &progressed, &deadline);
    Outcome outcome;
    QSqlQuery query(QSqlDatabase::database(connection, false));
    query.setForwardOnly(true);
    const bool ran = query.exec(pragma);
    if (ran) {
        while (query.next()) {
            const QString line = query.value(0).toString();
            if (line != u"ok"_s)
                outcome.problems.append(line);
        }
    }
    const QSqlError error = query.lastError();
    query.finish();
    if (handle)
        sqlite3_progress_handler(handle, 0, nullptr, nullptr);
    if (deadline.expired) {
        outcome.complete = false;
        return outcome;
    }
    if (!ran || error.isValid()) {
        // A check that cannot even run found damage of its own kind.
        const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
        outcome.problems.append(text);
    }
    return outcome;
}

} // namespace

Result<Outcome> quick(const QString &connection, int budgetMs)
{
    Deadline deadline;
    deadline.timer.start();
    deadline.budget = budgetMs;
    return runCheck(connection, u"PRAGMA quick_check(20)"_s, deadline);
}

Result<Outcome> full(const QString &connection, const std::atomic_bool *cancel)
{
    if (cancel && cancel->load())
        return Outcome { false, {} };
    Deadline deadline;
    deadline.timer.start();
    deadline.cancel = cancel;
    Result<Outcome> pages = runCheck(connection, u"PRAGMA integrity_check(20)"_s, deadline);
    if (!pages || !pages->complete || !pages->problems.isEmpty())
        return pages;
    // The full-text indexes must agree with the text: a damaged index would hide articles.
    for (const QString &index : { u"articles_fts"_s, u"highlights_fts"_s }) {
        if (cancel && cancel->load())
            return Outcome { false, {} };
        Deadline again;
        again.timer.start();
        again.cancel = cancel;
        Result<Outcome> agrees = runCheck(connection,
            u"INSERT INTO %1(%1) VALUES('integrity-check')"_s.arg(index), again);
        if (!agrees || !agrees->complete || !agrees->problems.isEmpty()) {
            if (agrees && !agrees->problems.isEmpty())
                agrees->problems.prepend(tr("the search index %1 does not match the text").arg(index));
            return agrees;
        }
    }
    return pages;
}

QString describe(const QString &path, const Outcome &outcome)
{
    // SQLite's report is lines of page numbers; the first real one says enough for a sentence.
    QString first;
    for (const QString &problem : outcome.problems) {
        for (const QString &line : problem.split(u'\n', Qt::SkipEmptyParts)) {
            if (!line.startsWith(u"***"_s)) {
                first = line.trimmed();
                break;
            }
        }
        if (!first.isEmpty())
            break;
    }
    if (first.size() > 120)
        first = first.left(117) + u"…"_s;
    return tr("“%1” is damaged (SQLite: %2); Gloss will not write to it.").arg(path, first);
}

namespace {

QStringList columnsOf(const QString &connection, const QString &table)
{
    QStringList columns;
    QSqlQuery query(QSqlDatabase::database(connection, false));
    if (query.exec(u"PRAGMA table_info(%1)"_s.arg(table))) {
        while (query.next())
            columns.append(query.value(1).toString());
    }
    return columns;
}

/// Copies the rows of one table that can still be read. Ordinary tables are read by rowid
/// ranges, skipping forward past ranges that fail (a damaged page); tables without rowid are
/// read until they fail.
qint64 salvageTable(const QString &from, const QString &to, const QString &table, bool hasRowid)
{
    const QStringList source = columnsOf(from, table);
    const QStringList target = columnsOf(to, table);
    QStringList shared;
    for (const QString &column : source) {
        if (target.contains(column))
            shared.append(column);
    }
    if (shared.isEmpty())
        return 0;
    const QString list = shared.join(u", "_s);
    QSqlQuery insert(QSqlDatabase::database(to, false));
    insert.prepare(u"INSERT OR IGNORE INTO %1 (%2) VALUES (%3)"_s.arg(table, list,
        QStringList(shared.size(), u"?"_s).join(u',')));
    qint64 copied = 0;
    auto copyRows = [&](QSqlQuery &rows) {
        while (rows.next()) {
            for (int i = 0; i < shared.size(); ++i)
                insert.bindValue(i, rows.value(hasRowid ? i + 1 : i));
            if (insert.exec())
                ++copied;
        }
    };
    QSqlDatabase source_db = QSqlDatabase::database(from, false);
    if (!hasRowid) {
        QSqlQuery rows(source_db);
        rows.setForwardOnly(true);
        if (rows.exec(u"SELECT %1 FROM %2"_s.arg(list, table)))
            copyRows(rows);
        return copied;
    }
    qint64 last = -1;
    {
        QSqlQuery top(source_db);
        if (top.exec(u"SELECT max(rowid) FROM %1"_s.arg(table)) && top.next())
            last = top.value(0).toLongLong();
        else
            last = std::numeric_limits<qint32>::max();
    }
    qint64 next = std::numeric_limits<qint64>::min();
    qint64 skip = 1;
    while (next <= last) {
        QSqlQuery rows(source_db);
        rows.setForwardOnly(true);
        rows.prepare(u"SELECT rowid, %1 FROM %2 WHERE rowid >= ? ORDER BY rowid LIMIT 500"_s.arg(list, table));
        rows.addBindValue(next);
        if (!rows.exec()) {
            next += skip;
            skip *= 2;
            continue;
        }
        qint64 seen = next - 1;
        bool any = false;
        while (rows.next()) {
            any = true;
            seen = rows.value(0).toLongLong();
            for (int i = 0; i < shared.size(); ++i)
                insert.bindValue(i, rows.value(i + 1));
            if (insert.exec())
                ++copied;
        }
        if (rows.lastError().isValid()) {
            // A damaged page inside the range: go on past what was read, further each time.
            next = std::max(seen + 1, next + skip);
            skip *= 2;
            continue;
        }
        if (!any)
            break;
        skip = 1;
        next = seen + 1;
    }
    return copied;
}

/// The trees of the damaged file, read from its schema, for the page scan.
struct SourceTrees
{
    QList<PageSalvage::Table> tables;
    QList<qint64> roots;
};

SourceTrees schemaOf(const QString &connection, const QStringList &salvaged)
{
    SourceTrees schema;
    QSqlQuery query(QSqlDatabase::database(connection, false));
    if (!query.exec(u"SELECT type, name, rootpage, sql FROM sqlite_master WHERE rootpage > 0"_s))
        return schema;
    while (query.next()) {
        const qint64 root = query.value(2).toLongLong();
        schema.roots.append(root);
        const QString sql = query.value(3).toString();
        if (query.value(0).toString() != u"table"_s
            || sql.contains(u"WITHOUT ROWID"_s, Qt::CaseInsensitive))
            continue;
        PageSalvage::Table table;
        table.name = query.value(1).toString();
        table.rootPage = root;
        table.salvage = salvaged.contains(table.name);
        QSqlQuery info(QSqlDatabase::database(connection, false));
        if (!info.exec(u"PRAGMA table_info(\"%1\")"_s.arg(table.name)))
            continue;
        int keys = 0;
        while (info.next()) {
            PageSalvage::Column column;
            column.name = info.value(1).toString();
            column.type = info.value(2).toString();
            column.notNull = info.value(3).toBool();
            column.hasDefault = !info.value(4).isNull();
            column.rowidAlias = info.value(5).toInt() == 1
                && column.type.compare(u"INTEGER"_s, Qt::CaseInsensitive) == 0;
            keys += info.value(5).toInt() > 0 ? 1 : 0;
            table.columns.append(column);
        }
        if (keys > 1) {
            for (PageSalvage::Column &column : table.columns)
                column.rowidAlias = false;
        }
        schema.tables.append(table);
    }
    return schema;
}

/// Rows below a damaged interior page are whole but no longer reachable by SQL: they are read
/// from the pages themselves and added where SQL did not already bring them.
qint64 salvagePages(const QString &from, const QString &to, const QString &path,
    const QStringList &salvaged)
{
    const SourceTrees schema = schemaOf(from, salvaged);
    if (schema.tables.isEmpty())
        return 0;
    QHash<QString, QStringList> targetColumns;
    QHash<QString, std::shared_ptr<QSqlQuery>> inserts;
    qint64 added = 0;
    const auto take = [&](const PageSalvage::Table &table, const PageSalvage::Row &row) {
        // Rows from before a column was added hold fewer values: one statement per shape.
        std::shared_ptr<QSqlQuery> &insert
            = inserts[table.name + u':' + QString::number(row.values.size())];
        QList<int> positions;
        QStringList names;
        const QStringList target = targetColumns.contains(table.name)
            ? targetColumns.value(table.name)
            : (targetColumns[table.name] = columnsOf(to, table.name));
        for (int i = 0; i < row.values.size(); ++i) {
            if (!table.columns.at(i).rowidAlias && target.contains(table.columns.at(i).name)) {
                positions.append(i);
                names.append(table.columns.at(i).name);
            }
        }
        if (!insert) {
            insert = std::make_shared<QSqlQuery>(QSqlDatabase::database(to, false));
            insert->prepare(u"INSERT OR IGNORE INTO %1 (rowid, %2) VALUES (?, %3)"_s.arg(
                table.name, names.join(u", "_s), QStringList(names.size(), u"?"_s).join(u',')));
        }
        insert->bindValue(0, row.rowid);
        for (int i = 0; i < positions.size(); ++i)
            insert->bindValue(i + 1, row.values.at(positions.at(i)));
        if (insert->exec() && insert->numRowsAffected() > 0)
            ++added;
    };
    (void)PageSalvage::scan(path, schema.tables, schema.roots, take);
    return added;
}

} // namespace

Result<Recovered> recover(const QString &damaged, const QString &target,
    const std::function<void(const QString &step)> &progress)
{
    if (QFileInfo::exists(target))
        return ResultError(tr("“%1” already exists; choose a new file for the recovered library.")
                               .arg(target),
            ErrorKind::Conflict);
    if (progress)
        progress(tr("Creating the new library…"));
    Result<std::unique_ptr<LibraryStore>> fresh = LibraryStore::open(target);
    if (!fresh)
        return fresh.failure();
    const QString to = (*fresh)->connectionName();
    const QString from = u"gloss-recovering-%1"_s.arg(quintptr(fresh->get()));
    Recovered recovered;
    recovered.path = (*fresh)->path();
    {
        QSqlDatabase source = QSqlDatabase::addDatabase(u"QSQLITE"_s, from);
        source.setDatabaseName(damaged);
        source.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (!source.open()) {
            const QString reason = source.lastError().text();
            source = QSqlDatabase();
            QSqlDatabase::removeDatabase(from);
            return ResultError(tr("“%1” cannot be read at all: %2").arg(damaged, reason),
                ErrorKind::Damaged);
        }
        (void)Sql::run(to, u"PRAGMA foreign_keys = OFF"_s);
        (void)Sql::run(to, u"BEGIN"_s);
        // The user's data, parents first; what is derived from it (search indexes, the speaker
        // index) is made again rather than copied.
        const QList<QPair<QString, bool>> tables = { { u"articles"_s, true },
            { u"article_texts"_s, true }, { u"tags"_s, true }, { u"highlights"_s, true },
            { u"highlight_tags"_s, false }, { u"palette_names"_s, false },
            { u"speaker_corrections"_s, false } };
        for (const auto &[table, rowid] : tables) {
            if (progress)
                progress(tr("Reading %1…").arg(table));
            (void)salvageTable(from, to, table, rowid);
        }
        if (progress)
            progress(tr("Reading the pages no table reaches…"));
        QStringList withRowid;
        for (const auto &[table, rowid] : tables) {
            if (rowid)
                withRowid.append(table);
        }
        (void)salvagePages(from, to, damaged, withRowid);
        // Rows whose parents were lost cannot be shown; an article needs its text.
        for (const QString &orphans :
            { u"DELETE FROM articles WHERE id NOT IN (SELECT id FROM article_texts)"_s,
                u"DELETE FROM article_texts WHERE id NOT IN (SELECT id FROM articles)"_s,
                u"DELETE FROM highlights WHERE article_id NOT IN (SELECT id FROM articles)"_s,
                u"DELETE FROM tags WHERE parent_id IS NOT NULL AND parent_id NOT IN (SELECT id FROM tags)"_s,
                u"DELETE FROM highlight_tags WHERE highlight_id NOT IN (SELECT id FROM highlights) "
                "OR tag_id NOT IN (SELECT id FROM tags)"_s,
                u"DELETE FROM speaker_corrections WHERE article_id NOT IN (SELECT id FROM articles)"_s })
            (void)Sql::run(to, orphans);
        if (progress)
            progress(tr("Rebuilding the search index…"));
        (void)Sql::run(to, u"INSERT INTO articles_fts(articles_fts) VALUES('rebuild')"_s);
        (void)Sql::run(to, u"INSERT INTO highlights_fts(highlights_fts) VALUES('rebuild')"_s);
        if (auto committed = Sql::run(to, u"COMMIT"_s); !committed) {
            source.close();
            source = QSqlDatabase();
            QSqlDatabase::removeDatabase(from);
            return committed.failure();
        }
        (void)Sql::run(to, u"PRAGMA foreign_keys = ON"_s);
        source.close();
    }
    QSqlDatabase::removeDatabase(from);
    recovered.articles = Sql::scalar(to, u"SELECT count(*) FROM articles"_s).valueOr(0).toLongLong();
    recovered.highlights
        = Sql::scalar(to, u"SELECT count(*) FROM highlights"_s).valueOr(0).toLongLong();
    recovered.tags = Sql::scalar(to, u"SELECT count(*) FROM tags"_s).valueOr(0).toLongLong();
    Result<Outcome> checked = full(to, nullptr);
    if (!checked)
        return checked.failure();
    if (!checked->problems.isEmpty())
        return ResultError(tr("The recovered library failed its own check: %1")
                               .arg(checked->problems.front()),
            ErrorKind::Damaged);
    return recovered;
}

} // namespace LibraryCheck
