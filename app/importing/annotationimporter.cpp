#include "annotationimporter.h"
#include "annotation/annotationservice.h"
#include "annotation/annotationstore.h"
#include "library/librarystore.h"
#include "library/librarywriter.h"
#include "library/sqlhelpers.h"
#include "core/zipreader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrl>
#include <QUuid>
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

/// An annotation ready to be written: its highlight (without tags yet) and its tag paths.
struct Planned
{
    QString label;
    Highlight highlight;
    QStringList tagPaths; ///< checked, '/'-joined
    QString articleTitle; ///< for the report of an orphan
    QString textHash; ///< the article's text the anchor was placed in
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
        Result<QByteArray> project = zip->read(zip->findIgnoringCase(u"project.qde"_s));
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

    /// Where an annotation goes, decided on the reading side: its article, its anchor in the
    /// article's text, or why it cannot go anywhere.
    Result<std::optional<Planned>> plan(const Incoming &item, AnnotationImportReport &report)
    {
        if (item.articles.isEmpty()) {
            ++report.unmatched;
            m_problems.append(tr("%1: no article in the library matches its source; import the "
                                 "article first.")
                                  .arg(item.label));
            return std::optional<Planned>();
        }
        const qint64 articleId = item.articles.front();
        auto cached = m_bodies.constFind(articleId);
        if (cached == m_bodies.constEnd()) {
            Result<Article> article = m_library.article(articleId);
            if (!article)
                return article.failure();
            cached = m_bodies.insert(articleId, { article->body(), article->title, article->contentHash });
        }
        const QString &body = cached->body;
        TextAnchor wanted;
        wanted.exact = item.exact;
        wanted.prefix = item.prefix;
        wanted.suffix = item.suffix;
        wanted.start = item.codePointStart >= 0 ? utf16Offset(body, item.codePointStart) : 0;
        wanted.end = item.codePointEnd >= 0 ? utf16Offset(body, item.codePointEnd) : 0;
        if (wanted.exact.isEmpty() && wanted.start >= 0 && wanted.end > wanted.start)
            wanted.exact = body.mid(wanted.start, wanted.end - wanted.start);
        const AnchorResolution placed = Anchoring::resolve(wanted, body);

        Planned planned;
        planned.label = item.label;
        planned.textHash = cached->hash;
        planned.highlight.articleId = articleId;
        if (placed.status == AnchorStatus::Orphaned) {
            planned.highlight.anchor = wanted;
            planned.highlight.status = AnchorStatus::Orphaned;
            planned.articleTitle = cached->title;
        } else {
            planned.highlight.anchor = Anchoring::anchorFor(body, placed.start, placed.end);
            planned.highlight.status = placed.status;
        }
        planned.highlight.color = item.color.isEmpty() ? Palette::defaultKey() : item.color;
        planned.highlight.note = item.note;
        planned.highlight.created
            = item.created.isValid() ? item.created : QDateTime::currentDateTimeUtc();
        planned.highlight.modified = item.modified.isValid() ? item.modified : planned.highlight.created;
        for (const QString &path : item.tagPaths) {
            Result<QStringList> names = AnnotationService::splitTagPath(path);
            if (!names) {
                m_problems.append(
                    tr("%1: tag “%2” left out: %3").arg(item.label, path, names.error()));
                continue;
            }
            planned.tagPaths.append(names->join(u'/'));
        }
        return std::optional<Planned>(planned);
    }

    QStringList m_problems;

private:
    struct Text
    {
        QString body;
        QString title;
        QString hash;
    };
    QHash<qint64, Text> m_bodies;

public:

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

namespace {

constexpr int AnnotationsPerJob = 100;
// An import whose journal has not moved for this long died with its program.
constexpr qint64 AbandonedAfterSeconds = 120;

QString journalTime()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

QString staleBefore()
{
    return QDateTime::currentDateTimeUtc().addSecs(-AbandonedAfterSeconds).toString(Qt::ISODate);
}

/// Writes planned annotations in the writer's transaction, noting in the journal everything it
/// adds, so that a cancel, a failure or a crash can take the import back whole.
class JournalWriter
{
public:
    explicit JournalWriter(QString run)
        : m_run(std::move(run))
    { }

    Result<void> note(LibraryStore &store, const QString &kind, qint64 rowId, const QString &before)
    {
        Result<QSqlQuery> noted = Sql::query(store.connectionName(),
            u"INSERT INTO import_journal (run, seq, kind, row_id, before) VALUES (?, ?, ?, ?, ?)"_s,
            { m_run, ++m_sequence, kind, rowId, Sql::text(before) });
        return noted ? Result<void>() : noted.failure();
    }

    Result<void> heartbeat(LibraryStore &store)
    {
        Result<QSqlQuery> beat = Sql::query(store.connectionName(),
            u"INSERT INTO import_journal (run, seq, kind, row_id, before) VALUES (?, 0, 'run', "
            "0, ?) ON CONFLICT(run, seq) DO UPDATE SET before = excluded.before"_s,
            { m_run, journalTime() });
        return beat ? Result<void>() : beat.failure();
    }

    Result<qint64> tagFor(LibraryStore &store, const QString &path)
    {
        AnnotationStore annotations(store);
        if (!m_pathsLoaded) {
            Result<QHash<QString, qint64>> paths = annotations.tagIdsByPath();
            if (!paths)
                return paths.failure();
            m_paths = *paths;
            m_pathsLoaded = true;
        }
        const QStringList names = path.split(u'/');
        qint64 parent = 0;
        QString sofar;
        for (const QString &name : names) {
            sofar = sofar.isEmpty() ? name : sofar + u'/' + name;
            const QString key = sofar.toCaseFolded();
            if (const qint64 found = m_paths.value(key); found != 0) {
                parent = found;
                continue;
            }
            Tag tag;
            tag.parentId = parent;
            tag.name = name;
            Result<qint64> id = annotations.insertTag(tag);
            if (!id)
                return id.failure();
            if (auto noted = note(store, u"tag"_s, *id, {}); !noted)
                return noted.failure();
            m_paths.insert(key, *id);
            parent = *id;
        }
        return parent;
    }

    /// Adds one annotation: a new highlight, or what it lacks to the same highlight already
    /// there. Returns true when it was new.
    /// A job starts: what was read in an earlier job may have changed since (an edit in the
    /// window runs between two jobs), so it is read again.
    void beginJob()
    {
        m_pathsLoaded = false;
        m_paths.clear();
        m_existing.clear();
        m_placedIn.clear();
    }

    Result<bool> write(LibraryStore &store, Planned planned)
    {
        AnnotationStore annotations(store);
        // The article's text changed since the annotation was placed (another program
        // imported it again): placed again in the text as it is now.
        const qint64 articleId = planned.highlight.articleId;
        if (!m_placedIn.contains(articleId)) {
            Result<QPair<QString, QString>> current = store.bodyAndHash(articleId);
            if (!current)
                return current.failure();
            m_placedIn.insert(articleId, *current);
        }
        const QPair<QString, QString> &text = m_placedIn.value(articleId);
        if (text.second != planned.textHash) {
            const AnchorResolution placed = Anchoring::resolve(planned.highlight.anchor, text.first);
            if (placed.status == AnchorStatus::Orphaned) {
                planned.highlight.status = AnchorStatus::Orphaned;
            } else {
                planned.highlight.anchor = Anchoring::anchorFor(text.first, placed.start, placed.end);
                planned.highlight.status = placed.status;
            }
        }
        QList<qint64> tagIds;
        for (const QString &path : planned.tagPaths) {
            Result<qint64> tag = tagFor(store, path);
            if (!tag)
                return tag.failure();
            if (!tagIds.contains(*tag))
                tagIds.append(*tag);
        }
        if (!m_existing.contains(articleId)) {
            Result<QList<Highlight>> existing = annotations.highlightsOf(articleId);
            if (!existing)
                return existing.failure();
            m_existing.insert(articleId, *existing);
        }
        QList<Highlight> &known = m_existing[articleId];
        for (Highlight &present : known) {
            if (present.anchor.start != planned.highlight.anchor.start
                || present.anchor.end != planned.highlight.anchor.end
                || present.anchor.exact != planned.highlight.anchor.exact)
                continue;
            // The same highlight already here: add what it lacks, create nothing.
            HighlightPatch patch;
            for (qint64 tag : std::as_const(tagIds)) {
                if (!present.tagIds.contains(tag)) {
                    patch.addTags.append(tag);
                    if (auto noted = note(store, u"tagging"_s, present.id, QString::number(tag));
                        !noted)
                        return noted.failure();
                }
            }
            if (present.note.isEmpty() && !planned.highlight.note.isEmpty()) {
                patch.note = planned.highlight.note;
                // Taken back only while the note is still the one the import wrote.
                if (auto noted = note(store, u"note"_s, present.id, planned.highlight.note); !noted)
                    return noted.failure();
            }
            if (!patch.isEmpty()) {
                Result<qint64> patched
                    = annotations.patchHighlight(present.id, patch, present.version);
                if (!patched)
                    return patched.failure();
                present.version = *patched;
                present.tagIds += patch.addTags;
                if (patch.note)
                    present.note = *patch.note;
                // A highlight of this run stays the run's to take back, at its new version.
                if (m_inserted.contains(present.id)) {
                    Result<QSqlQuery> moved = Sql::query(store.connectionName(),
                        u"UPDATE import_journal SET before = ? WHERE run = ? AND kind = "
                        "'highlight' AND row_id = ?"_s,
                        { QString::number(*patched), m_run, present.id });
                    if (!moved)
                        return moved.failure();
                }
            }
            return false;
        }
        Highlight highlight = planned.highlight;
        highlight.tagIds = tagIds;
        Result<qint64> inserted = annotations.insertHighlight(highlight);
        if (!inserted)
            return inserted.failure();
        // Taken back only while nobody has changed it (its version is still the first).
        if (auto noted = note(store, u"highlight"_s, *inserted, u"1"_s); !noted)
            return noted.failure();
        highlight.id = *inserted;
        highlight.version = 1;
        known.append(highlight);
        m_inserted.insert(*inserted);
        return true;
    }

    /// The import is whole: its journal goes. When the journal is gone already, another
    /// program took the run for dead and took it back: the import did not happen.
    Result<void> finish(LibraryStore &store)
    {
        Result<QSqlQuery> alive = Sql::query(store.connectionName(),
            u"SELECT 1 FROM import_journal WHERE run = ? AND seq = 0"_s, { m_run });
        if (!alive)
            return alive.failure();
        if (!alive->next()) {
            return ResultError(tr("The import stalled so long that another program took it "
                                  "back; nothing of it was kept. Import the file again."),
                ErrorKind::Conflict);
        }
        alive->finish();
        Result<QSqlQuery> done = Sql::query(
            store.connectionName(), u"DELETE FROM import_journal WHERE run = ?"_s, { m_run });
        return done ? Result<void>() : done.failure();
    }

private:
    QString m_run;
    qint64 m_sequence = 0;
    bool m_pathsLoaded = false;
    QHash<QString, qint64> m_paths; ///< case-folded path → tag id
    QHash<qint64, QList<Highlight>> m_existing; ///< article → highlights, this job
    QHash<qint64, QPair<QString, QString>> m_placedIn; ///< article → (body, hash), this job
    QSet<qint64> m_inserted; ///< highlights this run made
};

QString newRun()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

Result<void> AnnotationImporter::rollBack(LibraryStore &store, const QString &run)
{
    Result<QSqlQuery> rows = Sql::query(store.connectionName(),
        u"SELECT kind, row_id, before FROM import_journal WHERE run = ? AND seq > 0 "
        "ORDER BY seq DESC"_s,
        { run });
    if (!rows)
        return rows.failure();
    struct Entry
    {
        QString kind;
        qint64 rowId;
        QString before;
    };
    QList<Entry> entries;
    while (rows->next())
        entries.append({ rows->value(0).toString(), rows->value(1).toLongLong(),
            rows->value(2).toString() });
    rows->finish();
    AnnotationStore annotations(store);
    // Only what is still as the import left it goes: a highlight someone has changed since,
    // a tag someone has used, a note someone has rewritten are theirs now and stay.
    for (const Entry &entry : std::as_const(entries)) {
        Result<void> undone;
        if (entry.kind == u"highlight"_s) {
            undone = annotations.deleteHighlight(entry.rowId, entry.before.toLongLong());
        } else if (entry.kind == u"tag"_s) {
            Result<QSqlQuery> used = Sql::query(store.connectionName(),
                u"SELECT (SELECT count(*) FROM highlight_tags WHERE tag_id = ?) + "
                "(SELECT count(*) FROM tags WHERE parent_id = ?)"_s,
                { entry.rowId, entry.rowId });
            if (!used)
                return used.failure();
            if (used->next() && used->value(0).toInt() == 0)
                undone = annotations.deleteTag(entry.rowId);
        } else if (entry.kind == u"tagging"_s) {
            undone = annotations.removeTaggings({ { entry.rowId, entry.before.toLongLong() } });
        } else if (entry.kind == u"note"_s) {
            Result<Highlight> now = annotations.highlight(entry.rowId);
            if (now && now->note == entry.before) {
                HighlightPatch patch;
                patch.note = QString();
                Result<qint64> patched = annotations.patchHighlight(entry.rowId, patch, now->version);
                undone = patched ? Result<void>() : patched.failure();
            }
        }
        if (!undone && undone.kind() != ErrorKind::NotFound && undone.kind() != ErrorKind::Conflict)
            return undone;
    }
    Result<QSqlQuery> cleared = Sql::query(
        store.connectionName(), u"DELETE FROM import_journal WHERE run = ?"_s, { run });
    return cleared ? Result<void>() : cleared.failure();
}

QString AnnotationImporter::abandonedRunsQuery()
{
    // Journal times are Qt's ISO form in UTC, the form strftime writes too.
    return u"SELECT count(*) FROM import_journal WHERE seq = 0 AND before < "
           "strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-%1 seconds')"_s.arg(AbandonedAfterSeconds);
}

Result<int> AnnotationImporter::recoverAbandoned(LibraryStore &store)
{
    const QString stale = staleBefore();
    Result<QSqlQuery> runs = Sql::query(store.connectionName(),
        u"SELECT run FROM import_journal WHERE seq = 0 AND before < ?"_s, { stale });
    if (!runs)
        return runs.failure();
    QStringList abandoned;
    while (runs->next())
        abandoned.append(runs->value(0).toString());
    runs->finish();
    for (const QString &run : std::as_const(abandoned)) {
        if (auto undone = rollBack(store, run); !undone)
            return undone.failure();
    }
    return int(abandoned.size());
}

AnnotationImporter::AnnotationImporter(LibraryStore &reader, LibraryWriter &writer)
    : m_reader(reader)
    , m_writer(writer)
{ }

Result<AnnotationImportReport> AnnotationImporter::importFile(
    const QString &path, const std::atomic_bool *cancel, const Progress &progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ResultError(tr("Cannot open “%1”: %2.").arg(path, file.errorString()), ErrorKind::Io);
    const QByteArray bytes = file.readAll();
    if (bytes.isEmpty())
        return ResultError(tr("“%1” is empty.").arg(path), ErrorKind::InvalidInput);
    Importer importer(m_reader);
    const bool zip = bytes.startsWith("PK\x03\x04");
    Result<QList<Incoming>> incoming = zip ? importer.readQdpx(bytes) : importer.readJson(bytes);
    if (!incoming)
        return ResultError(tr("%1: %2").arg(QFileInfo(path).fileName(), incoming.error()),
            incoming.kind());

    // Reading and placing happen here, on the reading connection; only the writes go through
    // the library's writer, a few hundred annotations a job, so an edit in the window never
    // waits for the whole file.
    AnnotationImportReport report;
    QList<Planned> planned;
    const int total = int(incoming->size());
    for (const Incoming &item : std::as_const(*incoming)) {
        if (cancel && cancel->load())
            return ResultError(tr("Import cancelled; nothing was imported."), ErrorKind::Cancelled);
        Result<std::optional<Planned>> placed = importer.plan(item, report);
        if (!placed)
            return placed.failure();
        if (*placed)
            planned.append(**placed);
    }
    if (progress)
        progress(0, total);

    const QString run = newRun();
    JournalWriter journal(run);
    const std::unique_ptr<LibraryWriter::Batch> batch = m_writer.batch();
    auto takeBack = [&](ResultError error) -> Result<AnnotationImportReport> {
        (void)batch->commit();
        if (auto undone = m_writer.write(
                [&run](LibraryStore &store) { return AnnotationImporter::rollBack(store, run); });
            !undone) {
            return ResultError(tr("%1 What was imported so far could not be taken back: %2")
                                   .arg(error.text, undone.error()),
                error.kind);
        }
        return error;
    };
    int added = 0;
    int duplicates = 0;
    int orphaned = 0;
    QStringList orphanLines;
    for (qsizetype start = 0; start < planned.size(); start += AnnotationsPerJob) {
        if (cancel && cancel->load())
            return takeBack(ResultError(tr("Import cancelled; nothing was imported."), ErrorKind::Cancelled));
        const qsizetype end = std::min<qsizetype>(planned.size(), start + AnnotationsPerJob);
        Result<QVariant> written = batch->write([&](LibraryStore &store) -> Result<QVariant> {
            journal.beginJob();
            if (auto beat = journal.heartbeat(store); !beat)
                return beat.failure();
            for (qsizetype i = start; i < end; ++i) {
                const Planned &item = planned.at(i);
                Result<bool> fresh = journal.write(store, item);
                if (!fresh)
                    return fresh.failure();
                if (!*fresh) {
                    ++duplicates;
                } else {
                    ++added;
                    if (item.highlight.status == AnchorStatus::Orphaned) {
                        ++orphaned;
                        orphanLines.append(tr("%1: its text was not found in “%2”; kept as an "
                                              "orphan to re-attach.")
                                               .arg(item.label, item.articleTitle));
                    }
                }
            }
            return QVariant();
        });
        if (!written)
            return takeBack(written.failure());
        if (progress)
            progress(int(end), total);
    }
    Result<QVariant> finished = batch->write([&](LibraryStore &store) -> Result<QVariant> {
        if (auto done = journal.finish(store); !done)
            return done.failure();
        return QVariant();
    });
    if (!finished)
        return takeBack(finished.failure());
    if (auto committed = batch->commit(); !committed)
        return takeBack(committed.failure());
    report.added = added;
    report.orphaned = orphaned;
    report.duplicates = duplicates;
    report.problems = importer.m_problems + orphanLines;
    return report;
}
