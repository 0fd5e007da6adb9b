#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QHash>
#include <QString>

/// Reads the members of a ZIP archive held in memory: stored and deflated entries, as QDA tools
/// write them. Refuses encrypted, split or damaged archives with a sentence.
class ZipReader
{
public:
    [[nodiscard]] static Result<ZipReader> open(const QByteArray &archive);

    bool contains(const QString &name) const { return m_entries.contains(name); }
    QStringList names() const { return m_entries.keys(); }
    [[nodiscard]] Result<QByteArray> read(const QString &name) const;

private:
    struct Entry
    {
        quint16 method = 0;
        quint32 compressedSize = 0;
        quint32 size = 0;
        quint32 localOffset = 0;
    };
    QByteArray m_archive;
    QHash<QString, Entry> m_entries;
};
