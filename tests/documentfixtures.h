#pragma once

#include "core/zipwriter.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QtEndian>

/// Word documents made by the tests: archives of given members, deflated or stored.
namespace DocumentFixtures {

struct Member
{
    QString name;
    QByteArray data;
    bool deflate = true;
};

inline void put16(QByteArray &out, quint16 value)
{
    char bytes[2];
    qToLittleEndian(value, bytes);
    out.append(bytes, 2);
}

inline void put32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out.append(bytes, 4);
}

/// A ZIP archive of the members, with honest headers.
inline QByteArray archive(const QList<Member> &members)
{
    QByteArray out;
    QByteArray directory;
    for (const Member &member : members) {
        const QByteArray name = member.name.toUtf8();
        QByteArray packed = member.data;
        if (member.deflate) {
            // qCompress: 4 bytes of size, the 2-byte zlib header, the data, a 4-byte checksum.
            const QByteArray zlib = qCompress(member.data, 9);
            packed = zlib.mid(6, zlib.size() - 10);
        }
        const quint32 crc = ZipWriter::crc32(member.data);
        const quint32 offset = quint32(out.size());
        auto header = [&](QByteArray &to, bool central) {
            put32(to, central ? 0x02014b50 : 0x04034b50);
            if (central)
                put16(to, 20);
            put16(to, 20);
            put16(to, 0x0800);
            put16(to, member.deflate ? 8 : 0);
            put32(to, 0);
            put32(to, crc);
            put32(to, quint32(packed.size()));
            put32(to, quint32(member.data.size()));
            put16(to, quint16(name.size()));
            put16(to, 0);
            if (central) {
                put16(to, 0);
                put16(to, 0);
                put16(to, 0);
                put32(to, 0);
                put32(to, offset);
            }
            to += name;
        };
        header(out, false);
        out += packed;
        header(directory, true);
    }
    const quint32 directoryOffset = quint32(out.size());
    out += directory;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, quint16(members.size()));
    put16(out, quint16(members.size()));
    put32(out, quint32(directory.size()));
    put32(out, directoryOffset);
    put16(out, 0);
    return out;
}

inline QByteArray wordXml(const QByteArray &body)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
           "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
           "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
           "<w:body>"
        + body + "</w:body></w:document>";
}

/// One paragraph of runs of text, centred when asked.
inline QByteArray paragraph(const QByteArray &text, bool centred = false)
{
    return "<w:p>" + QByteArray(centred ? "<w:pPr><w:jc w:val=\"center\"/></w:pPr>" : "")
        + "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

inline QByteArray coreXml(
    const QByteArray &title, const QByteArray &creator = {}, const QByteArray &created = {})
{
    return "<?xml version=\"1.0\"?><cp:coreProperties "
           "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
           "xmlns:dcterms=\"http://purl.org/dc/terms/\">"
           "<dc:title>"
        + title + "</dc:title><dc:creator>" + creator + "</dc:creator><dcterms:created>" + created
        + "</dcterms:created></cp:coreProperties>";
}

/// A .docx with this document part (and core properties, when given).
inline QByteArray docx(const QByteArray &documentXml, const QByteArray &core = {})
{
    QList<Member> members = {
        { QStringLiteral("[Content_Types].xml"),
            "<?xml version=\"1.0\"?><Types "
            "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>" },
        { QStringLiteral("_rels/.rels"),
            "<?xml version=\"1.0\"?><Relationships "
            "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
            "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
            "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>" },
        { QStringLiteral("word/document.xml"), documentXml },
    };
    if (!core.isEmpty())
        members.append({ QStringLiteral("docProps/core.xml"), core });
    return archive(members);
}

} // namespace DocumentFixtures
