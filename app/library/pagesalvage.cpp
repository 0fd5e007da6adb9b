#include "pagesalvage.h"

#include <QFile>
#include <QHash>
#include <QSet>

#include <cstring>

namespace PageSalvage {

namespace {

// Page types, from the first byte of a b-tree page's header.
constexpr quint8 InteriorIndex = 0x02;
constexpr quint8 InteriorTable = 0x05;
constexpr quint8 LeafIndex = 0x0A;
constexpr quint8 LeafTable = 0x0D;

quint32 bigEndian(const char *data, int bytes)
{
    quint32 value = 0;
    for (int i = 0; i < bytes; ++i)
        value = (value << 8) | quint8(data[i]);
    return value;
}

/// SQLite's variable-length integer: up to nine bytes, big-endian, seven bits each but the
/// ninth, which gives all eight. Returns the bytes used, 0 when it runs past the end.
int readVarint(const char *data, qsizetype available, qint64 &value)
{
    quint64 result = 0;
    for (int i = 0; i < 9; ++i) {
        if (i >= available)
            return 0;
        const quint8 byte = quint8(data[i]);
        if (i == 8) {
            result = (result << 8) | byte;
            value = qint64(result);
            return 9;
        }
        result = (result << 7) | (byte & 0x7F);
        if (!(byte & 0x80)) {
            value = qint64(result);
            return i + 1;
        }
    }
    return 0;
}

/// The file as pages, with the newest committed copy of each page from the write-ahead log.
class PageFile
{
public:
    bool open(const QString &path)
    {
        m_file.setFileName(path);
        if (!m_file.open(QIODevice::ReadOnly))
            return false;
        const QByteArray header = m_file.read(100);
        if (header.size() < 100 || !header.startsWith(QByteArrayView("SQLite format 3\0", 16)))
            return false;
        m_pageSize = bigEndian(header.constData() + 16, 2);
        if (m_pageSize == 1)
            m_pageSize = 65536;
        if (m_pageSize < 512 || m_pageSize > 65536 || (m_pageSize & (m_pageSize - 1)))
            return false;
        m_usable = m_pageSize - quint8(header[20]);
        if (m_usable < 480)
            return false;
        m_firstFreelistTrunk = bigEndian(header.constData() + 32, 4);
        m_pageCount = m_file.size() / m_pageSize;
        readLog(path + QStringLiteral("-wal"));
        return true;
    }

    qint64 pageCount() const { return m_pageCount; }
    qint64 usable() const { return m_usable; }
    quint32 firstFreelistTrunk() const { return m_firstFreelistTrunk; }

    /// The page's bytes, or empty when it is past the end.
    QByteArray page(qint64 number)
    {
        if (number < 1 || number > m_pageCount)
            return {};
        QFile *source = &m_file;
        qint64 offset = (number - 1) * m_pageSize;
        if (const auto logged = m_logged.constFind(number); logged != m_logged.cend()) {
            source = &m_log;
            offset = *logged;
        }
        if (!source->seek(offset))
            return {};
        QByteArray bytes = source->read(m_pageSize);
        return bytes.size() == m_pageSize ? bytes : QByteArray();
    }

private:
    /// Takes the frames of each committed transaction in the log whose salts match its
    /// header; frames after the last commit, or left from an older log, are not data.
    void readLog(const QString &path)
    {
        m_log.setFileName(path);
        if (!m_log.open(QIODevice::ReadOnly))
            return;
        const QByteArray header = m_log.read(32);
        if (header.size() < 32 || bigEndian(header.constData() + 8, 4) != quint32(m_pageSize))
            return;
        const QByteArray salts = header.mid(16, 8);
        QHash<qint64, qint64> pending;
        qint64 offset = 32;
        for (;;) {
            if (!m_log.seek(offset))
                break;
            const QByteArray frame = m_log.read(24);
            if (frame.size() < 24 || frame.mid(8, 8) != salts)
                break;
            const qint64 number = bigEndian(frame.constData(), 4);
            const quint32 committedSize = bigEndian(frame.constData() + 4, 4);
            if (offset + 24 + m_pageSize > m_log.size())
                break;
            pending.insert(number, offset + 24);
            if (committedSize != 0) {
                for (auto it = pending.cbegin(); it != pending.cend(); ++it)
                    m_logged.insert(it.key(), it.value());
                pending.clear();
                m_pageCount = std::max<qint64>(m_pageCount, committedSize);
            }
            offset += 24 + m_pageSize;
        }
    }

    QFile m_file;
    QFile m_log;
    QHash<qint64, qint64> m_logged; ///< page number → offset of its newest copy in the log
    qint64 m_pageSize = 0;
    qint64 m_usable = 0;
    qint64 m_pageCount = 0;
    quint32 m_firstFreelistTrunk = 0;
};

/// One b-tree page, with its header where the format puts it (after the file header on page 1).
struct BtreePage
{
    QByteArray bytes;
    int headerAt = 0;

    quint8 type() const { return quint8(bytes.at(headerAt)); }
    bool interior() const { return type() == InteriorIndex || type() == InteriorTable; }
    int cellCount() const { return int(bigEndian(bytes.constData() + headerAt + 3, 2)); }
    quint32 rightChild() const { return bigEndian(bytes.constData() + headerAt + 8, 4); }
    /// Where cell i starts, or -1 when its pointer points outside the page.
    int cell(int i) const
    {
        const int pointers = headerAt + (interior() ? 12 : 8);
        if (pointers + 2 * i + 2 > bytes.size())
            return -1;
        const int at = int(bigEndian(bytes.constData() + pointers + 2 * i, 2));
        return at > pointers && at < bytes.size() ? at : -1;
    }
};

bool validType(quint8 type)
{
    return type == InteriorIndex || type == InteriorTable || type == LeafIndex || type == LeafTable;
}

std::optional<BtreePage> btreePage(PageFile &file, qint64 number)
{
    BtreePage page;
    page.bytes = file.page(number);
    page.headerAt = number == 1 ? 100 : 0;
    if (page.bytes.isEmpty() || !validType(page.type()))
        return std::nullopt;
    return page;
}

/// A cell's payload: where its local part starts on the page, how long it is in all, and how
/// much of it is on the page (the rest follows on overflow pages).
struct Payload
{
    int start = 0;
    qint64 size = 0;
    qint64 local = 0;
    quint32 firstOverflow = 0;
};

/// Reads the payload header of the cell at `at`; the local share follows the format's formula
/// (different limits for table leaves and index pages).
std::optional<Payload> payloadAt(const BtreePage &page, int at, qint64 usable, qint64 *rowid)
{
    const char *data = page.bytes.constData();
    const qsizetype end = page.bytes.size();
    int offset = at;
    if (page.type() == InteriorTable)
        return std::nullopt;
    if (page.type() == InteriorIndex)
        offset += 4;
    Payload payload;
    int used = readVarint(data + offset, end - offset, payload.size);
    if (used == 0 || payload.size < 0)
        return std::nullopt;
    offset += used;
    if (page.type() == LeafTable) {
        qint64 id = 0;
        used = readVarint(data + offset, end - offset, id);
        if (used == 0)
            return std::nullopt;
        offset += used;
        if (rowid)
            *rowid = id;
    }
    const qint64 maxLocal = page.type() == LeafTable ? usable - 35 : ((usable - 12) * 64 / 255) - 23;
    const qint64 minLocal = ((usable - 12) * 32 / 255) - 23;
    payload.start = offset;
    if (payload.size <= maxLocal) {
        payload.local = payload.size;
    } else {
        const qint64 k = minLocal + ((payload.size - minLocal) % (usable - 4));
        payload.local = k <= maxLocal ? k : minLocal;
        if (offset + payload.local + 4 > end)
            return std::nullopt;
        payload.firstOverflow = bigEndian(data + offset + payload.local, 4);
    }
    if (offset + payload.local > end)
        return std::nullopt;
    return payload;
}

/// Follows an overflow chain, marking its pages; appends their content when `into` is given.
/// False when the chain is broken (a page missing, or a loop).
bool followOverflow(PageFile &file, const Payload &payload, QSet<qint64> &seen, QByteArray *into)
{
    qint64 remaining = payload.size - payload.local;
    quint32 next = payload.firstOverflow;
    while (remaining > 0) {
        if (next == 0 || seen.contains(next))
            return false;
        seen.insert(next);
        const QByteArray page = file.page(next);
        if (page.isEmpty())
            return false;
        const qint64 take = std::min<qint64>(remaining, file.usable() - 4);
        if (into)
            into->append(page.constData() + 4, take);
        remaining -= take;
        next = bigEndian(page.constData(), 4);
    }
    return true;
}

/// Marks every page a tree still reaches: its b-tree pages and their overflow chains.
void markTree(PageFile &file, qint64 root, QSet<qint64> &owned)
{
    QList<qint64> todo { root };
    while (!todo.isEmpty()) {
        const qint64 number = todo.takeLast();
        if (owned.contains(number))
            continue;
        const std::optional<BtreePage> page = btreePage(file, number);
        if (!page)
            continue; // the damage itself: what is below it becomes an orphan
        owned.insert(number);
        for (int i = 0; i < page->cellCount(); ++i) {
            const int at = page->cell(i);
            if (at < 0)
                continue;
            if (page->interior() && at + 4 <= page->bytes.size())
                todo.append(bigEndian(page->bytes.constData() + at, 4));
            if (const std::optional<Payload> payload = payloadAt(*page, at, file.usable(), nullptr);
                payload && payload->firstOverflow)
                (void)followOverflow(file, *payload, owned, nullptr);
        }
        if (page->interior())
            todo.append(page->rightChild());
    }
}

/// Marks the freelist: pages there held rows the user deleted, which must stay deleted.
void markFreelist(PageFile &file, QSet<qint64> &owned)
{
    quint32 trunk = file.firstFreelistTrunk();
    while (trunk != 0 && !owned.contains(trunk)) {
        const QByteArray page = file.page(trunk);
        if (page.size() < 8)
            return;
        owned.insert(trunk);
        const quint32 leaves = bigEndian(page.constData() + 4, 4);
        for (quint32 i = 0; i < leaves && 8 + 4 * qsizetype(i) + 4 <= page.size(); ++i)
            owned.insert(bigEndian(page.constData() + 8 + 4 * i, 4));
        trunk = bigEndian(page.constData(), 4);
    }
}

/// Decodes a record (the format's header of serial types, then the values). Text is UTF-8,
/// as Gloss's libraries are.
std::optional<QList<QVariant>> decodeRecord(const QByteArray &record)
{
    const char *data = record.constData();
    const qsizetype size = record.size();
    qint64 headerSize = 0;
    int used = readVarint(data, size, headerSize);
    if (used == 0 || headerSize < used || headerSize > size)
        return std::nullopt;
    QList<qint64> types;
    for (qsizetype at = used; at < headerSize;) {
        qint64 type = 0;
        const int n = readVarint(data + at, headerSize - at, type);
        if (n == 0 || type < 0 || type == 10 || type == 11)
            return std::nullopt;
        types.append(type);
        at += n;
    }
    QList<QVariant> values;
    qsizetype at = headerSize;
    for (const qint64 type : types) {
        static constexpr int integerBytes[] = { 0, 1, 2, 3, 4, 6, 8 };
        if (type == 0) {
            values.append(QVariant());
        } else if (type <= 6) {
            const int bytes = integerBytes[type];
            if (at + bytes > size)
                return std::nullopt;
            quint64 raw = 0;
            for (int i = 0; i < bytes; ++i)
                raw = (raw << 8) | quint8(data[at + i]);
            const int shift = 64 - 8 * bytes; // sign-extend from the stored width
            values.append(qint64(raw << shift) >> shift);
            at += bytes;
        } else if (type == 7) {
            if (at + 8 > size)
                return std::nullopt;
            quint64 raw = 0;
            for (int i = 0; i < 8; ++i)
                raw = (raw << 8) | quint8(data[at + i]);
            double real;
            std::memcpy(&real, &raw, sizeof real);
            values.append(real);
            at += 8;
        } else if (type == 8 || type == 9) {
            values.append(qint64(type - 8));
        } else {
            const qint64 bytes = (type - (type % 2 ? 13 : 12)) / 2;
            if (at + bytes > size)
                return std::nullopt;
            if (type % 2)
                values.append(QString::fromUtf8(data + at, bytes));
            else
                values.append(QByteArray(data + at, bytes));
            at += bytes;
        }
    }
    return values;
}

/// Whether a value can be stored in a column: the format keeps the type each value has, so a
/// row of another table shows itself by a text where this one has a number.
bool fits(const Column &column, const QVariant &value)
{
    if (column.rowidAlias)
        return !value.isValid(); // kept in the rowid, stored as NULL
    if (!value.isValid())
        return !column.notNull;
    const QString type = column.type.toUpper();
    const bool integer = value.typeId() == QMetaType::LongLong;
    const bool real = value.typeId() == QMetaType::Double;
    const bool text = value.typeId() == QMetaType::QString;
    // Affinity by the format's rules: INT, then CHAR/CLOB/TEXT, then BLOB or none, then REAL.
    if (type.contains(QLatin1String("INT")))
        return integer || real;
    if (type.contains(QLatin1String("CHAR")) || type.contains(QLatin1String("CLOB"))
        || type.contains(QLatin1String("TEXT")))
        return text;
    if (type.isEmpty() || type.contains(QLatin1String("BLOB")))
        return true;
    return integer || real;
}

bool rowFits(const Table &table, const QList<QVariant> &values)
{
    // A row written before a column was added (ALTER TABLE … ADD COLUMN) lacks it; such a
    // column always has a default or allows NULL. A row with more values is another table's.
    if (values.isEmpty() || values.size() > table.columns.size())
        return false;
    for (qsizetype i = values.size(); i < table.columns.size(); ++i) {
        const Column &missing = table.columns.at(i);
        if (missing.notNull && !missing.hasDefault)
            return false;
    }
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (!fits(table.columns.at(i), values.at(i)))
            return false;
    }
    return true;
}

} // namespace

std::optional<Found> scan(const QString &path, const QList<Table> &tables,
    const QList<qint64> &roots, const std::function<void(const Table &, const Row &)> &take)
{
    PageFile file;
    if (!file.open(path))
        return std::nullopt;
    QSet<qint64> owned { 1 };
    markTree(file, 1, owned);
    for (const qint64 root : roots)
        markTree(file, root, owned);
    markFreelist(file, owned);

    Found found;
    for (qint64 number = 2; number <= file.pageCount(); ++number) {
        if (owned.contains(number))
            continue;
        const std::optional<BtreePage> page = btreePage(file, number);
        if (!page || page->type() != LeafTable)
            continue;
        ++found.orphanPages;
        QList<Row> rows;
        bool readable = true;
        for (int i = 0; i < page->cellCount() && readable; ++i) {
            const int at = page->cell(i);
            Row row;
            const std::optional<Payload> payload
                = at < 0 ? std::nullopt : payloadAt(*page, at, file.usable(), &row.rowid);
            if (!payload) {
                readable = false;
                break;
            }
            QByteArray record(page->bytes.constData() + payload->start, payload->local);
            QSet<qint64> chain;
            if (payload->firstOverflow && !followOverflow(file, *payload, chain, &record))
                continue; // this row's tail is lost; the others on the page stand
            std::optional<QList<QVariant>> values = decodeRecord(record);
            if (!values) {
                readable = false;
                break;
            }
            row.values = std::move(*values);
            rows.append(std::move(row));
        }
        if (!readable || rows.isEmpty())
            continue;
        // The page goes to the one table all its rows fit; with two or none it stays unread.
        const Table *owner = nullptr;
        int fitting = 0;
        for (const Table &table : tables) {
            const bool all = std::all_of(rows.cbegin(), rows.cend(),
                [&](const Row &row) { return rowFits(table, row.values); });
            if (all) {
                owner = &table;
                ++fitting;
            }
        }
        if (fitting != 1 || !owner->salvage)
            continue;
        ++found.placedPages;
        for (const Row &row : std::as_const(rows)) {
            take(*owner, row);
            ++found.rows;
        }
    }
    return found;
}

} // namespace PageSalvage
