#include "sqlhelpers.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {

QString reason(const QSqlError &error)
{
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return QCoreApplication::translate("Sql", "The library could not be read or written (%1).")
        .arg(text);
}

} // namespace

namespace Sql {

Result<void> prepare(QSqlQuery &query, const QString &statement)
{
    if (!query.prepare(statement))
        return ResultError(reason(query.lastError()));
    return {};
}

Result<void> exec(QSqlQuery &query)
{
    if (!query.exec())
        return ResultError(reason(query.lastError()));
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
        return ResultError(prepared.error());
    if (auto ran = exec(query); !ran)
        return ResultError(ran.error());
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
        return ResultError(prepared.error());
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (auto ran = exec(query); !ran)
        return ResultError(ran.error());
    return query;
}

Result<QList<qint64>> ids(
    const QString &connection, const QString &statement, const QVariantList &values)
{
    Result<QSqlQuery> rows = query(connection, statement, values);
    if (!rows)
        return ResultError(rows.error());
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
        return ResultError(ready.error());
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
        return ResultError(ran.error());
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
