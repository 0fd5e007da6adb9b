#pragma once

#include "result.h"

#include <QByteArray>
#include <QHash>
#include <QIODevice>
#include <QString>
#include <QStringList>

#include <memory>

/// Reads the members of a ZIP archive from a file or from memory, as REFI-QDA projects and
/// Word documents are written: stored and deflated members, ZIP64 for large ones. Only the
/// member asked for is read, so a project with hours of video costs nothing to open.
///
/// Everything in an archive is foreign input. Names are looked up, never used as paths (a
/// "../" name cannot escape anywhere); a member may unpack to no more than a cap, and to no
/// more than a ratio of its packed size, however its header lies; each failure has its own
/// sentence (encrypted, unsupported method, damaged data, wrong size or checksum, too large).
class ZipReader
{
public:
    /// The most a member may unpack to, and the most it may grow from its packed size (a
    /// ratio real text reaches only in pathological files; a zip bomb reaches thousands).
    static constexpr qint64 DefaultMemberLimit = qint64(1) << 30; // 1 GiB
    static constexpr qint64 MaximumRatio = 500;

    [[nodiscard]] static Result<ZipReader> open(const QString &path);
    [[nodiscard]] static Result<ZipReader> open(const QByteArray &archive);

    ZipReader(ZipReader &&) noexcept;
    ZipReader &operator=(ZipReader &&) noexcept;
    ~ZipReader();

    /// Member names exactly as stored (folders end in "/").
    QStringList names() const { return m_order; }
    bool contains(const QString &name) const { return m_entries.contains(name); }
    /// The stored name matching name in any letter case, or empty (tools disagree on the case
    /// of "Sources/" and "Project.qde").
    QString findIgnoringCase(const QString &name) const;
    /// The member's size once unpacked, as the archive declares it (-1 when absent).
    qint64 declaredSize(const QString &name) const;
    /// Unpacks a member, refusing one larger than limit.
    [[nodiscard]] Result<QByteArray> read(
        const QString &name, qint64 limit = DefaultMemberLimit) const;

private:
    ZipReader() = default;
    struct Entry
    {
        quint16 flags = 0;
        quint16 method = 0;
        quint32 crc = 0;
        qint64 compressedSize = 0;
        qint64 size = 0;
        qint64 localOffset = 0;
    };
    [[nodiscard]] static Result<ZipReader> readDirectory(std::unique_ptr<QIODevice> device);
    [[nodiscard]] Result<QByteArray> bytesAt(qint64 offset, qint64 length) const;

    std::unique_ptr<QIODevice> m_device;
    qint64 m_size = 0;
    QHash<QString, Entry> m_entries;
    QStringList m_order;
};
