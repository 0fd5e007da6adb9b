#include "exporters.h"
#include "core/zipwriter.h"

#include <QHash>
#include <QMap>
#include <QUuid>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace Exporters {

namespace {

// Stable GUIDs (UUID v5 of what each element stands for): exporting twice gives the same file,
// and a re-import can recognise what it made.
const QUuid s_namespace = QUuid(u"{6f1f3d0e-7a53-4c1e-9a51-2b8f0c7d4e11}"_s);

QString guidFor(const QString &what)
{
    return QUuid::createUuidV5(s_namespace, what).toString(QUuid::WithoutBraces);
}

/// Text XML 1.0 can hold: the control characters it forbids (a title from "&#1;", a note
/// pasted from a terminal) and lone surrogates (a name cut in the middle of a pair) would make
/// the project unreadable to every other tool, so they become U+FFFD.
QString xmlText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            out += c;
            out += text.at(++i);
            continue;
        }
        const char16_t u = c.unicode();
        const bool allowed = u == 0x9 || u == 0xA || u == 0xD || (u >= 0x20 && u <= 0xD7FF)
            || (u >= 0xE000 && u <= 0xFFFD);
        out += allowed ? c : QChar(QChar::ReplacementCharacter);
    }
    return out;
}

QString xmlTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

struct CodeNode
{
    QString path;
    QString name;
    QString color;
    QString description;
    QStringList children;
};

void writeCode(QXmlStreamWriter &xml, const QHash<QString, CodeNode> &codes, const QString &path)
{
    const CodeNode &node = codes.value(path);
    xml.writeStartElement(u"Code"_s);
    xml.writeAttribute(u"guid"_s, guidFor(u"code:"_s + path.toLower()));
    xml.writeAttribute(u"name"_s, xmlText(node.name));
    xml.writeAttribute(u"isCodable"_s, u"true"_s);
    if (!node.color.isEmpty())
        xml.writeAttribute(u"color"_s, node.color);
    if (!node.description.isEmpty())
        xml.writeTextElement(u"Description"_s, xmlText(node.description));
    for (const QString &child : node.children)
        writeCode(xml, codes, child);
    xml.writeEndElement();
}

} // namespace

QByteArray qdpx(const ExportSet &set)
{
    const QList<Tag> &codebook = set.tags;
    // The codebook: every tag used (and its ancestors), nested as in Gloss.
    QHash<QString, CodeNode> codes;
    QStringList roots;
    QHash<QString, const Tag *> byPath;
    for (const Tag &tag : codebook)
        byPath.insert(tag.path.toLower(), &tag);
    auto addPath = [&](const QString &path) {
        const QStringList levels = path.split(u'/');
        QString sofar;
        for (const QString &level : levels) {
            const QString parent = sofar;
            sofar = sofar.isEmpty() ? level : sofar + u'/' + level;
            if (codes.contains(sofar))
                continue;
            CodeNode node;
            node.path = sofar;
            node.name = level;
            if (const Tag *tag = byPath.value(sofar.toLower())) {
                node.color = tag->color;
                node.description = tag->description;
            }
            codes.insert(sofar, node);
            if (parent.isEmpty())
                roots.append(sofar);
            else
                codes[parent].children.append(sofar);
        }
    };
    for (const ExportArticle &entry : set.articles) {
        for (const ExportHighlight &highlight : entry.highlights) {
            for (const QString &path : highlight.tagPaths)
                addPath(path);
        }
    }

    const QString user = guidFor(u"user:gloss"_s);
    const QString now = xmlTime(QDateTime::currentDateTimeUtc());
    ZipWriter zip;
    QByteArray project;
    QXmlStreamWriter xml(&project);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeDefaultNamespace(u"urn:QDA-XML:project:1.0"_s);
    xml.writeStartElement(u"Project"_s);
    xml.writeAttribute(u"name"_s, u"Gloss highlights"_s);
    xml.writeAttribute(u"origin"_s, QStringLiteral("Gloss " GLOSS_VERSION));
    xml.writeAttribute(u"creatingUserGUID"_s, user);
    xml.writeAttribute(u"creationDateTime"_s, now);
    // The people who made the highlights, so other tools show who coded what; highlights
    // without an annotator are Gloss's.
    QMap<QString, QString> annotators; // name → guid
    for (const ExportArticle &entry : set.articles) {
        for (const ExportHighlight &exported : entry.highlights) {
            const QString &name = exported.highlight.annotator;
            if (!name.isEmpty() && !annotators.contains(name))
                annotators.insert(name, guidFor(u"user:"_s + name));
        }
    }
    const auto userOf = [&](const Highlight &highlight) {
        return highlight.annotator.isEmpty() ? user : annotators.value(highlight.annotator);
    };
    xml.writeStartElement(u"Users"_s);
    xml.writeEmptyElement(u"User"_s);
    xml.writeAttribute(u"guid"_s, user);
    xml.writeAttribute(u"name"_s, u"Gloss"_s);
    for (auto it = annotators.cbegin(); it != annotators.cend(); ++it) {
        xml.writeEmptyElement(u"User"_s);
        xml.writeAttribute(u"guid"_s, it.value());
        xml.writeAttribute(u"name"_s, xmlText(it.key()));
    }
    xml.writeEndElement();
    if (!roots.isEmpty()) {
        xml.writeStartElement(u"CodeBook"_s);
        xml.writeStartElement(u"Codes"_s);
        for (const QString &root : std::as_const(roots))
            writeCode(xml, codes, root);
        xml.writeEndElement();
        xml.writeEndElement();
    }

    QList<QPair<QString, QString>> notes; // guid, text
    if (!set.articles.isEmpty()) {
        xml.writeStartElement(u"Sources"_s);
        for (const ExportArticle &entry : set.articles) {
            const Article &article = entry.article;
            const QString body = article.body();
            const CodePointMap codePoints(body);
            const QString sourceGuid = guidFor(u"source:"_s + article.contentHash);
            zip.addFile(u"sources/"_s + sourceGuid + u".txt"_s, body.toUtf8());
            xml.writeStartElement(u"TextSource"_s);
            xml.writeAttribute(u"guid"_s, sourceGuid);
            xml.writeAttribute(u"name"_s, xmlText(article.title));
            xml.writeAttribute(u"plainTextPath"_s, u"internal://"_s + sourceGuid + u".txt"_s);
            xml.writeAttribute(u"creatingUser"_s, user);
            xml.writeAttribute(u"creationDateTime"_s, now);
            QStringList details;
            if (article.date.isValid())
                details.append(article.date.toString(Qt::ISODate));
            details.append(article.url.isEmpty() ? article.sourcePath : article.url);
            xml.writeTextElement(u"Description"_s, xmlText(details.join(u" · "_s)));
            for (const ExportHighlight &exported : entry.highlights) {
                const Highlight &highlight = exported.highlight;
                if (highlight.status == AnchorStatus::Orphaned)
                    continue; // its text is not in the source any more
                const QString selection
                    = guidFor(u"selection:%1:%2"_s.arg(article.contentHash).arg(highlight.id));
                xml.writeStartElement(u"PlainTextSelection"_s);
                xml.writeAttribute(u"guid"_s, selection);
                xml.writeAttribute(u"name"_s, xmlText(highlight.anchor.exact.left(80)));
                // REFI-QDA counts Unicode code points, from 0, end exclusive.
                xml.writeAttribute(
                    u"startPosition"_s, QString::number(codePoints(highlight.anchor.start)));
                xml.writeAttribute(
                    u"endPosition"_s, QString::number(codePoints(highlight.anchor.end)));
                xml.writeAttribute(u"creatingUser"_s, userOf(highlight));
                xml.writeAttribute(u"creationDateTime"_s, xmlTime(highlight.created));
                xml.writeAttribute(u"modifiedDateTime"_s, xmlTime(highlight.modified));
                for (const QString &path : exported.tagPaths) {
                    xml.writeStartElement(u"Coding"_s);
                    xml.writeAttribute(
                        u"guid"_s, guidFor(selection + u":coding:"_s + path.toLower()));
                    xml.writeAttribute(u"creatingUser"_s, userOf(highlight));
                    xml.writeEmptyElement(u"CodeRef"_s);
                    xml.writeAttribute(u"targetGUID"_s, guidFor(u"code:"_s + path.toLower()));
                    xml.writeEndElement();
                }
                if (!highlight.note.trimmed().isEmpty()) {
                    const QString note = guidFor(selection + u":note"_s);
                    notes.append({ note, highlight.note });
                    xml.writeEmptyElement(u"NoteRef"_s);
                    xml.writeAttribute(u"targetGUID"_s, note);
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    if (!notes.isEmpty()) {
        xml.writeStartElement(u"Notes"_s);
        for (const auto &[guid, text] : std::as_const(notes)) {
            xml.writeStartElement(u"Note"_s);
            xml.writeAttribute(u"guid"_s, guid);
            xml.writeAttribute(u"name"_s, xmlText(text.section(u'\n', 0, 0).left(60)));
            xml.writeAttribute(u"creatingUser"_s, user);
            xml.writeTextElement(u"PlainTextContent"_s, xmlText(text));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    zip.addFile(u"project.qde"_s, project);
    return zip.finish();
}

} // namespace Exporters
