#include "annotationstore.h"
#include "library/librarystore.h"
#include "library/sqlhelpers.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlDatabase>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AnnotationStore", text);
}

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString placeholders(qsizetype count)
{
    QStringList marks(count, u"?"_s);
    return marks.join(u',');
}

QVariantList toVariants(const QList<qint64> &ids)
{
    QVariantList values;
    values.reserve(ids.size());
    for (qint64 id : ids)
        values.append(id);
    return values;
}

const QString s_highlightColumns = u"id, article_id, start_pos, end_pos, exact, prefix, suffix, "
                                   "status, color, note, created_at, modified_at, version, "
                                   "annotator, links, origin"_s;

Highlight highlightFrom(const QSqlQuery &query)
{
    Highlight highlight;
    highlight.id = query.value(0).toLongLong();
    highlight.articleId = query.value(1).toLongLong();
    highlight.anchor.start = query.value(2).toInt();
    highlight.anchor.end = query.value(3).toInt();
    highlight.anchor.exact = query.value(4).toString();
    highlight.anchor.prefix = query.value(5).toString();
    highlight.anchor.suffix = query.value(6).toString();
    highlight.status = anchorStatusFromName(query.value(7).toString());
    highlight.color = query.value(8).toString();
    highlight.note = query.value(9).toString();
    highlight.created = QDateTime::fromString(query.value(10).toString(), Qt::ISODateWithMs);
    highlight.modified = QDateTime::fromString(query.value(11).toString(), Qt::ISODateWithMs);
    highlight.version = query.value(12).toLongLong();
    highlight.annotator = query.value(13).toString();
    const QString links = query.value(14).toString();
    highlight.links = links.isEmpty() ? QStringList() : links.split(u'\n');
    highlight.origin = query.value(15).toString();
    return highlight;
}

QVariant nullableId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace

AnnotationStore::AnnotationStore(const LibraryStore &library)
    : m_connection(library.connectionName())
    , m_library(&library)
{ }

Result<QSqlQuery> AnnotationStore::run(const QString &sql, const QVariantList &values) const
{
    return Sql::query(m_connection, sql, values);
}

Result<QHash<qint64, QList<qint64>>> AnnotationStore::tagsOf(const QList<qint64> &ids) const
{
    QHash<qint64, QList<qint64>> tags;
    if (ids.isEmpty())
        return tags;
    for (qsizetype start = 0; start < ids.size(); start += 500) {
        const QList<qint64> slice = ids.mid(start, 500);
        Result<QSqlQuery> query
            = run(u"SELECT highlight_id, tag_id FROM highlight_tags WHERE "
                  "highlight_id IN (%1) ORDER BY tag_id"_s.arg(placeholders(slice.size())),
                toVariants(slice));
        if (!query)
            return query.failure();
        while (query->next())
            tags[query->value(0).toLongLong()].append(query->value(1).toLongLong());
    }
    return tags;
}

Result<QList<Highlight>> AnnotationStore::highlightsOf(qint64 articleId) const
{
    Result<QSqlQuery> query = run(u"SELECT %1 FROM highlights WHERE article_id = ? "
                                  "ORDER BY start_pos, end_pos, id"_s.arg(s_highlightColumns),
        { articleId });
    if (!query)
        return query.failure();
    QList<Highlight> highlights;
    QList<qint64> ids;
    while (query->next()) {
        highlights.append(highlightFrom(*query));
        ids.append(highlights.back().id);
    }
    Result<QHash<qint64, QList<qint64>>> tags = tagsOf(ids);
    if (!tags)
        return tags.failure();
    for (Highlight &highlight : highlights)
        highlight.tagIds = tags->value(highlight.id);
    return highlights;
}

Result<QHash<qint64, QList<Highlight>>> AnnotationStore::allHighlights() const
{
    Result<QSqlQuery> tagQuery = run(u"SELECT highlight_id, tag_id FROM highlight_tags"_s, {});
    if (!tagQuery)
        return tagQuery.failure();
    QHash<qint64, QList<qint64>> tags;
    while (tagQuery->next())
        tags[tagQuery->value(0).toLongLong()].append(tagQuery->value(1).toLongLong());
    Result<QSqlQuery> query
        = run(u"SELECT %1 FROM highlights "
              "ORDER BY article_id, start_pos, end_pos, id"_s.arg(s_highlightColumns),
            {});
    if (!query)
        return query.failure();
    QHash<qint64, QList<Highlight>> byArticle;
    while (query->next()) {
        Highlight highlight = highlightFrom(*query);
        highlight.tagIds = tags.value(highlight.id);
        std::sort(highlight.tagIds.begin(), highlight.tagIds.end());
        byArticle[highlight.articleId].append(highlight);
    }
    return byArticle;
}

Result<Highlight> AnnotationStore::highlight(qint64 id) const
{
    Result<QSqlQuery> query
        = run(u"SELECT %1 FROM highlights WHERE id = ?"_s.arg(s_highlightColumns), { id });
    if (!query)
        return query.failure();
    if (!query->next())
        return ResultError(tr("The highlight is no longer in the library."), ErrorKind::NotFound);
    Highlight highlight = highlightFrom(*query);
    Result<QHash<qint64, QList<qint64>>> tags = tagsOf({ id });
    if (!tags)
        return tags.failure();
    highlight.tagIds = tags->value(id);
    return highlight;
}

ResultError AnnotationStore::missedWrite(const char *table, qint64 id) const
{
    const bool highlight = QByteArrayView(table) == "highlights";
    Result<QSqlQuery> found = run(
        highlight ? u"SELECT 1 FROM highlights WHERE id = ?"_s : u"SELECT 1 FROM tags WHERE id = ?"_s,
        { id });
    if (found && !found->next()) {
        return ResultError(highlight ? tr("the highlight is no longer in the library.")
                                     : tr("the tag is no longer in the codebook."),
            ErrorKind::NotFound);
    }
    return ResultError(highlight ? tr("the highlight has been changed since (by an import, another "
                                      "window or another person).")
                                 : tr("the tag has been changed since (in another window or by "
                                      "another person)."),
        ErrorKind::Conflict);
}

Result<qint64> AnnotationStore::insertHighlight(const Highlight &highlight)
{
    const QString created = highlight.created.isValid()
        ? highlight.created.toUTC().toString(Qt::ISODateWithMs)
        : now();
    const QString modified = highlight.modified.isValid()
        ? highlight.modified.toUTC().toString(Qt::ISODateWithMs)
        : created;
    Result<QSqlQuery *> query
        = m_library->runWrite(u"INSERT INTO highlights (id, article_id, start_pos, end_pos, exact, prefix, suffix, "
              "status, color, note, created_at, modified_at, version, annotator, links, origin) "
              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"_s,
            { nullableId(highlight.id), highlight.articleId, highlight.anchor.start,
                highlight.anchor.end, Sql::text(highlight.anchor.exact),
                Sql::text(highlight.anchor.prefix), Sql::text(highlight.anchor.suffix),
                anchorStatusName(highlight.status), Sql::text(highlight.color),
                Sql::text(highlight.note), created, modified, std::max<qint64>(1, highlight.version),
                Sql::text(highlight.annotator), Sql::text(highlight.links.join(u'\n')),
                Sql::text(highlight.origin) });
    if (!query)
        return query.failure();
    const qint64 id = highlight.id > 0 ? highlight.id : (*query)->lastInsertId().toLongLong();
    QList<QPair<qint64, qint64>> pairs;
    for (qint64 tag : highlight.tagIds)
        pairs.append({ id, tag });
    if (auto tagged = addTaggings(pairs); !tagged)
        return tagged.failure();
    return id;
}

Result<qint64> AnnotationStore::patchHighlight(qint64 id, const HighlightPatch &patch,
    std::optional<qint64> expectedVersion, bool touchModified)
{
    QStringList sets { u"version = version + 1"_s };
    QVariantList values;
    if (patch.color) {
        sets.append(u"color = ?"_s);
        values.append(Sql::text(*patch.color));
    }
    if (patch.note) {
        sets.append(u"note = ?"_s);
        values.append(Sql::text(*patch.note));
    }
    if (patch.anchor) {
        sets.append(u"start_pos = ?, end_pos = ?, exact = ?, prefix = ?, suffix = ?"_s);
        values += { patch.anchor->start, patch.anchor->end, Sql::text(patch.anchor->exact),
            Sql::text(patch.anchor->prefix), Sql::text(patch.anchor->suffix) };
    }
    if (patch.status) {
        sets.append(u"status = ?"_s);
        values.append(anchorStatusName(*patch.status));
    }
    if (touchModified) {
        sets.append(u"modified_at = ?"_s);
        values.append(patch.modified && patch.modified->isValid()
                ? patch.modified->toUTC().toString(Qt::ISODateWithMs)
                : now());
    }
    QString sql = u"UPDATE highlights SET %1 WHERE id = ?"_s.arg(sets.join(u", "_s));
    values.append(id);
    if (expectedVersion) {
        sql += u" AND version = ?"_s;
        values.append(*expectedVersion);
    }
    Result<QSqlQuery> query = run(sql + u" RETURNING version"_s, values);
    if (!query)
        return query.failure();
    if (!query->next())
        return missedWrite("highlights", id);
    const qint64 version = query->value(0).toLongLong();
    query->finish();
    QList<QPair<qint64, qint64>> added;
    QList<QPair<qint64, qint64>> removed;
    for (qint64 tag : patch.addTags)
        added.append({ id, tag });
    for (qint64 tag : patch.removeTags)
        removed.append({ id, tag });
    if (auto tagged = addTaggings(added); !tagged)
        return tagged.failure();
    if (auto untagged = removeTaggings(removed); !untagged)
        return untagged.failure();
    return version;
}

Result<void> AnnotationStore::deleteHighlight(qint64 id, std::optional<qint64> expectedVersion)
{
    Result<QSqlQuery> deleted = expectedVersion
        ? run(u"DELETE FROM highlights WHERE id = ? AND version = ? RETURNING id"_s,
              { id, *expectedVersion })
        : run(u"DELETE FROM highlights WHERE id = ? RETURNING id"_s, { id });
    if (!deleted)
        return deleted.failure();
    if (!deleted->next())
        return missedWrite("highlights", id);
    return {};
}

Result<int> AnnotationStore::highlightCount() const
{
    Result<QSqlQuery> query = run(u"SELECT count(*) FROM highlights"_s, {});
    if (!query)
        return query.failure();
    return query->next() ? query->value(0).toInt() : 0;
}

Result<QList<qint64>> AnnotationStore::highlightIdsWithTags(const QList<qint64> &tagIds) const
{
    QList<qint64> ids;
    if (tagIds.isEmpty())
        return ids;
    return Sql::ids(m_connection,
        u"SELECT h.id FROM highlights h JOIN articles a ON a.id = h.article_id WHERE h.id IN "
        "(SELECT highlight_id FROM highlight_tags WHERE tag_id IN (%1)) "
        "ORDER BY a.date DESC, a.id DESC, h.start_pos, h.id"_s.arg(placeholders(tagIds.size())),
        toVariants(tagIds));
}

Result<QList<HighlightListing>> AnnotationStore::listings(const QList<qint64> &ids) const
{
    QList<HighlightListing> result;
    if (ids.isEmpty())
        return result;
    Result<QList<Tag>> allTags = tags();
    if (!allTags)
        return allTags.failure();
    QHash<qint64, QString> paths;
    for (const Tag &tag : std::as_const(*allTags))
        paths.insert(tag.id, tag.path);
    QHash<qint64, HighlightListing> found;
    for (qsizetype start = 0; start < ids.size(); start += 500) {
        const QList<qint64> slice = ids.mid(start, 500);
        Result<QSqlQuery> query = run(
            u"SELECT h.id, h.article_id, h.start_pos, h.end_pos, h.exact, h.prefix, h.suffix, "
            "h.status, h.color, h.note, h.created_at, h.modified_at, a.title, a.date "
            "FROM highlights h JOIN articles a ON a.id = h.article_id WHERE h.id IN (%1)"_s.arg(
                placeholders(slice.size())),
            toVariants(slice));
        if (!query)
            return query.failure();
        while (query->next()) {
            HighlightListing listing;
            listing.highlight = highlightFrom(*query);
            listing.articleTitle = query->value(12).toString();
            listing.articleDate = QDate::fromString(query->value(13).toString(), Qt::ISODate);
            found.insert(listing.highlight.id, listing);
        }
    }
    Result<QHash<qint64, QList<qint64>>> tags = tagsOf(ids);
    if (!tags)
        return tags.failure();
    for (qint64 id : ids) {
        auto it = found.find(id);
        if (it == found.end())
            continue;
        it->highlight.tagIds = tags->value(id);
        for (qint64 tagId : std::as_const(it->highlight.tagIds))
            it->tagPaths.append(paths.value(tagId));
        result.append(*it);
    }
    return result;
}

Result<QList<qint64>> AnnotationStore::articleIdsWithTags(const QList<qint64> &tagIds) const
{
    QList<qint64> ids;
    if (tagIds.isEmpty())
        return ids;
    return Sql::ids(m_connection,
        u"SELECT DISTINCT h.article_id FROM highlights h JOIN "
        "highlight_tags t ON t.highlight_id = h.id WHERE t.tag_id IN (%1)"_s.arg(
            placeholders(tagIds.size())),
        toVariants(tagIds));
}

Result<QList<qint64>> AnnotationStore::articleIdsWithMatchingHighlights(const QString &match) const
{
    return Sql::ids(m_connection,
        u"SELECT DISTINCT h.article_id FROM highlights h WHERE h.id IN "
        "(SELECT rowid FROM highlights_fts WHERE highlights_fts MATCH ?)"_s,
        { match });
}

Result<void> AnnotationStore::reanchor(qint64 articleId, const QString &body)
{
    Result<QList<Highlight>> highlights = highlightsOf(articleId);
    if (!highlights)
        return highlights.failure();
    for (const Highlight &highlight : std::as_const(*highlights)) {
        const AnchorResolution placed = Anchoring::resolve(highlight.anchor, body);
        HighlightPatch patch;
        if (placed.status == AnchorStatus::Orphaned) {
            // Kept with its old quote and offsets, so the user can re-attach it.
            patch.status = AnchorStatus::Orphaned;
        } else {
            patch.anchor = Anchoring::anchorFor(body, placed.start, placed.end);
            patch.status = placed.status;
        }
        // The version rises, so an undo step made before the text changed is refused rather
        // than applied to words that moved; the user's modification time stays.
        if (auto updated = patchHighlight(highlight.id, patch, std::nullopt, false); !updated)
            return updated.failure();
    }
    return {};
}

Result<QList<Tag>> AnnotationStore::tags() const
{
    return readTags(true);
}

Result<QList<Tag>> AnnotationStore::readTags(bool withCounts) const
{
    Result<QSqlQuery> query = withCounts
        ? run(u"SELECT t.id, ifnull(t.parent_id, 0), t.name, t.color, t.description, t.version, "
              "ifnull(c.n, 0), t.created_at FROM tags t LEFT JOIN (SELECT tag_id, count(*) AS n "
              "FROM highlight_tags GROUP BY tag_id) c ON c.tag_id = t.id"_s,
            {})
        : run(u"SELECT id, ifnull(parent_id, 0), name, color, description, version, 0, "
              "created_at FROM tags"_s,
            {});
    if (!query)
        return query.failure();
    QHash<qint64, Tag> byId;
    while (query->next()) {
        Tag tag;
        tag.id = query->value(0).toLongLong();
        tag.parentId = query->value(1).toLongLong();
        tag.name = query->value(2).toString();
        tag.color = query->value(3).toString();
        tag.description = query->value(4).toString();
        tag.version = query->value(5).toLongLong();
        tag.highlightCount = query->value(6).toInt();
        tag.created = QDateTime::fromString(query->value(7).toString(), Qt::ISODateWithMs);
        byId.insert(tag.id, tag);
    }
    QList<Tag> result;
    result.reserve(byId.size());
    for (Tag tag : std::as_const(byId)) {
        QStringList parts { tag.name };
        QSet<qint64> visited { tag.id };
        for (qint64 parent = tag.parentId; parent != 0 && !visited.contains(parent);
             parent = byId.value(parent).parentId) {
            visited.insert(parent);
            parts.prepend(byId.value(parent).name);
        }
        tag.path = parts.join(u'/');
        result.append(tag);
    }
    std::sort(result.begin(), result.end(),
        [](const Tag &a, const Tag &b) { return a.path.compare(b.path, Qt::CaseInsensitive) < 0; });
    return result;
}

Result<QHash<QString, qint64>> AnnotationStore::tagIdsByPath() const
{
    Result<QList<Tag>> all = readTags(false);
    if (!all)
        return all.failure();
    QHash<QString, qint64> paths;
    for (const Tag &tag : std::as_const(*all))
        paths.insert(tag.path.toCaseFolded(), tag.id);
    return paths;
}

Result<Tag> AnnotationStore::tag(qint64 id) const
{
    Result<QList<Tag>> all = tags();
    if (!all)
        return all.failure();
    for (const Tag &tag : std::as_const(*all)) {
        if (tag.id == id)
            return tag;
    }
    return ResultError(tr("The tag is no longer in the codebook."), ErrorKind::NotFound);
}

Result<QString> AnnotationStore::validateTagName(const QString &name)
{
    const QString trimmed = name.simplified();
    if (trimmed.isEmpty())
        return ResultError(tr("A tag needs a name."));
    if (trimmed.size() > MaximumTagNameLength)
        return ResultError(
            tr("A tag name can have at most %1 characters.").arg(MaximumTagNameLength));
    if (trimmed.contains(u'/'))
        return ResultError(tr("“/” separates the levels of a tag; a single name cannot hold it."));
    if (!std::any_of(
            trimmed.cbegin(), trimmed.cend(), [](QChar c) { return c.isLetterOrNumber(); }))
        return ResultError(tr("A tag name needs at least one letter or digit."));
    return trimmed;
}

Result<qint64> AnnotationStore::insertTag(const Tag &tag)
{
    Result<QString> name = validateTagName(tag.name);
    if (!name)
        return name.failure();
    if (tag.parentId > 0) {
        // A parent removed meanwhile (in another window) is not "a tag already there".
        Result<QSqlQuery> parent = run(u"SELECT 1 FROM tags WHERE id = ?"_s, { tag.parentId });
        if (!parent)
            return parent.failure();
        if (!parent->next())
            return ResultError(tr("the tag to put “%1” under is no longer in the codebook.").arg(*name),
                ErrorKind::NotFound);
    }
    Result<QSqlQuery> query
        = run(u"INSERT INTO tags (id, parent_id, name, color, description, created_at, version) "
              "VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
            { nullableId(tag.id), nullableId(tag.parentId), *name, Sql::text(tag.color),
                Sql::text(tag.description),
                tag.created.isValid() ? tag.created.toUTC().toString(Qt::ISODateWithMs) : now(),
                std::max<qint64>(1, tag.version) });
    if (!query) {
        if (query.kind() == ErrorKind::Conflict)
            return ResultError(tr("There is already a tag “%1” there.").arg(*name), ErrorKind::Conflict);
        return query.failure();
    }
    return tag.id > 0 ? tag.id : query->lastInsertId().toLongLong();
}

Result<qint64> AnnotationStore::patchTag(
    qint64 id, const TagPatch &patch, std::optional<qint64> expectedVersion)
{
    QStringList sets { u"version = version + 1"_s };
    QVariantList values;
    QString name;
    if (patch.name) {
        Result<QString> checked = validateTagName(*patch.name);
        if (!checked)
            return checked.failure();
        name = *checked;
        sets.append(u"name = ?"_s);
        values.append(name);
    }
    if (patch.parentId) {
        if (*patch.parentId != 0) {
            Result<QList<qint64>> below = subtree(id);
            if (!below)
                return below.failure();
            if (below->contains(*patch.parentId))
                return ResultError(tr("A tag cannot be moved inside itself."), ErrorKind::InvalidInput);
        }
        sets.append(u"parent_id = ?"_s);
        values.append(nullableId(*patch.parentId));
    }
    if (patch.color) {
        sets.append(u"color = ?"_s);
        values.append(Sql::text(*patch.color));
    }
    if (patch.description) {
        sets.append(u"description = ?"_s);
        values.append(Sql::text(*patch.description));
    }
    QString sql = u"UPDATE tags SET %1 WHERE id = ?"_s.arg(sets.join(u", "_s));
    values.append(id);
    if (expectedVersion) {
        sql += u" AND version = ?"_s;
        values.append(*expectedVersion);
    }
    Result<QSqlQuery> query = run(sql + u" RETURNING version"_s, values);
    if (!query) {
        if (query.kind() == ErrorKind::Conflict && patch.name)
            return ResultError(tr("There is already a tag “%1” there.").arg(name), ErrorKind::Conflict);
        if (query.kind() == ErrorKind::Conflict)
            return ResultError(tr("There is already a tag of that name there."), ErrorKind::Conflict);
        return query.failure();
    }
    if (!query->next())
        return missedWrite("tags", id);
    return query->value(0).toLongLong();
}

Result<void> AnnotationStore::deleteTag(qint64 id, std::optional<qint64> expectedVersion)
{
    Result<QSqlQuery> deleted = expectedVersion
        ? run(u"DELETE FROM tags WHERE id = ? AND version = ? RETURNING id"_s,
              { id, *expectedVersion })
        : run(u"DELETE FROM tags WHERE id = ? RETURNING id"_s, { id });
    if (!deleted)
        return deleted.failure();
    if (!deleted->next())
        return missedWrite("tags", id);
    return {};
}

Result<qint64> AnnotationStore::tagIdByPath(const QString &path) const
{
    Result<QHash<QString, qint64>> paths = tagIdsByPath();
    if (!paths)
        return paths.failure();
    QStringList normalised;
    for (const QString &part : path.split(u'/', Qt::SkipEmptyParts))
        normalised.append(part.simplified());
    return paths->value(normalised.join(u'/').toCaseFolded(), 0);
}

Result<qint64> AnnotationStore::ensureTagPath(const QStringList &names, QList<Tag> *created)
{
    qint64 parent = 0;
    QString path;
    for (const QString &name : names) {
        path = path.isEmpty() ? name : path + u'/' + name;
        Result<qint64> existing = tagIdByPath(path);
        if (!existing)
            return existing;
        if (*existing != 0) {
            parent = *existing;
            continue;
        }
        Tag tag;
        tag.parentId = parent;
        tag.name = name;
        Result<qint64> id = insertTag(tag);
        if (!id)
            return id;
        tag.id = *id;
        if (created)
            created->append(tag);
        parent = *id;
    }
    return parent;
}

Result<int> AnnotationStore::tagCount() const
{
    Result<QSqlQuery> query = run(u"SELECT count(*) FROM tags"_s, {});
    if (!query)
        return query.failure();
    return query->next() ? query->value(0).toInt() : 0;
}

Result<QList<qint64>> AnnotationStore::subtree(qint64 tagId) const
{
    return Sql::ids(m_connection,
        u"WITH RECURSIVE below(id) AS (SELECT ? UNION "
        "SELECT t.id FROM tags t JOIN below b ON t.parent_id = b.id) "
        "SELECT id FROM below"_s,
        { tagId });
}

Result<QList<QPair<qint64, qint64>>> AnnotationStore::taggings(const QList<qint64> &tagIds) const
{
    QList<QPair<qint64, qint64>> pairs;
    if (tagIds.isEmpty())
        return pairs;
    Result<QSqlQuery> query = run(u"SELECT highlight_id, tag_id FROM highlight_tags WHERE tag_id "
                                  "IN (%1)"_s.arg(placeholders(tagIds.size())),
        toVariants(tagIds));
    if (!query)
        return query.failure();
    while (query->next())
        pairs.append({ query->value(0).toLongLong(), query->value(1).toLongLong() });
    return pairs;
}

Result<void> AnnotationStore::addTaggings(const QList<QPair<qint64, qint64>> &pairs)
{
    // A pair whose highlight or tag went meanwhile is left out rather than failing the step.
    for (const auto &pair : pairs) {
        if (auto added = m_library->runWrite(u"INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id) "
                             "SELECT ?, ? WHERE EXISTS (SELECT 1 FROM highlights WHERE id = ?) "
                             "AND EXISTS (SELECT 1 FROM tags WHERE id = ?)"_s,
                { pair.first, pair.second, pair.first, pair.second });
            !added)
            return added.failure();
    }
    return {};
}

Result<int> AnnotationStore::missingTags(const QList<qint64> &tagIds) const
{
    int missing = 0;
    for (qint64 tag : tagIds) {
        Result<QSqlQuery> found = run(u"SELECT 1 FROM tags WHERE id = ?"_s, { tag });
        if (!found)
            return found.failure();
        missing += !found->next();
    }
    return missing;
}

Result<void> AnnotationStore::removeTaggings(const QList<QPair<qint64, qint64>> &pairs)
{
    for (const auto &pair : pairs) {
        if (auto removed
            = run(u"DELETE FROM highlight_tags WHERE highlight_id = ? AND tag_id = ?"_s,
                { pair.first, pair.second });
            !removed)
            return removed.failure();
    }
    return {};
}

Result<QHash<QString, QString>> AnnotationStore::colorNames() const
{
    QHash<QString, QString> names;
    for (const Palette::Entry &entry : Palette::entries())
        names.insert(entry.key, entry.defaultName);
    Result<QSqlQuery> query = run(u"SELECT color, name FROM palette_names"_s, {});
    if (!query)
        return query.failure();
    while (query->next())
        names.insert(query->value(0).toString(), query->value(1).toString());
    return names;
}

Result<std::optional<QString>> AnnotationStore::storedColorName(const QString &color) const
{
    Result<QSqlQuery> query = run(u"SELECT name FROM palette_names WHERE color = ?"_s, { color });
    if (!query)
        return query.failure();
    if (!query->next())
        return std::optional<QString>();
    return std::optional<QString>(query->value(0).toString());
}

Result<void> AnnotationStore::setColorName(const QString &color, const QString &name)
{
    if (!Palette::isValidKey(color))
        return ResultError(tr("There is no highlight colour “%1”.").arg(color));
    const QString trimmed = name.simplified();
    Result<QSqlQuery> query = trimmed.isEmpty()
        ? run(u"DELETE FROM palette_names WHERE color = ?"_s, { color })
        : run(u"INSERT INTO palette_names (color, name) VALUES (?, ?) "
              "ON CONFLICT(color) DO UPDATE SET name = excluded.name"_s,
            { color, trimmed });
    if (!query)
        return query.failure();
    return {};
}
