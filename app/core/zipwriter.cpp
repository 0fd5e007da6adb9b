#include "zipwriter.h"

#include <QtEndian>

#include <array>

namespace {

void put16(QByteArray &out, quint16 value)
{
    char bytes[2];
    qToLittleEndian(value, bytes);
    out.append(bytes, 2);
}

void put32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

constexpr quint16 Utf8NamesFlag = 0x0800;

} // namespace

quint32 ZipWriter::crc32(QByteArrayView data)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> entries {};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            entries[i] = c;
        }
        return entries;
    }();
    quint32 crc = 0xFFFFFFFFu;
    for (char byte : data)
        crc = table[(crc ^ quint8(byte)) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

void ZipWriter::addFile(const QString &name, const QByteArray &data, const QDateTime &modified)
{
    Entry entry;
    entry.name = name.toUtf8();
    entry.crc = crc32(data);
    entry.size = quint32(data.size());
    entry.offset = quint32(m_data.size());
    const QDateTime local = modified.toLocalTime();
    entry.time = quint16(
        (local.time().hour() << 11) | (local.time().minute() << 5) | (local.time().second() / 2));
    entry.date = quint16(((std::max(1980, local.date().year()) - 1980) << 9)
        | (local.date().month() << 5) | local.date().day());

    put32(m_data, 0x04034b50);
    put16(m_data, 20);
    put16(m_data, Utf8NamesFlag);
    put16(m_data, 0); // stored
    put16(m_data, entry.time);
    put16(m_data, entry.date);
    put32(m_data, entry.crc);
    put32(m_data, entry.size);
    put32(m_data, entry.size);
    put16(m_data, quint16(entry.name.size()));
    put16(m_data, 0);
    m_data += entry.name;
    m_data += data;
    m_entries.append(entry);
}

QByteArray ZipWriter::finish() const
{
    QByteArray out = m_data;
    const quint32 directoryStart = quint32(out.size());
    for (const Entry &entry : m_entries) {
        put32(out, 0x02014b50);
        put16(out, 20);
        put16(out, 20);
        put16(out, Utf8NamesFlag);
        put16(out, 0);
        put16(out, entry.time);
        put16(out, entry.date);
        put32(out, entry.crc);
        put32(out, entry.size);
        put32(out, entry.size);
        put16(out, quint16(entry.name.size()));
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        put32(out, 0);
        put32(out, entry.offset);
        out += entry.name;
    }
    const quint32 directorySize = quint32(out.size()) - directoryStart;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, quint16(m_entries.size()));
    put16(out, quint16(m_entries.size()));
    put32(out, directorySize);
    put32(out, directoryStart);
    put16(out, 0);
    return out;
}
