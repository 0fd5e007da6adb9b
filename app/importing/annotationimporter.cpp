#include "annotationimporter.h"
#include "annotation/annotationservice.h"
#include "annotation/annotationstore.h"
#include "library/librarystore.h"
#include "library/sqlhelpers.h"
#include "zipreader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AnnotationImporter", text);
}

/// One annotation as read from a file, before it is placed.
struct Incoming
{
    QString label; ///< how the report names it
    QList<qint64> articles; ///< candidate articles, best first
    QString exact, prefix, suffix;
    int codePointStart = -1;
    int codePointEnd = -1;
    QStringList tagPaths;
    QString note;
    QString color;
    QDateTime created;
    QDateTime modified;
};

int utf16Offset(const QString &text, int codePoints)
{
    int points = 0;
    for (int i = 0; i < text.size(); ++i) {
        if (points == codePoints)
            return i;
        if (!text.at(i).isLowSurrogate())
            ++points;
    }
    return points == codePoints ? int(text.size()) : -1;
}

QJsonArray asArray(const QJsonValue &value)
{
    if (value.isArray())
        return value.toArray();
    if (value.isUndefined() || value.isNull())
        return {};
    return QJsonArray { value };
}

bool hasPurpose(const QJsonObject &body, const QString &purpose)
{
    for (const QJsonValue &value : asArray(body.value(u"purpose"_s))) {
        if (value.toString() == purpose)
            return true;
    }
    return false;
}

void collectAnnotations(const QJsonValue &value, QList<QJsonObject> &out)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectAnnotations(item, out);
        return;
    }
    const QJsonObject object = value.toObject();
    const QJsonArray types = asArray(object.value(u"type"_s));
    if (std::any_of(types.cbegin(), types.cend(),
            [](const QJsonValue &type) { return type.toString() == u"Annotation"_s; })) {
        out.append(object);
        return;
    }
    for (const QString &key : { u"first"_s, u"items"_s })
        if (object.contains(key))
            collectAnnotations(object.value(key), out);
}

class Importer
{
public:
    Importer(LibraryStore &library)
        : m_library(library)
        , m_store(library)
    { }

    Result<QList<qint64>> articlesForSource(const QString &iri, const QString &id)
    {
        // Gloss's own ids carry the article's content hash: the surest match.
        static const QRegularExpression glossId(uR"(^urn:gloss:([0-9a-f]{16}):highlight:)"_s);
        const QRegularExpressionMatch match = glossId.match(id);
        if (match.hasMatch()) {
            Result<QList<qint64>> byHash = m_library.articlesWithHashPrefix(match.captured(1));
            if (!byHash || !byHash->isEmpty())
                return byHash;
        }
        if (iri.startsWith(u"urn:sha256:"_s))
            return m_library.articlesWithHashPrefix(iri.mid(11));
        const QUrl url(iri);
        if (url.isLocalFile())
            return m_library.articlesWithSource(url.toLocalFile());
        return m_library.articlesWithUrl(iri);
    }

    Result<QList<Incoming>> readJson(const QByteArray &bytes)
    {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
        if (error.error != QJsonParseError::NoError)
            return ResultError(tr("The file is not valid JSON: %1.").arg(error.errorString()));
        QList<QJsonObject> annotations;
        collectAnnotations(
            document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object()),
            annotations);
        if (annotations.isEmpty())
            return ResultError(tr("The file holds no Web Annotation."));
        QList<Incoming> incoming;
        for (const QJsonObject &annotation : std::as_const(annotations)) {
            Incoming item;
            const QString id = annotation.value(u"id"_s).toString();
            item.label = id.isEmpty() ? tr("annotation %1").arg(incoming.size() + 1) : id;
            item.created
                = QDateTime::fromString(annotation.value(u"created"_s).toString(), Qt::ISODate);
            item.modified
                = QDateTime::fromString(annotation.value(u"modified"_s).toString(), Qt::ISODate);
            QJsonObject target;
            for (const QJsonValue &candidate : asArray(annotation.value(u"target"_s))) {
                if (candidate.isObject() && candidate.toObject().contains(u"selector"_s)) {
                    target = candidate.toObject();
                    break;
                }
            }
            if (target.isEmpty()) {
                m_problems.append(
                    tr("%1: it has no text selector, so it cannot be placed.").arg(item.label));
                continue;
            }
            const QString styleClass = target.value(u"styleClass"_s).toString();
            if (styleClass.startsWith(u"gloss-"_s) && Palette::isValidKey(styleClass.mid(6)))
                item.color = styleClass.mid(6);
            for (const QJsonValue &value : asArray(target.value(u"selector"_s))) {
                const QJsonObject selector = value.toObject();
                const QString type = selector.value(u"type"_s).toString();
                if (type == u"TextQuoteSelector"_s) {
                    item.exact = selector.value(u"exact"_s).toString();
                    item.prefix = selector.value(u"prefix"_s).toString();
                    item.suffix = selector.value(u"suffix"_s).toString();
                } else if (type == u"TextPositionSelector"_s) {
                    item.codePointStart = selector.value(u"start"_s).toInt(-1);
                    item.codePointEnd = selector.value(u"end"_s).toInt(-1);
                }
            }
            for (const QJsonValue &value : asArray(annotation.value(u"body"_s))) {
                const QJsonObject body = value.toObject();
                const QString text
                    = value.isString() ? value.toString() : body.value(u"value"_s).toString();
                if (hasPurpose(body, u"tagging"_s))
                    item.tagPaths.append(text);
                else if (!text.trimmed().isEmpty())
                    item.note = item.note.isEmpty() ? text : item.note + u"\n\n"_s + text;
            }
            Result<QList<qint64>> articles
                = articlesForSource(target.value(u"source"_s).toString(), id);
            if (!articles)
                return articles.failure();
            item.articles = *articles;
            incoming.append(item);
        }
        return incoming;
    }

    Result<QList<Incoming>> readQdpx(const QByteArray &bytes)
    {
        Result<ZipReader> zip = ZipReader::open(bytes);
        if (!zip)
            return zip.failure();
        Result<QByteArray> project = zip->read(u"project.qde"_s);
        if (!project)
            return ResultError(
                tr("The archive has no project.qde, so it is not a REFI-QDA project."));
        QXmlStreamReader xml(*project);
        QHash<QString, QString> codePaths; // guid → path
        QStringList openCodes;
        QHash<QString, QString> notes; // guid → text
        struct Selection
        {
            int start = 0, end = 0;
            QStringList codes, notes;
            QDateTime created;
            QString name;
        };
        struct Source
        {
            QString name, path, content;
            QList<Selection> selections;
        };
        QList<Source> sources;
        QString noteGuid;
        bool inNote = false;
        while (!xml.atEnd()) {
            xml.readNext();
            const QString element = xml.name().toString();
            if (xml.isStartElement()) {
                const QXmlStreamAttributes attributes = xml.attributes();
                if (element == u"Code"_s) {
                    openCodes.append(attributes.value(u"name"_s).toString().replace(u'/', u'-'));
                    codePaths.insert(attributes.value(u"guid"_s).toString(), openCodes.join(u'/'));
                } else if (element == u"TextSource"_s && !inNote) {
                    Source source;
                    source.name = attributes.value(u"name"_s).toString();
                    source.path = attributes.value(u"plainTextPath"_s).toString();
                    sources.append(source);
                } else if (element == u"Note"_s) {
                    inNote = true;
                    noteGuid = attributes.value(u"guid"_s).toString();
                } else if (element == u"PlainTextContent"_s) {
                    const QString text = xml.readElementText();
                    if (inNote)
                        notes.insert(noteGuid, text);
                    else if (!sources.isEmpty())
                        sources.back().content = text;
                } else if (element == u"PlainTextSelection"_s && !sources.isEmpty()) {
                    Selection selection;
                    selection.start = attributes.value(u"startPosition"_s).toInt();
                    selection.end = attributes.value(u"endPosition"_s).toInt();
                    selection.name = attributes.value(u"name"_s).toString();
                    selection.created = QDateTime::fromString(
                        attributes.value(u"creationDateTime"_s).toString(), Qt::ISODate);
                    sources.back().selections.append(selection);
                } else if (element == u"CodeRef"_s && !sources.isEmpty()
                    && !sources.back().selections.isEmpty()) {
                    sources.back().selections.back().codes.append(
                        attributes.value(u"targetGUID"_s).toString());
                } else if (element == u"NoteRef"_s && !sources.isEmpty()
                    && !sources.back().selections.isEmpty()) {
                    sources.back().selections.back().notes.append(
                        attributes.value(u"targetGUID"_s).toString());
                }
            } else if (xml.isEndElement()) {
                if (element == u"Code"_s && !openCodes.isEmpty())
                    openCodes.removeLast();
                else if (element == u"Note"_s)
                    inNote = false;
            }
        }
        if (xml.hasError())
            return ResultError(tr("project.qde is not valid XML: %1.").arg(xml.errorString()));

        QList<Incoming> incoming;
        for (const Source &source : std::as_const(sources)) {
            QString text = source.content;
            if (source.path.startsWith(u"internal://"_s)) {
                Result<QByteArray> member = zip->read(u"sources/"_s + source.path.mid(11));
                if (!member) {
                    m_problems.append(tr("Source “%1”: %2").arg(source.name, member.error()));
                    continue;
                }
                text = QString::fromUtf8(*member);
            }
            text = text.normalized(QString::NormalizationForm_C);
            // The source's text must be an article's text: matched by title, then checked.
            QList<qint64> articles;
            Result<QList<qint64>> byTitle = m_library.articlesWithTitle(source.name);
            if (!byTitle)
                return byTitle.failure();
            for (qint64 id : std::as_const(*byTitle)) {
                Result<Article> article = m_library.article(id);
                if (article && article->body() == text)
                    articles.append(id);
            }
            for (const Selection &selection : source.selections) {
                Incoming item;
                item.label = tr("“%1” in “%2”").arg(selection.name.left(40), source.name);
                item.articles = articles;
                const int start = utf16Offset(text, selection.start);
                const int end = utf16Offset(text, selection.end);
                if (start >= 0 && end >= start) {
                    item.exact = text.mid(start, end - start);
                    item.prefix = text.mid(std::max(0, start - 32), std::min(32, start));
                    item.suffix = text.mid(end, 32);
                }
                item.codePointStart = selection.start;
                item.codePointEnd = selection.end;
                for (const QString &code : selection.codes) {
                    if (codePaths.contains(code))
                        item.tagPaths.append(codePaths.value(code));
                }
                QStringList texts;
                for (const QString &note : selection.notes)
                    texts.append(notes.value(note));
                item.note = texts.join(u"\n\n"_s).trimmed();
                item.created = selection.created;
                incoming.append(item);
            }
        }
        return incoming;
    }

    Result<qint64> tagFor(const QString &path)
    {
        Result<QStringList> names = AnnotationService::splitTagPath(path);
        if (!names)
            return names.failure();
        return m_store.ensureTagPath(*names);
    }

    Result<void> place(const Incoming &item, AnnotationImportReport &report)
    {
        if (item.articles.isEmpty()) {
            ++report.unmatched;
            m_problems.append(tr("%1: no article in the library matches its source; import the "
                                 "article first.")
                                  .arg(item.label));
            return {};
        }
        const qint64 articleId = item.articles.front();
        Result<Article> article = m_library.article(articleId);
        if (!article)
            return article.failure();
        const QString body = article->body();
        TextAnchor wanted;
        wanted.exact = item.exact;
        wanted.prefix = item.prefix;
        wanted.suffix = item.suffix;
        wanted.start = item.codePointStart >= 0 ? utf16Offset(body, item.codePointStart) : 0;
        wanted.end = item.codePointEnd >= 0 ? utf16Offset(body, item.codePointEnd) : 0;
        if (wanted.exact.isEmpty() && wanted.start >= 0 && wanted.end > wanted.start)
            wanted.exact = body.mid(wanted.start, wanted.end - wanted.start);
        const AnchorResolution placed = Anchoring::resolve(wanted, body);

        QList<qint64> tagIds;
        for (const QString &path : item.tagPaths) {
            Result<qint64> tag = tagFor(path);
            if (!tag) {
                m_problems.append(
                    tr("%1: tag “%2” left out: %3").arg(item.label, path, tag.error()));
                continue;
            }
            tagIds.append(*tag);
        }

        Highlight highlight;
        highlight.articleId = articleId;
        if (placed.status == AnchorStatus::Orphaned) {
            highlight.anchor = wanted;
            highlight.status = AnchorStatus::Orphaned;
            ++report.orphaned;
            m_problems.append(tr("%1: its text was not found in “%2”; kept as an orphan to "
                                 "re-attach.")
                                  .arg(item.label, article->title));
        } else {
            highlight.anchor = Anchoring::anchorFor(body, placed.start, placed.end);
            highlight.status = placed.status;
        }
        // The same highlight already here: add what it lacks, create nothing.
        Result<QList<Highlight>> existing = m_store.highlightsOf(articleId);
        if (!existing)
            return existing.failure();
        for (Highlight present : std::as_const(*existing)) {
            if (present.anchor.start == highlight.anchor.start
                && present.anchor.end == highlight.anchor.end
                && present.anchor.exact == highlight.anchor.exact) {
                bool changed = false;
                for (qint64 tag : std::as_const(tagIds)) {
                    if (!present.tagIds.contains(tag)) {
                        present.tagIds.append(tag);
                        changed = true;
                    }
                }
                if (present.note.isEmpty() && !item.note.isEmpty()) {
                    present.note = item.note;
                    changed = true;
                }
                ++report.duplicates;
                if (placed.status == AnchorStatus::Orphaned)
                    --report.orphaned;
                return changed ? m_store.updateHighlight(present) : Result<void>();
            }
        }
        highlight.color = item.color.isEmpty() ? Palette::defaultKey() : item.color;
        highlight.tagIds = tagIds;
        highlight.note = item.note;
        highlight.created = item.created.isValid() ? item.created : QDateTime::currentDateTimeUtc();
        highlight.modified = item.modified.isValid() ? item.modified : highlight.created;
        Result<qint64> inserted = m_store.insertHighlight(highlight);
        if (!inserted)
            return inserted.failure();
        ++report.added;
        return {};
    }

    QStringList m_problems;

private:
    LibraryStore &m_library;
    AnnotationStore m_store;
};

} // namespace

QString AnnotationImportReport::countsLine() const
{
    return u"added %1, already there %2, orphaned %3, unmatched %4"_s.arg(added)
        .arg(duplicates)
        .arg(orphaned)
        .arg(unmatched);
}

AnnotationImporter::AnnotationImporter(LibraryStore &library)
    : m_library(library)
{ }

Result<AnnotationImportReport> AnnotationImporter::importFile(
    const QString &path, const std::atomic_bool *cancel, const Progress &progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ResultError(tr("Cannot open “%1”: %2.").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    if (bytes.isEmpty())
        return ResultError(tr("“%1” is empty.").arg(path));
    Importer importer(m_library);
    const bool zip = bytes.startsWith("PK\x03\x04");
    Result<QList<Incoming>> incoming = zip ? importer.readQdpx(bytes) : importer.readJson(bytes);
    if (!incoming)
        return ResultError(tr("%1: %2").arg(QFileInfo(path).fileName(), incoming.error()));
    AnnotationImportReport report;
    ScopedTransaction transaction(m_library.connectionName());
    if (!transaction.began())
        return ResultError(transaction.began().error());
    const int total = int(incoming->size());
    for (int done = 0; done < total; ++done) {
        if (cancel && cancel->load())
            return ResultError(tr("Import cancelled; nothing was imported."));
        if (auto placed = importer.place(incoming->at(done), report); !placed)
            return placed.failure(); // rolled back whole
        if (progress && (done % 200 == 0 || done + 1 == total))
            progress(done + 1, total);
    }
    if (auto committed = transaction.commit(); !committed)
        return committed.failure();
    report.problems = importer.m_problems;
    return report;
}
