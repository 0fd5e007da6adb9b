#include "exporters.h"

#include <QCryptographicHash>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Exporters {

namespace {

const QString s_context = u"http://www.w3.org/ns/anno.jsonld"_s;

// The article as an IRI: its web address when known, else its file, else a name made from its
// text, so an importing tool can tell articles apart.
QString sourceIri(const Article &article)
{
    if (article.url.startsWith(u"http://"_s) || article.url.startsWith(u"https://"_s))
        return article.url;
    if (!article.sourcePath.isEmpty() && !article.sourcePath.startsWith(u":/"_s))
        return QUrl::fromLocalFile(article.sourcePath).toString(QUrl::FullyEncoded);
    return u"urn:sha256:"_s + article.contentHash;
}

QString timestamp(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

// JSON is written by hand: building a QJsonDocument of 50,000 annotations took seconds.
void appendString(QString &out, const QString &value)
{
    out += u'"';
    for (QChar c : value) {
        switch (c.unicode()) {
        case u'"':
            out += u"\\\""_s;
            break;
        case u'\\':
            out += u"\\\\"_s;
            break;
        case u'\n':
            out += u"\\n"_s;
            break;
        case u'\r':
            out += u"\\r"_s;
            break;
        case u'\t':
            out += u"\\t"_s;
            break;
        default:
            if (c.unicode() < 0x20)
                out += u"\\u%1"_s.arg(int(c.unicode()), 4, 16, QChar(u'0'));
            else
                out += c;
        }
    }
    out += u'"';
}

void appendPair(QString &out, const QString &indent, const QString &key, const QString &value,
    bool comma = true)
{
    out += indent;
    appendString(out, key);
    out += u": "_s;
    appendString(out, value);
    out += comma ? u",\n"_s : u"\n"_s;
}

void appendBody(QString &out, const QString &value, const QString &purpose, bool markdown)
{
    out += u"        {\n"_s;
    appendPair(out, u"          "_s, u"type"_s, u"TextualBody"_s);
    appendPair(out, u"          "_s, u"value"_s, value);
    if (markdown)
        appendPair(out, u"          "_s, u"format"_s, u"text/markdown"_s);
    appendPair(out, u"          "_s, u"purpose"_s, purpose, false);
    out += u"        }"_s;
}

void appendAnnotation(QString &out, const ExportArticle &entry, const ExportHighlight &exported,
    const CodePointMap &codePoints, const QString &source)
{
    const Highlight &highlight = exported.highlight;
    const QString indent = u"      "_s;
    out += u"    {\n"_s;
    appendPair(out, indent, u"@context"_s, s_context);
    appendPair(out, indent, u"id"_s,
        u"urn:gloss:%1:highlight:%2"_s.arg(entry.article.contentHash.left(16)).arg(highlight.id));
    appendPair(out, indent, u"type"_s, u"Annotation"_s);
    appendPair(out, indent, u"motivation"_s,
        exported.tagPaths.isEmpty() ? u"highlighting"_s : u"tagging"_s);
    appendPair(out, indent, u"created"_s, timestamp(highlight.created));
    appendPair(out, indent, u"modified"_s, timestamp(highlight.modified));
    // Who made it, when known; Gloss is what made the file.
    if (!highlight.annotator.isEmpty()) {
        out += indent + u"\"creator\": {\"type\": \"Person\", \"name\": "_s;
        appendString(out, highlight.annotator);
        out += u"},\n"_s;
    } else {
        out += indent + u"\"creator\": {\"type\": \"Software\", \"name\": \"Gloss\"},\n"_s;
    }
    out += indent + u"\"generator\": {\"type\": \"Software\", \"name\": \"Gloss\"},\n"_s;
    const bool hasNote = !highlight.note.trimmed().isEmpty();
    const qsizetype bodies = exported.tagPaths.size() + (hasNote ? 1 : 0) + highlight.links.size();
    if (bodies > 0) {
        qsizetype written = 0;
        out += indent + u"\"body\": [\n"_s;
        for (const QString &path : exported.tagPaths) {
            appendBody(out, path, u"tagging"_s, false);
            out += ++written < bodies ? u",\n"_s : u"\n"_s;
        }
        if (hasNote) {
            appendBody(out, highlight.note, u"commenting"_s, true);
            out += ++written < bodies ? u",\n"_s : u"\n"_s;
        }
        // A link is a resource the annotation points at: its IRI, as the model writes them.
        for (const QString &link : highlight.links) {
            out += u"        "_s;
            appendString(out, link);
            out += ++written < bodies ? u",\n"_s : u"\n"_s;
        }
        out += indent + u"],\n"_s;
    }
    // The colour travels as a CSS class on the target, which the model requires to be defined
    // by a stylesheet on the annotation.
    out += indent + u"\"stylesheet\": {\"type\": \"CssStylesheet\", \"value\": "_s;
    appendString(out,
        u".gloss-"_s + highlight.color + u" { background-color: "_s
            + Palette::rgbOf(highlight.color) + u"; }"_s);
    out += u"},\n"_s;
    out += indent + u"\"target\": {\n"_s;
    appendPair(out, u"        "_s, u"source"_s, source);
    appendPair(out, u"        "_s, u"styleClass"_s, u"gloss-"_s + highlight.color);
    out += u"        \"selector\": [\n          {\n"_s;
    appendPair(out, u"            "_s, u"type"_s, u"TextQuoteSelector"_s);
    appendPair(out, u"            "_s, u"exact"_s, highlight.anchor.exact);
    appendPair(out, u"            "_s, u"prefix"_s, highlight.anchor.prefix);
    appendPair(out, u"            "_s, u"suffix"_s, highlight.anchor.suffix, false);
    // An orphan's words are not in the text any more: it has a quote to look for, and no
    // positions (the model allows none but non-negative ranges of the text).
    const bool placed = highlight.status != AnchorStatus::Orphaned && highlight.anchor.start >= 0
        && highlight.anchor.end >= highlight.anchor.start;
    if (placed) {
        out += u"          },\n          {\n"_s;
        appendPair(out, u"            "_s, u"type"_s, u"TextPositionSelector"_s);
        out += u"            \"start\": %1,\n            \"end\": %2\n"_s
                   .arg(codePoints(highlight.anchor.start))
                   .arg(codePoints(highlight.anchor.end));
    }
    out += u"          }\n        ]\n      }\n    }"_s;
}

} // namespace

QByteArray w3cJson(const ExportSet &set)
{
    QCryptographicHash identity(QCryptographicHash::Sha256);
    for (const ExportArticle &entry : set.articles)
        identity.addData(entry.article.contentHash.toLatin1());
    const int total = set.highlightCount();
    QString out;
    out.reserve(total * 1200 + 1024);
    out += u"{\n"_s;
    appendPair(out, u"  "_s, u"@context"_s, s_context);
    appendPair(out, u"  "_s, u"id"_s,
        u"urn:gloss:collection:"_s + QString::fromLatin1(identity.result().toHex().left(32)));
    appendPair(out, u"  "_s, u"type"_s, u"AnnotationCollection"_s);
    appendPair(out, u"  "_s, u"label"_s, u"Highlights exported from Gloss"_s);
    out += u"  \"total\": %1,\n"_s.arg(total);
    out += u"  \"first\": {\n    \"type\": \"AnnotationPage\",\n    \"startIndex\": 0,\n"
           "    \"items\": [\n"_s;
    int written = 0;
    for (const ExportArticle &entry : set.articles) {
        const CodePointMap codePoints(entry.article.body());
        const QString source = sourceIri(entry.article);
        for (const ExportHighlight &exported : entry.highlights) {
            appendAnnotation(out, entry, exported, codePoints, source);
            out += ++written < total ? u",\n"_s : u"\n"_s;
        }
    }
    out += u"    ]\n  }\n}\n"_s;
    return out.toUtf8();
}

} // namespace Exporters
