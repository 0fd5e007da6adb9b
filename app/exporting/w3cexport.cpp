#include "exporters.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

QJsonObject annotationFor(
    const ExportArticle &entry, const ExportHighlight &exported, const QString &body)
{
    const Highlight &highlight = exported.highlight;
    QJsonArray bodies;
    for (const QString &path : exported.tagPaths)
        bodies.append(QJsonObject {
            { u"type"_s, u"TextualBody"_s },
            { u"value"_s, path },
            { u"purpose"_s, u"tagging"_s },
        });
    if (!highlight.note.trimmed().isEmpty())
        bodies.append(QJsonObject {
            { u"type"_s, u"TextualBody"_s },
            { u"value"_s, highlight.note },
            { u"format"_s, u"text/markdown"_s },
            { u"purpose"_s, u"commenting"_s },
        });
    const QJsonObject target {
        { u"source"_s, sourceIri(entry.article) },
        { u"styleClass"_s, QString(u"gloss-"_s + highlight.color) },
        { u"selector"_s,
            QJsonArray {
                QJsonObject {
                    { u"type"_s, u"TextQuoteSelector"_s },
                    { u"exact"_s, highlight.anchor.exact },
                    { u"prefix"_s, highlight.anchor.prefix },
                    { u"suffix"_s, highlight.anchor.suffix },
                },
                QJsonObject {
                    { u"type"_s, u"TextPositionSelector"_s },
                    { u"start"_s, codePointOffset(body, highlight.anchor.start) },
                    { u"end"_s, codePointOffset(body, highlight.anchor.end) },
                },
            } },
    };
    QJsonObject annotation {
        { u"@context"_s, s_context },
        { u"id"_s,
            u"urn:gloss:%1:highlight:%2"_s.arg(entry.article.contentHash.left(16))
                .arg(highlight.id) },
        { u"type"_s, u"Annotation"_s },
        { u"motivation"_s, exported.tagPaths.isEmpty() ? u"highlighting"_s : u"tagging"_s },
        { u"created"_s, timestamp(highlight.created) },
        { u"modified"_s, timestamp(highlight.modified) },
        { u"creator"_s, QJsonObject { { u"type"_s, u"Software"_s }, { u"name"_s, u"Gloss"_s } } },
        { u"target"_s, target },
        // The colour travels as a CSS class on the target, which the model requires to be
        // defined by a stylesheet on the annotation.
        { u"stylesheet"_s,
            QJsonObject {
                { u"type"_s, u"CssStylesheet"_s },
                { u"value"_s,
                    QString(u".gloss-"_s + highlight.color + u" { background-color: "_s
                        + Palette::rgbOf(highlight.color) + u"; }"_s) },
            } },
    };
    if (bodies.size() == 1)
        annotation.insert(u"body"_s, bodies.first());
    else if (!bodies.isEmpty())
        annotation.insert(u"body"_s, bodies);
    return annotation;
}

} // namespace

QByteArray w3cJson(const ExportSet &set)
{
    QJsonArray items;
    QCryptographicHash identity(QCryptographicHash::Sha256);
    for (const ExportArticle &entry : set.articles) {
        const QString body = entry.article.body();
        identity.addData(entry.article.contentHash.toLatin1());
        for (const ExportHighlight &exported : entry.highlights)
            items.append(annotationFor(entry, exported, body));
    }
    const QJsonObject collection {
        { u"@context"_s, s_context },
        { u"id"_s,
            QString(u"urn:gloss:collection:"_s
                + QString::fromLatin1(identity.result().toHex().left(32))) },
        { u"type"_s, u"AnnotationCollection"_s },
        { u"label"_s, u"Highlights exported from Gloss"_s },
        { u"total"_s, int(items.size()) },
        { u"first"_s,
            QJsonObject {
                { u"type"_s, u"AnnotationPage"_s },
                { u"startIndex"_s, 0 },
                { u"items"_s, items },
            } },
    };
    return QJsonDocument(collection).toJson(QJsonDocument::Indented);
}

} // namespace Exporters
