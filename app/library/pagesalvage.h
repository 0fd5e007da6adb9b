#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <optional>

/// Rows read straight from the pages of a damaged SQLite file, for the rows SQL can no longer
/// reach: when an interior page of a table is overwritten, every leaf below it is cut off from
/// the tree, though its rows are whole. This follows SQLite's documented file format (the
/// "Database File Format" page): it walks every tree that is still whole and the freelist, and
/// reads the table leaf pages that belong to neither, as SQLite's own recovery does.
///
/// Only tables with rowids are read this way; their leaf pages say what they are. A page is
/// given to a table only when its rows fit that table's columns and no other table's.
namespace PageSalvage {

struct Column
{
    QString name;
    QString type; ///< declared type, for its affinity
    bool notNull = false;
    bool rowidAlias = false; ///< INTEGER PRIMARY KEY: stored as NULL, the rowid holds it
    bool hasDefault = false; ///< rows written before the column was added do without it
};

struct Table
{
    QString name;
    qint64 rootPage = 0;
    QList<Column> columns;
    bool salvage = false; ///< the caller wants its rows; others only help tell pages apart
};

/// One row found on an orphaned page: its rowid and its values, in column order.
struct Row
{
    qint64 rowid = 0;
    QList<QVariant> values;
};

struct Found
{
    int orphanPages = 0; ///< table leaf pages no whole tree reaches
    int placedPages = 0; ///< of those, the pages given to a table
    qint64 rows = 0;
};

/// Reads the file (and a write-ahead log beside it, committed frames only). roots lists every
/// tree of the schema, tables and indexes, so their pages are known not to be orphans. Calls
/// take(table, row) for each row of an orphaned page given to a salvaged table. Returns
/// nothing when the file cannot be read as SQLite at all.
std::optional<Found> scan(const QString &path, const QList<Table> &tables,
    const QList<qint64> &roots,
    const std::function<void(const Table &table, const Row &row)> &take);

} // namespace PageSalvage
