#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

/// Writes a ZIP archive of stored (uncompressed) entries with UTF-8 names: what REFI-QDA's
/// .qdpx needs, without a zip library.
class ZipWriter
{
public:
    void addFile(const QString &name, const QByteArray &data,
        const QDateTime &modified = QDateTime::currentDateTime());
    QByteArray finish() const;

    static quint32 crc32(QByteArrayView data);

private:
    struct Entry
    {
        QByteArray name;
        quint32 crc = 0;
        quint32 size = 0;
        quint32 offset = 0;
        quint16 time = 0;
        quint16 date = 0;
    };
    QByteArray m_data;
    QList<Entry> m_entries;
};
