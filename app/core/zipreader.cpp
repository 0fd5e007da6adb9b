#include "zipreader.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <zlib.h>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ZipReader", text);
}

quint16 get16(const char *data)
{
    return qFromLittleEndian<quint16>(data);
}

quint32 get32(const char *data)
{
    return qFromLittleEndian<quint32>(data);
}

quint64 get64(const char *data)
{
    return qFromLittleEndian<quint64>(data);
}

QString methodName(quint16 method)
{
    switch (method) {
    case 9:
        return tr("Deflate64");
    case 12:
        return tr("bzip2");
    case 14:
        return tr("LZMA");
    case 93:
        return tr("Zstandard");
    case 95:
        return tr("XZ");
    case 99:
        return tr("AES encryption");
    default:
        return tr("method %1").arg(method);
    }
}

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 0);
}

constexpr quint32 EndOfDirectory = 0x06054b50;
constexpr quint32 Zip64Locator = 0x07064b50;
constexpr quint32 Zip64End = 0x06064b50;
constexpr quint32 DirectoryEntry = 0x02014b50;
constexpr quint32 LocalHeader = 0x04034b50;

} // namespace

ZipReader::ZipReader(ZipReader &&) noexcept = default;
ZipReader &ZipReader::operator=(ZipReader &&) noexcept = default;
ZipReader::~ZipReader() = default;

Result<ZipReader> ZipReader::open(const QString &path)
{
    auto file = std::make_unique<QFile>(path);
    if (!QFileInfo(path).isFile())
        return ResultError(tr("“%1” is not a file.").arg(path), ErrorKind::NotFound);
    if (!file->open(QIODevice::ReadOnly))
        return ResultError(tr("Cannot read “%1”: %2.").arg(path, file->errorString()), ErrorKind::Io);
    return readDirectory(std::move(file));
}

Result<ZipReader> ZipReader::open(const QByteArray &archive)
{
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(archive);
    buffer->open(QIODevice::ReadOnly);
    return readDirectory(std::move(buffer));
}

Result<QByteArray> ZipReader::bytesAt(qint64 offset, qint64 length) const
{
    if (offset < 0 || length < 0 || offset > m_size || length > m_size - offset)
        return ResultError(tr("The ZIP archive is damaged (it ends early)."), ErrorKind::InvalidInput);
    if (!m_device->seek(offset))
        return ResultError(tr("The ZIP archive cannot be read."), ErrorKind::Io);
    QByteArray bytes = m_device->read(length);
    if (bytes.size() != length)
        return ResultError(tr("The ZIP archive cannot be read."), ErrorKind::Io);
    return bytes;
}

Result<ZipReader> ZipReader::readDirectory(std::unique_ptr<QIODevice> device)
{
    ZipReader reader;
    reader.m_size = device->size();
    reader.m_device = std::move(device);
    const ResultError notZip(tr("The file is not a ZIP archive."), ErrorKind::InvalidInput);
    const ResultError damaged(tr("The ZIP archive is damaged (its directory cannot be read)."),
        ErrorKind::InvalidInput);
    if (reader.m_size < 22)
        return notZip;
    // The end-of-directory record sits in the last 64 KiB + 22 bytes (its comment is short).
    const qint64 tailStart = std::max<qint64>(0, reader.m_size - 65557);
    Result<QByteArray> tail = reader.bytesAt(tailStart, reader.m_size - tailStart);
    if (!tail)
        return tail.failure();
    qsizetype end = -1;
    for (qsizetype at = tail->size() - 22; at >= 0; --at) {
        if (get32(tail->constData() + at) == EndOfDirectory) {
            end = at;
            break;
        }
    }
    if (end < 0)
        return notZip;
    const char *record = tail->constData() + end;
    if (get16(record + 4) != 0 || get16(record + 6) != 0)
        return ResultError(tr("The ZIP archive is split over several files; Gloss reads whole "
                              "archives only."),
            ErrorKind::InvalidInput);
    qint64 count = get16(record + 10);
    qint64 directorySize = get32(record + 12);
    qint64 directoryOffset = get32(record + 16);
    // ZIP64: the real figures are in a record the locator before this one points at.
    if (end >= 20 && get32(record - 20) == Zip64Locator) {
        const qint64 zip64At = qint64(get64(record - 20 + 8));
        Result<QByteArray> zip64 = reader.bytesAt(zip64At, 56);
        if (!zip64 || get32(zip64->constData()) != Zip64End)
            return damaged;
        count = qint64(get64(zip64->constData() + 32));
        directorySize = qint64(get64(zip64->constData() + 40));
        directoryOffset = qint64(get64(zip64->constData() + 48));
    }
    // Each directory entry takes at least 46 bytes: a count beyond that is a lie.
    if (count < 0 || directorySize < 0 || count > directorySize / 46 + 1)
        return damaged;
    Result<QByteArray> directory = reader.bytesAt(directoryOffset, directorySize);
    if (!directory)
        return damaged;
    const char *data = directory->constData();
    const qsizetype size = directory->size();
    qsizetype at = 0;
    for (qint64 i = 0; i < count; ++i) {
        if (at + 46 > size || get32(data + at) != DirectoryEntry)
            return damaged;
        Entry entry;
        entry.flags = get16(data + at + 8);
        entry.method = get16(data + at + 10);
        entry.crc = get32(data + at + 16);
        entry.compressedSize = get32(data + at + 20);
        entry.size = get32(data + at + 24);
        const quint16 nameLength = get16(data + at + 28);
        const quint16 extraLength = get16(data + at + 30);
        const quint16 commentLength = get16(data + at + 32);
        entry.localOffset = get32(data + at + 42);
        if (at + 46 + nameLength + extraLength + commentLength > size)
            return damaged;
        // Sizes and offsets too large for 32 bits are in the ZIP64 extra field, in this order.
        for (qsizetype extra = at + 46 + nameLength; extra + 4 <= at + 46 + nameLength + extraLength;) {
            const quint16 id = get16(data + extra);
            const quint16 length = get16(data + extra + 2);
            if (id == 0x0001) {
                qsizetype field = extra + 4;
                const qsizetype fieldEnd = std::min<qsizetype>(field + length, size);
                auto take = [&](qint64 &value) {
                    if (value == 0xFFFFFFFF && field + 8 <= fieldEnd) {
                        value = qint64(get64(data + field));
                        field += 8;
                    }
                };
                take(entry.size);
                take(entry.compressedSize);
                take(entry.localOffset);
            }
            extra += 4 + length;
        }
        // Names are UTF-8 when flagged so, and in practice also when not (CP437 is rare and
        // ASCII either way).
        const QString name = QString::fromUtf8(data + at + 46, nameLength);
        if (!reader.m_entries.contains(name))
            reader.m_order.append(name);
        reader.m_entries.insert(name, entry);
        at += 46 + nameLength + extraLength + commentLength;
    }
    return reader;
}

QString ZipReader::findIgnoringCase(const QString &name) const
{
    if (m_entries.contains(name))
        return name;
    for (const QString &stored : m_order) {
        if (stored.compare(name, Qt::CaseInsensitive) == 0)
            return stored;
    }
    return {};
}

qint64 ZipReader::declaredSize(const QString &name) const
{
    const auto it = m_entries.constFind(name);
    return it == m_entries.cend() ? -1 : it->size;
}

Result<QByteArray> ZipReader::read(const QString &name, qint64 limit) const
{
    const auto it = m_entries.constFind(name);
    if (it == m_entries.cend())
        return ResultError(tr("“%1” is not in the archive.").arg(name), ErrorKind::NotFound);
    const Entry &entry = *it;
    if (entry.flags & 0x1)
        return ResultError(tr("“%1” in the archive is encrypted.").arg(name), ErrorKind::InvalidInput);
    if (entry.method != 0 && entry.method != 8) {
        return ResultError(tr("“%1” is compressed with %2, which Gloss cannot unpack; save the "
                              "archive again with ordinary (deflate) compression.")
                               .arg(name, methodName(entry.method)),
            ErrorKind::InvalidInput);
    }
    if (entry.size > limit) {
        return ResultError(tr("“%1” in the archive would unpack to %2 MB, more than the %3 MB "
                              "Gloss reads from one member.")
                               .arg(name, megabytes(entry.size), megabytes(limit)),
            ErrorKind::InvalidInput);
    }
    Result<QByteArray> header = bytesAt(entry.localOffset, 30);
    if (!header || get32(header->constData()) != LocalHeader)
        return ResultError(tr("“%1” in the archive is damaged (its header is missing).").arg(name),
            ErrorKind::InvalidInput);
    const qint64 dataAt = entry.localOffset + 30 + get16(header->constData() + 26)
        + get16(header->constData() + 28);
    Result<QByteArray> packed = bytesAt(dataAt, entry.compressedSize);
    if (!packed)
        return ResultError(tr("“%1” in the archive is damaged (the archive ends inside it).").arg(name),
            ErrorKind::InvalidInput);

    QByteArray out;
    if (entry.method == 0) {
        out = std::move(*packed);
    } else {
        // The declared size is not trusted: unpacking stops at the cap, or at the ratio no real
        // document reaches, whatever the header says.
        const qint64 ceiling
            = std::min(limit, std::max<qint64>(entry.compressedSize * MaximumRatio, 16 << 20));
        z_stream stream {};
        if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
            return ResultError(tr("Cannot unpack “%1”: out of memory.").arg(name), ErrorKind::Io);
        stream.next_in = reinterpret_cast<Bytef *>(packed->data());
        stream.avail_in = uInt(std::min<qint64>(packed->size(), std::numeric_limits<uInt>::max()));
        out.resize(std::min<qint64>(std::max<qint64>(entry.size, 4096), ceiling));
        int status = Z_OK;
        while (status == Z_OK) {
            if (qint64(stream.total_out) == out.size()) {
                if (out.size() >= ceiling) {
                    inflateEnd(&stream);
                    const bool bomb = ceiling < limit;
                    return ResultError(bomb
                            ? tr("“%1” in the archive unpacks to more than %2 times its packed "
                                 "size; it looks like a zip bomb and was not read.")
                                  .arg(name)
                                  .arg(MaximumRatio)
                            : tr("“%1” in the archive unpacks to more than the %2 MB Gloss reads "
                                 "from one member.")
                                  .arg(name, megabytes(limit)),
                        ErrorKind::InvalidInput);
                }
                out.resize(std::min<qint64>(out.size() * 2, ceiling));
            }
            stream.next_out = reinterpret_cast<Bytef *>(out.data() + stream.total_out);
            stream.avail_out = uInt(std::min<qint64>(out.size() - qint64(stream.total_out),
                std::numeric_limits<uInt>::max()));
            status = inflate(&stream, Z_NO_FLUSH);
            if (status == Z_BUF_ERROR && stream.avail_out > 0)
                break; // the input ended before the stream did
            if (status == Z_BUF_ERROR)
                status = Z_OK;
        }
        const qint64 produced = qint64(stream.total_out);
        inflateEnd(&stream);
        if (status != Z_STREAM_END) {
            return ResultError(
                tr("“%1” in the archive is damaged (its compressed data cannot be unpacked).").arg(name),
                ErrorKind::InvalidInput);
        }
        out.resize(produced);
    }
    if (out.size() != entry.size) {
        return ResultError(tr("“%1” in the archive is damaged (it unpacks to %2 bytes; the archive "
                              "says %3).")
                               .arg(name)
                               .arg(out.size())
                               .arg(entry.size),
            ErrorKind::InvalidInput);
    }
    const quint32 crc = quint32(::crc32(0L, reinterpret_cast<const Bytef *>(out.constData()), uInt(0)));
    quint32 sum = crc;
    for (qsizetype done = 0; done < out.size();) {
        const qsizetype step = std::min<qsizetype>(out.size() - done, 1 << 30);
        sum = quint32(::crc32(sum, reinterpret_cast<const Bytef *>(out.constData() + done), uInt(step)));
        done += step;
    }
    if (sum != entry.crc)
        return ResultError(tr("“%1” in the archive is damaged (its checksum does not match).").arg(name),
            ErrorKind::InvalidInput);
    return out;
}
