#pragma once

#include "core/result.h"

#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <map>
#include <memory>

/// Small helpers that keep every statement prepared and every failure a sentence.
namespace Sql {

/// Prepares a statement on the named connection; fails with the driver's reason.
[[nodiscard]] Result<void> prepare(QSqlQuery &query, const QString &statement);
/// Runs a prepared statement; fails with the driver's reason.
[[nodiscard]] Result<void> exec(QSqlQuery &query);
/// Prepares and runs a statement that takes no values (PRAGMA, BEGIN, DDL).
[[nodiscard]] Result<void> run(const QString &connection, const QString &statement);
/// Runs a one-value query and returns that value.
[[nodiscard]] Result<QVariant> scalar(const QString &connection, const QString &statement);
/// Prepares a forward-only statement, binds the values in order and runs it.
[[nodiscard]] Result<QSqlQuery> query(
    const QString &connection, const QString &statement, const QVariantList &values = {});
/// The first column of every row, as ids.
[[nodiscard]] Result<QList<qint64>> ids(
    const QString &connection, const QString &statement, const QVariantList &values = {});
/// A string for a NOT NULL column: a null QString would bind as NULL.
QVariant text(const QString &value);

} // namespace Sql

/// Statements prepared once on a connection and reused: statements run for every article of an
/// import or an indexing pass should not be parsed again each time. Must be destroyed before
/// the connection is closed.
class StatementCache
{
public:
    explicit StatementCache(QString connection);
    ~StatementCache();
    Q_DISABLE_COPY_MOVE(StatementCache)

    /// The statement, prepared on first use.
    [[nodiscard]] Result<QSqlQuery *> prepared(const QString &statement);
    /// The statement with these values bound, run; read its rows before the next call.
    [[nodiscard]] Result<QSqlQuery *> run(const QString &statement, const QVariantList &values);
    void clear();

private:
    QString m_connection;
    std::map<QString, std::unique_ptr<QSqlQuery>> m_statements;
};

/// Opens a transaction that rolls back unless commit() succeeds, so an early return or a failed
/// statement can never leave half a change in the library.
class ScopedTransaction
{
public:
    explicit ScopedTransaction(QString connection);
    ~ScopedTransaction();
    Q_DISABLE_COPY_MOVE(ScopedTransaction)

    [[nodiscard]] const Result<void> &began() const { return m_began; }
    [[nodiscard]] Result<void> commit();

private:
    QString m_connection;
    Result<void> m_began;
    bool m_open = false;
};

/// A nested, named unit inside a transaction (SQLite SAVEPOINT): one article of an import batch
/// rolls back alone when it fails.
class ScopedSavepoint
{
public:
    ScopedSavepoint(QString connection, QString name);
    ~ScopedSavepoint();
    Q_DISABLE_COPY_MOVE(ScopedSavepoint)

    [[nodiscard]] const Result<void> &began() const { return m_began; }
    [[nodiscard]] Result<void> release();

private:
    QString m_connection;
    QString m_name;
    Result<void> m_began;
    bool m_open = false;
};
