#pragma once

#include "core/result.h"

#include <QSqlQuery>
#include <QString>
#include <QVariantList>

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
