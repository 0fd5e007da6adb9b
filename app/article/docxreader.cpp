#include "docxreader.h"
#include "core/zipreader.h"
#include "formatreaders.h"
#include "textdecoder.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace DocxReader {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DocxReader", text);
}

// WordprocessingML in its usual (transitional) and its strict namespace.
bool isWord(QStringView uri)
{
    return uri == u"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        || uri == u"http://purl.oclc.org/ooxml/wordprocessingml/main";
}

bool isCompatibility(QStringView uri)
{
    return uri == u"http://schemas.openxmlformats.org/markup-compatibility/2006";
}

/// An attribute of WordprocessingML ("w:val"), whatever prefix the file gives its namespace.
QStringView wordAttribute(const QXmlStreamReader &xml, QStringView name)
{
    for (const QXmlStreamAttribute &attribute : xml.attributes()) {
        if (attribute.name() == name && isWord(attribute.namespaceUri()))
            return attribute.value();
    }
    return {};
}

/// A style that marks a heading: Word's own ids ("Heading1", "Title") and the ones its
/// localised versions write ("berschrift1", "Titel", "Titre1").
bool isHeadingStyle(QStringView style)
{
    static const QRegularExpression heading(
        uR"(^(heading|title|titel|titre|titolo|titulo|t[ií]tulo|berschrift|kop)\s*\d*$)"_s,
        QRegularExpression::CaseInsensitiveOption);
    return heading.match(style).hasMatch();
}

/// Reads an XML part with the rules every part of the archive gets: no document type
/// declaration, bounded nesting. The visitor sees every start and end element.
template<typename Start, typename End>
Result<void> walk(QXmlStreamReader &xml, const QString &part, Start &&start, End &&end)
{
    int depth = 0;
    while (!xml.atEnd()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::DTD:
            return ResultError(tr("The Word document's %1 declares a document type, which Gloss "
                                  "does not read (it can hide entities).")
                                   .arg(part),
                ErrorKind::InvalidInput);
        case QXmlStreamReader::StartElement:
            if (++depth > MaximumDepth) {
                return ResultError(tr("The Word document's %1 nests its elements more than %2 "
                                      "deep; it is not a document Gloss can read.")
                                       .arg(part)
                                       .arg(MaximumDepth),
                    ErrorKind::InvalidInput);
            }
            // The visitor may read an element's text, which consumes its end.
            if (start(depth))
                --depth;
            break;
        case QXmlStreamReader::EndElement:
            end(depth);
            --depth;
            break;
        default:
            break;
        }
    }
    if (xml.hasError()) {
        return ResultError(tr("The Word document's %1 is damaged (its XML breaks off or is "
                              "malformed near line %2).")
                               .arg(part)
                               .arg(xml.lineNumber()),
            ErrorKind::InvalidInput);
    }
    return {};
}

struct ParagraphBuilder
{
    QString text;
    bool centred = false;
    bool heading = false;
};

void emitParagraph(const ParagraphBuilder &paragraph, DocumentText &document)
{
    // A line break inside a paragraph starts a line of its own.
    for (QStringView part : QStringView(paragraph.text).split(u'\n')) {
        TextLine line;
        line.text = simplifyLine(cleanText(part.toString()));
        line.centred = paragraph.centred && !line.text.isEmpty();
        line.heading = paragraph.heading && !line.text.isEmpty();
        document.lines.append(std::move(line));
    }
}

QString mainPart(const ZipReader &archive)
{
    // The package's relationships name the main document; nearly always word/document.xml.
    const QString relationships = archive.findIgnoringCase(u"_rels/.rels"_s);
    if (!relationships.isEmpty()) {
        const Result<QByteArray> bytes = archive.read(relationships, 1024 * 1024);
        if (bytes) {
            QXmlStreamReader xml(*bytes);
            QString target;
            (void)walk(
                xml, u"_rels/.rels"_s,
                [&](int) {
                    if (xml.name() == u"Relationship"
                        && xml.attributes().value(u"Type"_s).endsWith(u"/officeDocument")
                        && target.isEmpty())
                        target = xml.attributes().value(u"Target"_s).toString();
                    return false;
                },
                [](int) {});
            while (target.startsWith(u'/'))
                target.remove(0, 1);
            if (!target.isEmpty() && !archive.findIgnoringCase(target).isEmpty())
                return archive.findIgnoringCase(target);
        }
    }
    return archive.findIgnoringCase(u"word/document.xml"_s);
}

void readProperties(const ZipReader &archive, DocumentText &document)
{
    // Title, author and date are a help, never a condition: a damaged part is passed over.
    const QString part = archive.findIgnoringCase(u"docProps/core.xml"_s);
    if (part.isEmpty())
        return;
    const Result<QByteArray> bytes = archive.read(part, 1024 * 1024);
    if (!bytes)
        return;
    QXmlStreamReader xml(*bytes);
    (void)walk(
        xml, u"docProps/core.xml"_s,
        [&](int) {
            const QStringView name = xml.name();
            if (name != u"title" && name != u"creator" && name != u"created")
                return false;
            const QString value
                = simplifyLine(cleanText(xml.readElementText(QXmlStreamReader::SkipChildElements)));
            if (name == u"title")
                document.title = value;
            else if (name == u"creator")
                document.author = value;
            else
                document.date = QDateTime::fromString(value, Qt::ISODate).date();
            return true;
        },
        [](int) {});
}

} // namespace

Result<DocumentText> readDocumentXml(const QByteArray &bytes)
{
    DocumentText document;
    QXmlStreamReader xml(bytes);
    QList<ParagraphBuilder> open; // text boxes put paragraphs inside paragraphs
    int skipping = 0; // the depth of an element left out with all it holds, or 0
    int properties = 0; // the depth of the open paragraph's properties (pPr), or 0
    const Result<void> walked = walk(
        xml, u"word/document.xml"_s,
        [&](int depth) {
            if (skipping > 0)
                return false;
            const QStringView name = xml.name();
            if (isCompatibility(xml.namespaceUri())) {
                // Word writes a shape twice: for readers that know it (Choice) and for
                // those that do not (Fallback). One copy is enough.
                if (name == u"Fallback")
                    skipping = depth;
                return false;
            }
            if (!isWord(xml.namespaceUri()))
                return false;
            if (name == u"p") {
                open.append(ParagraphBuilder());
            } else if (name == u"t") {
                const QString text = xml.readElementText(QXmlStreamReader::SkipChildElements);
                if (!open.isEmpty())
                    open.back().text += text;
                return true;
            } else if (name == u"pPr") {
                properties = depth;
            } else if (name == u"tab" || name == u"ptab") {
                // A tab inside a run; the paragraph's tab stops are defined in its pPr.
                if (!open.isEmpty() && properties == 0)
                    open.back().text += u'\t';
            } else if (name == u"br" || name == u"cr") {
                if (!open.isEmpty())
                    open.back().text += u'\n';
            } else if (name == u"noBreakHyphen") {
                if (!open.isEmpty())
                    open.back().text += QChar(0x2011);
            } else if (properties > 0 && !open.isEmpty()) {
                if (name == u"jc")
                    open.back().centred = wordAttribute(xml, u"val") == u"center";
                else if (name == u"pStyle" && isHeadingStyle(wordAttribute(xml, u"val")))
                    open.back().heading = true;
                else if (name == u"outlineLvl")
                    open.back().heading = true;
            } else if (name == u"del" || name == u"moveFrom" || name == u"delText"
                || name == u"instrText" || name == u"delInstrText" || name == u"footnoteReference"
                || name == u"endnoteReference" || name == u"commentReference") {
                // Text taken out in tracked changes, and field codes, are not the text shown.
                skipping = depth;
            }
            return false;
        },
        [&](int depth) {
            if (skipping > 0) {
                if (depth == skipping)
                    skipping = 0;
                return;
            }
            if (depth == properties)
                properties = 0;
            if (isWord(xml.namespaceUri()) && xml.name() == u"p" && !open.isEmpty())
                emitParagraph(open.takeLast(), document);
        });
    if (!walked)
        return walked.failure();
    return document;
}

Result<DocumentText> read(const ZipReader &archive)
{
    const QString part = mainPart(archive);
    if (part.isEmpty()) {
        return ResultError(
            tr("The file is a ZIP archive but not a Word document (it has no word/document.xml)."),
            ErrorKind::InvalidInput);
    }
    const Result<QByteArray> bytes = archive.read(part, MaximumPartSize);
    if (!bytes)
        return bytes.failure();
    Result<DocumentText> document = readDocumentXml(*bytes);
    if (!document)
        return document;
    readProperties(archive, *document);
    return document;
}

} // namespace DocxReader

namespace FormatReaders {

bool looksLikeZip(QByteArrayView head)
{
    return head.startsWith("PK\x03\x04");
}

void readWord(const FormatInput &input, FormatOutput &output)
{
    Result<ZipReader> archive
        = input.bytes ? ZipReader::open(*input.bytes) : ZipReader::open(input.path);
    if (!archive) {
        output.fail(archive.error());
        return;
    }
    Result<DocumentText> text = DocxReader::read(*archive);
    if (!text) {
        output.fail(text.error());
        return;
    }
    deliverDocument(*text, ArticleFormat::Word, output);
}

} // namespace FormatReaders
