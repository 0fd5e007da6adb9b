#include "zipreader.h"

#include <QCoreApplication>
#include <QtEndian>

#include <zlib.h>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ZipReader", text);
}

quint16 get16(const QByteArray &data, qsizetype at)
{
    return qFromLittleEndian<quint16>(data.constData() + at);
}

quint32 get32(const QByteArray &data, qsizetype at)
{
    return qFromLittleEndian<quint32>(data.constData() + at);
}

} // namespace

Result<ZipReader> ZipReader::open(const QByteArray &archive)
{
    // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
    const qsizetype searchFrom = std::max<qsizetype>(0, archive.size() - 65557);
    qsizetype end = -1;
    for (qsizetype at = archive.size() - 22; at >= searchFrom; --at) {
        if (get32(archive, at) == 0x06054b50) {
            end = at;
            break;
        }
    }
    if (archive.size() < 22 || end < 0)
        return ResultError(tr("The file is not a ZIP archive."));
    ZipReader reader;
    reader.m_archive = archive;
    const quint16 count = get16(archive, end + 10);
    qsizetype at = get32(archive, end + 16);
    for (quint16 i = 0; i < count; ++i) {
        if (at + 46 > archive.size() || get32(archive, at) != 0x02014b50)
            return ResultError(tr("The ZIP archive is damaged."));
        if (get16(archive, at + 8) & 0x1)
            return ResultError(tr("The ZIP archive is encrypted."));
        Entry entry;
        entry.method = get16(archive, at + 10);
        entry.compressedSize = get32(archive, at + 20);
        entry.size = get32(archive, at + 24);
        const quint16 nameLength = get16(archive, at + 28);
        const quint16 extraLength = get16(archive, at + 30);
        const quint16 commentLength = get16(archive, at + 32);
        entry.localOffset = get32(archive, at + 42);
        const QString name = QString::fromUtf8(archive.mid(at + 46, nameLength));
        reader.m_entries.insert(name, entry);
        at += 46 + nameLength + extraLength + commentLength;
    }
    return reader;
}

Result<QByteArray> ZipReader::read(const QString &name) const
{
    const auto it = m_entries.constFind(name);
    if (it == m_entries.cend())
        return ResultError(tr("“%1” is not in the archive.").arg(name));
    const Entry &entry = *it;
    const qsizetype header = entry.localOffset;
    if (header + 30 > m_archive.size() || get32(m_archive, header) != 0x04034b50)
        return ResultError(tr("The ZIP archive is damaged."));
    const qsizetype data
        = header + 30 + get16(m_archive, header + 26) + get16(m_archive, header + 28);
    if (data + entry.compressedSize > m_archive.size())
        return ResultError(tr("The ZIP archive is damaged."));
    const QByteArray packed = m_archive.mid(data, entry.compressedSize);
    if (entry.method == 0)
        return packed;
    if (entry.method != 8)
        return ResultError(tr("“%1” is compressed in a way Gloss cannot read.").arg(name));
    QByteArray out(qsizetype(entry.size), Qt::Uninitialized);
    z_stream stream {};
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
        return ResultError(tr("Cannot unpack “%1”.").arg(name));
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(packed.constData()));
    stream.avail_in = uInt(packed.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int status = inflate(&stream, Z_FINISH);
    inflateEnd(&stream);
    if (status != Z_STREAM_END || stream.total_out != entry.size)
        return ResultError(tr("“%1” in the archive is damaged.").arg(name));
    return out;
}
