#include "sqlhelpers.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {

// SQLite's primary result codes (the low byte of an extended code), as QSQLITE reports them.
constexpr int SqliteBusy = 5;
constexpr int SqliteLocked = 6;
constexpr int SqliteReadOnly = 8;
constexpr int SqliteCorrupt = 11;
constexpr int SqliteFull = 13;
constexpr int SqliteCannotOpen = 14;
constexpr int SqliteConstraint = 19;
constexpr int SqliteNotADatabase = 26;

ErrorKind kindOf(const QSqlError &error)
{
    bool numeric = false;
    const int code = error.nativeErrorCode().toInt(&numeric);
    if (!numeric)
        return ErrorKind::Database;
    switch (code & 0xff) {
    case SqliteBusy:
    case SqliteLocked:
        return ErrorKind::Busy;
    case SqliteReadOnly:
        return ErrorKind::ReadOnly;
    case SqliteCorrupt:
    case SqliteNotADatabase:
        return ErrorKind::Damaged;
    case SqliteConstraint:
        return ErrorKind::Conflict;
    case SqliteFull:
    case SqliteCannotOpen:
        return ErrorKind::Io;
    default:
        return ErrorKind::Database;
    }
}

ResultError reason(const QSqlError &error)
{
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return ResultError(
        QCoreApplication::translate("Sql", "The library could not be read or written (%1).")
            .arg(text),
        kindOf(error));
}

} // namespace

namespace Sql {

Result<void> prepare(QSqlQuery &query, const QString &statement)
{
    if (!query.prepare(statement))
        return reason(query.lastError());
    return {};
}

Result<void> exec(QSqlQuery &query)
{
    if (!query.exec())
        return reason(query.lastError());
    return {};
}

Result<void> run(const QString &connection, const QString &statement)
{
    QSqlQuery query(QSqlDatabase::database(connection, false));
    if (auto prepared = prepare(query, statement); !prepared)
        return prepared;
    return exec(query);
}

Result<QVariant> scalar(const QString &connection, const QString &statement)
{
    QSqlQuery query(QSqlDatabase::database(connection, false));
    query.setForwardOnly(true);
    if (auto prepared = prepare(query, statement); !prepared)
        return prepared.failure();
    if (auto ran = exec(query); !ran)
        return ran.failure();
    if (!query.next())
        return QVariant();
    return query.value(0);
}

Result<QSqlQuery> query(
    const QString &connection, const QString &statement, const QVariantList &values)
{
    QSqlQuery query(QSqlDatabase::database(connection, false));
    query.setForwardOnly(true);
    if (auto prepared = prepare(query, statement); !prepared)
        return prepared.failure();
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (auto ran = exec(query); !ran)
        return ran.failure();
    return query;
}

Result<QList<qint64>> ids(
    const QString &connection, const QString &statement, const QVariantList &values)
{
    Result<QSqlQuery> rows = query(connection, statement, values);
    if (!rows)
        return rows.failure();
    QList<qint64> result;
    while (rows->next())
        result.append(rows->value(0).toLongLong());
    return result;
}

QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QString(0, QChar())) : QVariant(value);
}

} // namespace Sql

StatementCache::StatementCache(QString connection)
    : m_connection(std::move(connection))
{ }

StatementCache::~StatementCache()
{
    clear();
}

void StatementCache::clear()
{
    m_statements.clear();
}

Result<QSqlQuery *> StatementCache::prepared(const QString &statement)
{
    if (const auto found = m_statements.find(statement); found != m_statements.end())
        return found->second.get();
    auto query = std::make_unique<QSqlQuery>(QSqlDatabase::database(m_connection, false));
    query->setForwardOnly(true);
    if (auto ready = Sql::prepare(*query, statement); !ready)
        return ready.failure();
    QSqlQuery *made = query.get();
    m_statements.emplace(statement, std::move(query));
    return made;
}

Result<QSqlQuery *> StatementCache::run(const QString &statement, const QVariantList &values)
{
    Result<QSqlQuery *> query = prepared(statement);
    if (!query)
        return query;
    (*query)->finish();
    for (int i = 0; i < values.size(); ++i)
        (*query)->bindValue(i, values.at(i));
    if (auto ran = Sql::exec(**query); !ran)
        return ran.failure();
    return query;
}

ScopedTransaction::ScopedTransaction(QString connection)
    : m_connection(std::move(connection))
    , m_began(Sql::run(m_connection, u"BEGIN IMMEDIATE"_s))
    , m_open(m_began.ok())
{ }

ScopedTransaction::~ScopedTransaction()
{
    if (m_open)
        (void)Sql::run(m_connection, u"ROLLBACK"_s);
}

Result<void> ScopedTransaction::commit()
{
    if (!m_open)
        return m_began.ok() ? Result<void>() : m_began;
    Result<void> committed = Sql::run(m_connection, u"COMMIT"_s);
    if (committed)
        m_open = false;
    return committed;
}

ScopedSavepoint::ScopedSavepoint(QString connection, QString name)
    : m_connection(std::move(connection))
    , m_name(std::move(name))
    , m_began(Sql::run(m_connection, u"SAVEPOINT "_s + m_name))
    , m_open(m_began.ok())
{ }

ScopedSavepoint::~ScopedSavepoint()
{
    if (m_open) {
        (void)Sql::run(m_connection, u"ROLLBACK TO "_s + m_name);
        (void)Sql::run(m_connection, u"RELEASE "_s + m_name);
    }
}

Result<void> ScopedSavepoint::release()
{
    if (!m_open)
        return m_began;
    Result<void> released = Sql::run(m_connection, u"RELEASE "_s + m_name);
    if (released)
        m_open = false;
    return released;
}
