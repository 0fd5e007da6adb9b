#include "webannotationreader.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("WebAnnotationReader", text);
}

/// A value or the values of an array: most W3C properties may be either.
QJsonArray many(const QJsonValue &value)
{
    if (value.isArray())
        return value.toArray();
    if (value.isUndefined() || value.isNull())
        return {};
    return QJsonArray { value };
}

QString firstString(const QJsonValue &value)
{
    for (const QJsonValue &item : many(value)) {
        if (item.isString())
            return item.toString();
    }
    return {};
}

bool hasValue(const QJsonValue &value, const QString &wanted)
{
    for (const QJsonValue &item : many(value)) {
        if (item.toString() == wanted)
            return true;
    }
    return false;
}

QDateTime dateOf(const QJsonValue &value)
{
    const QString text = firstString(value);
    QDateTime date = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!date.isValid())
        date = QDateTime::fromString(text, Qt::ISODate);
    return date;
}

/// A readable name for an IRI: the last meaningful part ("…/cities#Paris" → "Paris").
QString nameOfIri(const QString &iri)
{
    const QUrl url(iri);
    QString part = url.fragment();
    if (part.isEmpty()) {
        const QStringList segments = url.path().split(u'/', Qt::SkipEmptyParts);
        part = segments.isEmpty() ? url.host() : segments.back();
    }
    part = QUrl::fromPercentEncoding(part.toUtf8());
    return part.isEmpty() ? iri : part;
}

/// Who made it: a W3C Agent (name, nickname, id), an IRI, or Hypothesis's "acct:name@host".
QString agentName(const QJsonValue &value)
{
    for (const QJsonValue &item : many(value)) {
        if (item.isObject()) {
            const QJsonObject agent = item.toObject();
            // The program that wrote the file is not who annotated.
            if (hasValue(agent.value(u"type"_s), u"Software"_s))
                continue;
            for (const QString &key : { u"name"_s, u"nickname"_s, u"id"_s }) {
                const QString name = firstString(agent.value(key));
                if (!name.isEmpty())
                    return key == u"id"_s ? nameOfIri(name) : name;
            }
        } else if (item.isString()) {
            QString name = item.toString();
            if (name.startsWith(u"acct:"_s))
                return name.mid(5).section(u'@', 0, 0);
            return nameOfIri(name);
        }
    }
    return {};
}

bool isNonNegativeInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    return number >= 0 && number <= 2147483647.0 && number == std::floor(number);
}

/// Reads selectors into a target, following refinedBy. `base` is where the outer segment
/// starts (-1 when it is somewhere Gloss cannot know, such as an XPath into a page).
class SelectorReader
{
public:
    SelectorReader(ForeignTarget &target, QStringList &problems, const QString &label)
        : m_target(target)
        , m_problems(problems)
        , m_label(label)
    { }

    /// The selectors of one target are alternatives that should select the same text: what
    /// each gives is combined (a quote from one, positions from another).
    void readAlternatives(const QJsonValue &selectors, qint64 base, int depth)
    {
        for (const QJsonValue &value : many(selectors)) {
            if (value.isObject())
                readOne(value.toObject(), base, depth);
        }
    }

private:
    void readOne(const QJsonObject &selector, qint64 base, int depth)
    {
        if (depth > 32) {
            problem(tr("its selectors are refined more than 32 levels deep; the inner ones "
                       "were not read"));
            return;
        }
        const QString type = firstString(selector.value(u"type"_s));
        qint64 segmentStart = -1; // where what this selector selects begins, when known
        if (type == u"TextQuoteSelector"_s) {
            const QString exact = selector.value(u"exact"_s).toString();
            if (exact.isEmpty()) {
                problem(tr("its quote selector has no text"));
            } else if (m_target.exact.isEmpty()) {
                m_target.exact = exact;
                m_target.prefix = selector.value(u"prefix"_s).toString();
                m_target.suffix = selector.value(u"suffix"_s).toString();
                if (base >= 0 && m_target.hint < 0)
                    m_target.hint = base;
            }
        } else if (type == u"TextPositionSelector"_s) {
            const QJsonValue start = selector.value(u"start"_s);
            const QJsonValue end = selector.value(u"end"_s);
            if (!isNonNegativeInteger(start) || !isNonNegativeInteger(end)
                || end.toDouble() < start.toDouble()) {
                problem(tr("its position selector (start %1, end %2) is not a range of text; "
                           "it was not used")
                            .arg(start.toVariant().toString(), end.toVariant().toString()));
            } else if (base >= 0) {
                // (Counted from a segment Gloss cannot locate, an XPath or a CSS selector, they
                // are of no use.) Refined, they only say where the inner selector counts from.
                segmentStart = base + qint64(start.toDouble());
                if (!m_target.hasPositions() && !selector.contains(u"refinedBy"_s)) {
                    m_target.start = segmentStart;
                    m_target.end = base + qint64(end.toDouble());
                }
            }
        } else if (type == u"FragmentSelector"_s) {
            // RFC 5147 fragments of plain text: "char=10,20" or "char=10".
            static const QRegularExpression chars(uR"(^char=(\d{1,9})(?:,(\d{1,9}))?$)"_s);
            const QRegularExpressionMatch match
                = chars.match(selector.value(u"value"_s).toString().trimmed());
            if (match.hasMatch() && base >= 0) {
                segmentStart = base + match.captured(1).toLongLong();
                if (!match.captured(2).isEmpty() && !m_target.hasPositions()
                    && !selector.contains(u"refinedBy"_s)) {
                    m_target.start = segmentStart;
                    m_target.end = base + match.captured(2).toLongLong();
                    if (m_target.end < m_target.start)
                        m_target.start = m_target.end = -1;
                }
            }
        } else if (type == u"RangeSelector"_s && selector.contains(u"startSelector"_s)) {
            readRange(selector, base);
        }
        // Other selectors (XPath, CSS, Hypothesis's XPath ranges, data positions, SVG) point
        // into a page's markup or bytes: what they refine is counted from an unknown place.
        const QJsonValue refined = selector.value(u"refinedBy"_s);
        if (!refined.isUndefined())
            readAlternatives(refined, segmentStart, depth + 1);
    }

    void readRange(const QJsonObject &selector, qint64 base)
    {
        const QJsonObject from = selector.value(u"startSelector"_s).toObject();
        const QJsonObject to = selector.value(u"endSelector"_s).toObject();
        const QString fromType = firstString(from.value(u"type"_s));
        const QString toType = firstString(to.value(u"type"_s));
        if (fromType == u"TextPositionSelector"_s && toType == fromType && base >= 0) {
            const QJsonValue start = from.value(u"start"_s);
            const QJsonValue end = to.value(u"start"_s);
            if (isNonNegativeInteger(start) && isNonNegativeInteger(end)
                && end.toDouble() >= start.toDouble() && !m_target.hasPositions()) {
                m_target.start = base + qint64(start.toDouble());
                m_target.end = base + qint64(end.toDouble());
            }
        } else if (fromType == u"TextQuoteSelector"_s && toType == fromType) {
            m_target.rangeStartQuote = from.value(u"exact"_s).toString();
            m_target.rangeEndQuote = to.value(u"exact"_s).toString();
        }
    }

    void problem(const QString &what)
    {
        m_problems.append(tr("%1: %2.").arg(m_label, what));
    }

    ForeignTarget &m_target;
    QStringList &m_problems;
    QString m_label;
};

/// What the bodies of one annotation say, applied to each of its targets.
struct Bodies
{
    QStringList tags;
    QStringList notes;
    QStringList links;
};

void readBody(const QJsonValue &value, bool taggingByDefault, Bodies &bodies, int depth = 0)
{
    if (depth > 8)
        return;
    if (value.isString()) {
        // A body given as a string is the IRI of a resource, never text to show.
        bodies.links.append(value.toString());
        return;
    }
    const QJsonObject body = value.toObject();
    if (body.isEmpty())
        return;
    const QString type = firstString(body.value(u"type"_s));
    if (type == u"Choice"_s) {
        // A choice of alternatives: the first is the one to show.
        const QJsonArray items = many(body.value(u"items"_s));
        if (!items.isEmpty())
            readBody(items.first(), taggingByDefault, bodies, depth + 1);
        return;
    }
    const QJsonArray purposes = many(body.value(u"purpose"_s));
    const bool tagging = hasValue(purposes, u"tagging"_s) || hasValue(purposes, u"classifying"_s)
        || (purposes.isEmpty() && taggingByDefault);
    // TextualBody holds "value"; drafts and some tools wrote "text".
    const bool textual = type == u"TextualBody"_s || body.contains(u"value"_s)
        || (type.isEmpty() && body.contains(u"text"_s));
    if (textual) {
        const QString text = body.contains(u"value"_s) ? firstString(body.value(u"value"_s))
                                                      : body.value(u"text"_s).toString();
        if (text.trimmed().isEmpty())
            return;
        if (tagging)
            bodies.tags.append(text.trimmed());
        else
            bodies.notes.append(text);
        return;
    }
    if (type == u"SpecificResource"_s) {
        const QString source = body.value(u"source"_s).isObject()
            ? firstString(body.value(u"source"_s).toObject().value(u"id"_s))
            : firstString(body.value(u"source"_s));
        if (source.isEmpty())
            return;
        if (tagging)
            bodies.tags.append(nameOfIri(source));
        else
            bodies.links.append(source);
        return;
    }
    // An external resource described by its id (an image, a page, a dataset).
    const QString id = firstString(body.value(u"id"_s));
    if (!id.isEmpty()) {
        if (tagging)
            bodies.tags.append(nameOfIri(id));
        else
            bodies.links.append(id);
    }
}

class Reader
{
public:
    WebAnnotationFile file;

    Result<void> readTop(const QJsonDocument &document)
    {
        if (document.isArray()) {
            for (const QJsonValue &item : document.array()) {
                if (auto read = readItem(item, 0); !read)
                    return read;
            }
            return {};
        }
        return readItem(document.object(), 0);
    }

    void threadReplies()
    {
        // Hypothesis replies become part of the note of the annotation they answer; the
        // order of ids in "references" is not documented, so any of them present will do.
        for (const Reply &reply : std::as_const(m_replies)) {
            ForeignAnnotation *parent = nullptr;
            for (const QString &id : reply.references) {
                if (const auto it = m_byOrigin.constFind(id); it != m_byOrigin.cend()) {
                    parent = &file.annotations[*it];
                    break;
                }
            }
            if (!parent) {
                file.skipped.append(tr("%1: a reply to an annotation that is not in this file; "
                                       "it was not imported.")
                                        .arg(reply.label));
                continue;
            }
            const QString who = reply.annotator.isEmpty() ? tr("someone") : reply.annotator;
            parent->note += (parent->note.isEmpty() ? QString() : u"\n\n"_s)
                + tr("Reply from %1: %2").arg(who, reply.text);
            file.notes.append(tr("%1: a reply, added to the note of %2.").arg(reply.label, parent->label));
        }
    }

private:
    struct Reply
    {
        QString label;
        QStringList references;
        QString annotator;
        QString text;
    };

    Result<void> readItem(const QJsonValue &value, int depth)
    {
        if (depth > 16)
            return ResultError(tr("The file nests collections more than 16 deep."), ErrorKind::InvalidInput);
        if (value.isArray()) {
            for (const QJsonValue &item : value.toArray()) {
                if (auto read = readItem(item, depth + 1); !read)
                    return read;
            }
            return {};
        }
        if (!value.isObject())
            return {};
        const QJsonObject object = value.toObject();
        const QJsonArray types = many(object.value(u"type"_s));
        if (hasValue(types, u"Annotation"_s))
            return readW3c(object);
        if (hasValue(types, u"AnnotationCollection"_s) || hasValue(types, u"AnnotationPage"_s)) {
            m_kind = u"W3C Web Annotation"_s;
            for (const QString &key : { u"first"_s, u"items"_s, u"next"_s }) {
                const QJsonValue part = object.value(key);
                if (part.isString() && key != u"next"_s) {
                    file.skipped.append(tr("The collection's annotations are not in the file but "
                                           "at %1; save them into the file to import them.")
                                            .arg(part.toString()));
                } else if (part.isObject() || part.isArray()) {
                    if (auto read = readItem(part, depth + 1); !read)
                        return read;
                }
            }
            return {};
        }
        // Hypothesis: a search response, the client's export, or one annotation.
        if (object.value(u"rows"_s).isArray())
            return readItem(object.value(u"rows"_s), depth + 1);
        if (object.value(u"annotations"_s).isArray())
            return readItem(object.value(u"annotations"_s), depth + 1);
        if (object.value(u"target"_s).isArray()
            && (object.contains(u"uri"_s) || object.contains(u"user"_s)
                || object.contains(u"tags"_s) || object.contains(u"text"_s)))
            return readHypothesis(object);
        return {};
    }

    Result<void> count()
    {
        if (++file.found > WebAnnotationReader::MaximumAnnotations) {
            return ResultError(tr("The file holds more than %L1 annotations, more than Gloss "
                                  "imports from one file; split it and import the parts.")
                                   .arg(WebAnnotationReader::MaximumAnnotations),
                ErrorKind::InvalidInput);
        }
        return {};
    }

    QString labelFor(const QString &id) const
    {
        return id.isEmpty() ? tr("annotation %1").arg(file.found) : tr("annotation %1").arg(id);
    }

    Result<void> readW3c(const QJsonObject &annotation)
    {
        if (auto counted = count(); !counted)
            return counted;
        if (m_kind.isEmpty())
            m_kind = u"W3C Web Annotation"_s;
        const QString id = firstString(annotation.value(u"id"_s));
        const QString label = labelFor(id);
        const bool taggingByDefault = hasValue(annotation.value(u"motivation"_s), u"tagging"_s);
        Bodies bodies;
        if (annotation.contains(u"bodyValue"_s)) {
            const QString text = firstString(annotation.value(u"bodyValue"_s));
            if (!text.trimmed().isEmpty())
                (taggingByDefault ? bodies.tags : bodies.notes).append(text);
        }
        for (const QJsonValue &body : many(annotation.value(u"body"_s)))
            readBody(body, taggingByDefault, bodies);

        ForeignAnnotation base;
        base.origin = id;
        base.tagPaths = bodies.tags;
        base.note = bodies.notes.join(u"\n\n"_s);
        base.links = bodies.links;
        base.annotator = agentName(annotation.value(u"creator"_s));
        base.created = dateOf(annotation.value(u"created"_s));
        base.modified = dateOf(annotation.value(u"modified"_s));

        const QJsonArray targets = many(annotation.value(u"target"_s));
        int taken = 0;
        for (qsizetype i = 0; i < targets.size(); ++i) {
            ForeignAnnotation item = base;
            item.label = targets.size() > 1 ? tr("%1, target %2").arg(label).arg(i + 1) : label;
            if (targets.size() > 1 && !id.isEmpty())
                item.origin = id + u"#target-"_s + QString::number(i + 1);
            const QJsonValue target = targets.at(i);
            if (target.isString()) {
                file.skipped.append(tr("%1: it is about the whole of %2, not a passage of it; "
                                       "Gloss keeps notes on passages.")
                                        .arg(item.label, target.toString()));
                continue;
            }
            const QJsonObject object = target.toObject();
            const QJsonValue source = object.value(u"source"_s);
            const QString sourceIri = source.isObject() ? firstString(source.toObject().value(u"id"_s))
                                                        : firstString(source);
            if (!sourceIri.isEmpty())
                item.sources.append(sourceIri);
            const QString styleClass = object.value(u"styleClass"_s).toString();
            if (styleClass.startsWith(u"gloss-"_s))
                item.color = styleClass.mid(6);
            SelectorReader selectors(item.target, file.notes, item.label);
            selectors.readAlternatives(object.value(u"selector"_s), 0, 0);
            if (item.target.isEmpty()) {
                file.skipped.append(tr("%1: it has no selector Gloss can place in a text (a quote "
                                       "or positions), so it was not imported.")
                                        .arg(item.label));
                continue;
            }
            add(std::move(item));
            ++taken;
        }
        if (targets.isEmpty())
            file.skipped.append(tr("%1: it has no target, so there is nothing to place.").arg(label));
        return {};
    }

    Result<void> readHypothesis(const QJsonObject &annotation)
    {
        if (auto counted = count(); !counted)
            return counted;
        if (m_kind.isEmpty())
            m_kind = u"Hypothesis"_s;
        const QString id = annotation.value(u"id"_s).toString();
        const QString label = labelFor(id);
        const QString annotator = agentName(annotation.value(u"user"_s));
        const QString text = annotation.value(u"text"_s).toString();
        const QJsonArray references = annotation.value(u"references"_s).toArray();
        if (!references.isEmpty()) {
            Reply reply { label, {}, annotator, text };
            for (const QJsonValue &reference : references)
                reply.references.append(reference.toString());
            m_replies.append(reply);
            return {};
        }
        ForeignAnnotation item;
        item.label = label;
        item.origin = id;
        item.note = text;
        item.annotator = annotator;
        for (const QJsonValue &tag : annotation.value(u"tags"_s).toArray()) {
            if (!tag.toString().trimmed().isEmpty())
                item.tagPaths.append(tag.toString().trimmed());
        }
        item.created = dateOf(annotation.value(u"created"_s));
        item.modified = dateOf(annotation.value(u"updated"_s));
        const QJsonValue title = annotation.value(u"document"_s).toObject().value(u"title"_s);
        item.documentTitle = firstString(title);
        const QJsonArray targets = annotation.value(u"target"_s).toArray();
        const QJsonObject target = targets.isEmpty() ? QJsonObject() : targets.first().toObject();
        const QString source = target.value(u"source"_s).toString();
        if (!source.isEmpty())
            item.sources.append(source);
        const QString uri = annotation.value(u"uri"_s).toString();
        if (!uri.isEmpty() && uri != source)
            item.sources.append(uri);
        // Hypothesis counts positions as the browser does, in UTF-16 units.
        item.target.unit = PositionUnit::Utf16;
        SelectorReader selectors(item.target, file.notes, label);
        selectors.readAlternatives(target.value(u"selector"_s), 0, 0);
        if (item.target.isEmpty()) {
            file.skipped.append(tr("%1: a note on the whole page, with no passage selected; Gloss "
                                   "keeps notes on passages, so it was not imported.")
                                    .arg(label));
            return {};
        }
        add(std::move(item));
        return {};
    }

    void add(ForeignAnnotation &&item)
    {
        if (!item.origin.isEmpty())
            m_byOrigin.insert(item.origin, int(file.annotations.size()));
        file.annotations.append(std::move(item));
    }

public:
    QString m_kind;

private:
    QList<Reply> m_replies;
    QHash<QString, int> m_byOrigin;
};

} // namespace

namespace WebAnnotationReader {

Result<WebAnnotationFile> read(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        return ResultError(tr("The file is not valid JSON (%1, at byte %2).")
                               .arg(error.errorString())
                               .arg(error.offset),
            ErrorKind::InvalidInput);
    }
    Reader reader;
    if (auto read = reader.readTop(document); !read)
        return read.failure();
    reader.threadReplies();
    if (reader.file.found == 0 && !reader.file.skipped.isEmpty())
        return ResultError(reader.file.skipped.front(), ErrorKind::InvalidInput);
    if (reader.file.found == 0) {
        return ResultError(tr("The file holds no web annotation: neither W3C Web Annotation "
                              "(\"type\": \"Annotation\") nor Hypothesis annotations."),
            ErrorKind::InvalidInput);
    }
    reader.file.kind = reader.m_kind;
    return std::move(reader.file);
}

} // namespace WebAnnotationReader
