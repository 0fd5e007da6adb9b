#include "annotationchanges.h"
#include "annotationstore.h"
#include "library/librarystore.h"
#include "library/sqlhelpers.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace AnnotationChanges {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AnnotationChanges", text);
}

QString highlightKey(qint64 id)
{
    return VersionBook::key("highlights", id);
}

QString tagKey(qint64 id)
{
    return VersionBook::key("tags", id);
}

ResultError cutOff(bool highlight)
{
    return ResultError(highlight ? tr("the highlight has been changed since by someone else (an "
                                      "import, another window or another person).")
                                 : tr("the tag has been changed since by someone else (another "
                                      "window or another person)."),
        ErrorKind::Conflict);
}

ChangeNotice highlightNotice(qint64 articleId, qint64 id)
{
    return { QString::fromUtf16(AnnotationTopics::Highlight), articleId, id };
}

/// The tags of highlights in articles not named changed (a tag deleted or merged).
ChangeNotice anyArticleNotice()
{
    return { QString::fromUtf16(AnnotationTopics::ArticleHighlights), 0, 0 };
}

ChangeNotice codebookNotice()
{
    return { QString::fromUtf16(AnnotationTopics::Codebook), 0, 0 };
}

/// The highlight as it should go back into its article now: where it was if the text is the
/// one it was made on, else where its words are now (or orphaned, keeping its words).
Result<Highlight> placedInCurrentText(LibraryStore &store, Highlight highlight, const QString &hash)
{
    Result<QString> current = store.contentHash(highlight.articleId);
    if (!current)
        return current.failure();
    if (*current == hash)
        return highlight;
    Result<QString> body = store.body(highlight.articleId);
    if (!body)
        return body.failure();
    const AnchorResolution placed = Anchoring::resolve(highlight.anchor, *body);
    if (placed.status == AnchorStatus::Orphaned) {
        highlight.status = AnchorStatus::Orphaned;
    } else {
        highlight.anchor = Anchoring::anchorFor(*body, placed.start, placed.end);
        highlight.status = placed.status;
    }
    return highlight;
}

Result<void> requireText(LibraryStore &store, qint64 articleId, const QString &hash)
{
    Result<QString> current = store.contentHash(articleId);
    if (!current)
        return current.failure();
    if (*current != hash) {
        return ResultError(tr("the article was imported again with a changed text since it was "
                              "opened; open it again and make the change there."),
            ErrorKind::Conflict);
    }
    return {};
}

class InsertHighlight final : public LibraryChange
{
public:
    InsertHighlight(Highlight highlight, QString textHash, IdSlot id)
        : m_highlight(std::move(highlight))
        , m_hash(std::move(textHash))
        , m_id(std::move(id))
    { }

    Result<void> apply(ChangeContext &context) override
    {
        AnnotationStore store(context.store);
        if (context.first) {
            if (auto same = requireText(context.store, m_highlight.articleId, m_hash); !same)
                return same;
            Highlight fresh = m_highlight;
            fresh.id = 0;
            fresh.version = 1;
            Result<qint64> id = store.insertHighlight(fresh);
            if (!id)
                return id.failure();
            *m_id = *id;
            m_generation = context.book.adopt(highlightKey(*id), 0);
            context.book.record(highlightKey(*id), 1);
            return {};
        }
        const QString key = highlightKey(*m_id);
        if (!context.book.holds(key, m_generation))
            return cutOff(true);
        Result<Highlight> placed = placedInCurrentText(context.store, m_highlight, m_hash);
        if (!placed)
            return placed.failure();
        placed->id = *m_id;
        placed->version = context.book.expected(key) + 1;
        if (Result<qint64> id = store.insertHighlight(*placed); !id)
            return id.failure();
        context.book.record(key, placed->version);
        return {};
    }

    Result<void> revert(ChangeContext &context) override
    {
        const QString key = highlightKey(*m_id);
        if (!context.book.holds(key, m_generation))
            return cutOff(true);
        return AnnotationStore(context.store).deleteHighlight(*m_id, context.book.expected(key));
    }

    QList<ChangeNotice> notices() const override
    {
        QList<ChangeNotice> notices { highlightNotice(m_highlight.articleId, *m_id) };
        if (!m_highlight.tagIds.isEmpty())
            notices.append(codebookNotice());
        return notices;
    }

private:
    Highlight m_highlight;
    QString m_hash;
    IdSlot m_id;
    int m_generation = 0;
};

class RemoveHighlight final : public LibraryChange
{
public:
    RemoveHighlight(qint64 articleId, qint64 id, qint64 seenVersion)
        : m_articleId(articleId)
        , m_id(id)
        , m_seenVersion(seenVersion)
    { }

    Result<void> apply(ChangeContext &context) override
    {
        AnnotationStore store(context.store);
        const QString key = highlightKey(m_id);
        if (context.first) {
            // What goes back on undo is read in the transaction that deletes it.
            Result<Highlight> kept = store.highlight(m_id);
            if (!kept)
                return kept.failure();
            if (kept->version != m_seenVersion)
                return cutOff(true);
            Result<QString> hash = context.store.contentHash(kept->articleId);
            if (!hash)
                return hash.failure();
            m_kept = *kept;
            m_hash = *hash;
            m_generation = context.book.adopt(key, m_seenVersion);
        } else if (!context.book.holds(key, m_generation)) {
            return cutOff(true);
        }
        if (auto deleted = store.deleteHighlight(m_id, context.book.expected(key)); !deleted)
            return deleted;
        return {};
    }

    Result<void> revert(ChangeContext &context) override
    {
        const QString key = highlightKey(m_id);
        if (!context.book.holds(key, m_generation))
            return cutOff(true);
        Result<Highlight> placed = placedInCurrentText(context.store, m_kept, m_hash);
        if (!placed)
            return placed.failure();
        placed->version = context.book.expected(key) + 1;
        if (Result<qint64> id = AnnotationStore(context.store).insertHighlight(*placed); !id)
            return id.failure();
        context.book.record(key, placed->version);
        return {};
    }

    QList<ChangeNotice> notices() const override
    {
        QList<ChangeNotice> notices { highlightNotice(m_articleId, m_id) };
        if (!m_kept.tagIds.isEmpty())
            notices.append(codebookNotice());
        return notices;
    }

private:
    qint64 m_articleId;
    qint64 m_id;
    qint64 m_seenVersion;
    Highlight m_kept;
    QString m_hash;
    int m_generation = 0;
};

class PatchHighlight final : public LibraryChange
{
public:
    PatchHighlight(qint64 articleId, IdSlot id, qint64 seenVersion, HighlightPatch patch,
        QList<IdSlot> addSlots, QString textHash)
        : m_articleId(articleId)
        , m_id(std::move(id))
        , m_seenVersion(seenVersion)
        , m_patch(std::move(patch))
        , m_addSlots(std::move(addSlots))
        , m_hash(std::move(textHash))
    { }

    Result<void> apply(ChangeContext &context) override
    {
        AnnotationStore store(context.store);
        const QString key = highlightKey(*m_id);
        if (context.first) {
            Result<Highlight> before = store.highlight(*m_id);
            if (!before)
                return before.failure();
            // A highlight made earlier in this step is at the version that step left it.
            const qint64 seen = m_seenVersion != 0 ? m_seenVersion : context.book.expected(key);
            if (before->version != seen)
                return cutOff(true);
            if (m_patch.anchor && !m_hash.isEmpty()) {
                if (auto same = requireText(context.store, m_articleId, m_hash); !same)
                    return same;
            }
            for (const IdSlot &slot : std::as_const(m_addSlots)) {
                if (*slot != 0 && !m_patch.addTags.contains(*slot))
                    m_patch.addTags.append(*slot);
            }
            m_inverse = m_patch.inverseOn(*before);
            m_generation = context.book.adopt(key, seen);
        } else {
            if (!context.book.holds(key, m_generation))
                return cutOff(true);
            Result<int> missing = store.missingTags(m_patch.addTags);
            if (!missing)
                return missing.failure();
            if (*missing > 0)
                return ResultError(tr("a tag it adds is no longer in the codebook."),
                    ErrorKind::NotFound);
        }
        Result<qint64> version = store.patchHighlight(*m_id, m_patch, context.book.expected(key));
        if (!version)
            return version.failure();
        context.book.record(key, *version);
        return {};
    }

    Result<void> revert(ChangeContext &context) override
    {
        const QString key = highlightKey(*m_id);
        if (!context.book.holds(key, m_generation))
            return cutOff(true);
        Result<qint64> version
            = AnnotationStore(context.store).patchHighlight(*m_id, m_inverse, context.book.expected(key));
        if (!version)
            return version.failure();
        context.book.record(key, *version);
        return {};
    }

    QList<ChangeNotice> notices() const override
    {
        QList<ChangeNotice> notices { highlightNotice(m_articleId, *m_id) };
        if (!m_patch.addTags.isEmpty() || !m_patch.removeTags.isEmpty() || !m_addSlots.isEmpty())
            notices.append(codebookNotice());
        return notices;
    }

private:
    qint64 m_articleId;
    IdSlot m_id;
    qint64 m_seenVersion;
    HighlightPatch m_patch;
    QList<IdSlot> m_addSlots;
    QString m_hash;
    HighlightPatch m_inverse;
    int m_generation = 0;
};

class CreateTagPath final : public LibraryChange
{
public:
    CreateTagPath(QStringList names, IdSlot leaf)
        : m_names(std::move(names))
        , m_leaf(std::move(leaf))
    { }

    Result<void> apply(ChangeContext &context) override
    {
        AnnotationStore store(context.store);
        if (context.first) {
            Result<QHash<QString, qint64>> paths = store.tagIdsByPath();
            if (!paths)
                return paths.failure();
            qint64 parent = 0;
            QString path;
            for (const QString &name : std::as_const(m_names)) {
                path = path.isEmpty() ? name : path + u'/' + name;
                if (const qint64 existing = paths->value(path.toCaseFolded()); existing != 0) {
                    parent = existing;
                    continue;
                }
                Tag tag;
                tag.parentId = parent;
                tag.name = name;
                tag.version = 1;
                Result<qint64> id = store.insertTag(tag);
                if (!id)
                    return id.failure();
                tag.id = *id;
                m_created.append(tag);
                m_generations.append(context.book.adopt(tagKey(*id), 0));
                context.book.record(tagKey(*id), 1);
                parent = *id;
            }
            *m_leaf = parent;
            return {};
        }
        for (qsizetype i = 0; i < m_created.size(); ++i) {
            Tag tag = m_created.at(i);
            const QString key = tagKey(tag.id);
            if (!context.book.holds(key, m_generations.at(i)))
                return cutOff(false);
            tag.version = context.book.expected(key) + 1;
            if (Result<qint64> id = store.insertTag(tag); !id)
                return id.failure();
            context.book.record(key, tag.version);
        }
        return {};
    }

    Result<void> revert(ChangeContext &context) override
    {
        AnnotationStore store(context.store);
        for (qsizetype i = m_created.size() - 1; i >= 0; --i) {
            const Tag &tag = m_created.at(i);
            const QString key = tagKey(tag.id);
            if (!context.book.holds(key, m_generations.at(i)))
                return cutOff(false);
            // Deleting a tag someone has used since would take it off their highlights too.
            Result<QSqlQuery> used = Sql::query(context.store.connectionName(),
                u"SELECT (SELECT count(*) FROM highlight_tags WHERE tag_id = ?) + "
                "(SELECT count(*) FROM tags WHERE parent_id = ?)"_s,
                { tag.id, tag.id });
            if (!used)
                return used.failure();
            if (used->next() && used->value(0).toInt() > 0) {
                return ResultError(
                    tr("the tag “%1” has been used since.").arg(tag.name), ErrorKind::Conflict);
            }
            if (auto deleted = store.deleteTag(tag.id, context.book.expected(key)); !deleted)
                return deleted;
        }
        return {};
    }

    QList<ChangeNotice> notices() const override { return { codebookNotice() }; }

private:
    QStringList m_names;
    IdSlot m_leaf;
    QList<Tag> m_created; ///< parents first
    QList<int> m_generations;
};

class PatchTag final : public LibraryChange
{
public:
    PatchTag(qint64 id, qint64 seenVersion, TagPatch patch)
        : m_id(id)
        , m_seenVersion(seenVersion)
        , m_patch(std::move(patch))
    { }

    Result<void> apply(ChangeContext &context) override
    {
        AnnotationStore store(context.store);
        const QString key = tagKey(m_id);
        if (context.first) {
            Result<Tag> before = store.tag(m_id);
            if (!before)
                return before.failure();
            if (before->version != m_seenVersion)
                return cutOff(false);
            m_inverse = m_patch.inverseOn(*before);
            m_generation = context.book.adopt(key, m_seenVersion);
        } else if (!context.book.holds(key, m_generation)) {
            return cutOff(false);
        }
        Result<qint64> version = store.patchTag(m_id, m_patch, context.book.expected(key));
        if (!version)
            return version.failure();
        context.book.record(key, *version);
        return {};
    }

    Result<void> revert(ChangeContext &context) override
    {
        const QString key = tagKey(m_id);
        if (!context.book.holds(key, m_generation))
            return cutOff(false);
        Result<qint64> version
            = AnnotationStore(context.store).patchTag(m_id, m_inverse, context.book.expected(key));
        if (!version)
            return version.failure();
        context.book.record(key, *version);
        return {};
    }

    QList<ChangeNotice> notices() const override { return { codebookNotice() }; }

private:
    qint64 m_id;
    qint64 m_seenVersion;
    TagPatch m_patch;
    TagPatch m_inverse;
    int m_generation = 0;
};

/// The subtree of a tag as stored, parents first, with every tagging of it.
struct TagSubtree
{
    QList<Tag> tags;
    QList<QPair<qint64, qint64>> taggings;
};

Result<TagSubtree> readSubtree(AnnotationStore &store, qint64 id)
{
    Result<QList<qint64>> ids = store.subtree(id);
    Result<QList<Tag>> all = store.tags();
    if (!ids || !all)
        return !ids ? ids.failure() : all.failure();
    TagSubtree subtree;
    // tags() is sorted by path, so a parent always comes before its children.
    for (const Tag &tag : std::as_const(*all)) {
        if (ids->contains(tag.id))
            subtree.tags.append(tag);
    }
    Result<QList<QPair<qint64, qint64>>> pairs = store.taggings(*ids);
    if (!pairs)
        return pairs.failure();
    subtree.taggings = *pairs;
    return subtree;
}

bool sameTaggings(QList<QPair<qint64, qint64>> a, QList<QPair<qint64, qint64>> b)
{
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}

class RemoveTag final : public LibraryChange
{
public:
    RemoveTag(qint64 id, qint64 seenVersion)
        : m_id(id)
        , m_seenVersion(seenVersion)
    { }

    Result<void> apply(ChangeContext &context) override
    {
        AnnotationStore store(context.store);
        if (context.first) {
            Result<TagSubtree> subtree = readSubtree(store, m_id);
            if (!subtree)
                return subtree.failure();
            if (subtree->tags.isEmpty())
                return ResultError(tr("the tag is no longer in the codebook."), ErrorKind::NotFound);
            m_removed = *subtree;
            for (const Tag &tag : std::as_const(m_removed.tags)) {
                if (tag.id == m_id && tag.version != m_seenVersion)
                    return cutOff(false);
                m_generations.append(context.book.adopt(tagKey(tag.id), tag.version));
            }
        } else {
            // Deleting again takes the subtree and its taggings: each must be as this history
            // left it, or someone's change since would go unseen.
            Result<TagSubtree> now = readSubtree(store, m_id);
            if (!now)
                return now.failure();
            if (now->tags.size() != m_removed.tags.size() || !sameTaggings(now->taggings, m_removed.taggings))
                return cutOff(false);
            for (qsizetype i = 0; i < m_removed.tags.size(); ++i) {
                const QString key = tagKey(m_removed.tags.at(i).id);
                if (!context.book.holds(key, m_generations.at(i)))
                    return cutOff(false);
                const auto found = std::find_if(now->tags.cbegin(), now->tags.cend(),
                    [&](const Tag &tag) { return tag.id == m_removed.tags.at(i).id; });
                if (found == now->tags.cend() || found->version != context.book.expected(key))
                    return cutOff(false);
            }
        }
        return store.deleteTag(m_id, context.book.expected(tagKey(m_id)));
    }

    Result<void> revert(ChangeContext &context) override
    {
        AnnotationStore store(context.store);
        for (qsizetype i = 0; i < m_removed.tags.size(); ++i) {
            Tag tag = m_removed.tags.at(i);
            const QString key = tagKey(tag.id);
            if (!context.book.holds(key, m_generations.at(i)))
                return cutOff(false);
            tag.version = context.book.expected(key) + 1;
            if (Result<qint64> id = store.insertTag(tag); !id)
                return id.failure();
            context.book.record(key, tag.version);
        }
        // Highlights deleted meanwhile stay deleted; the others get their tags back.
        return store.addTaggings(m_removed.taggings);
    }

    QList<ChangeNotice> notices() const override
    {
        return { codebookNotice(), anyArticleNotice() };
    }

private:
    qint64 m_id;
    qint64 m_seenVersion;
    TagSubtree m_removed;
    QList<int> m_generations;
};

class MergeTags final : public LibraryChange
{
public:
    MergeTags(qint64 from, qint64 into)
        : m_from(from)
        , m_into(into)
    { }

    Result<void> apply(ChangeContext &context) override
    {
        AnnotationStore store(context.store);
        if (context.first) {
            Result<Tag> source = store.tag(m_from);
            Result<Tag> target = store.tag(m_into);
            if (!source || !target)
                return !source ? source.failure() : target.failure();
            Result<QList<qint64>> below = store.subtree(m_from);
            if (!below)
                return below.failure();
            if (below->contains(m_into))
                return ResultError(tr("A tag cannot be merged into a tag below it."),
                    ErrorKind::InvalidInput);
            Result<QList<Tag>> all = store.tags();
            Result<QList<QPair<qint64, qint64>>> fromPairs = store.taggings({ m_from });
            Result<QList<QPair<qint64, qint64>>> intoPairs = store.taggings({ m_into });
            if (!all || !fromPairs || !intoPairs)
                return ResultError(tr("The codebook could not be read."), ErrorKind::Database);
            m_source = *source;
            for (const Tag &tag : std::as_const(*all)) {
                if (tag.parentId == m_from)
                    m_children.append(tag);
            }
            m_fromPairs = *fromPairs;
            for (const auto &pair : std::as_const(*fromPairs)) {
                if (!intoPairs->contains(QPair<qint64, qint64>(pair.first, m_into)))
                    m_added.append({ pair.first, m_into });
            }
            m_generations.append(context.book.adopt(tagKey(m_from), m_source.version));
            for (const Tag &child : std::as_const(m_children))
                m_generations.append(context.book.adopt(tagKey(child.id), child.version));
        } else {
            if (!holdsAll(context.book))
                return cutOff(false);
            // Highlights tagged with `from` since would lose the tag without getting `into`.
            Result<QList<QPair<qint64, qint64>>> fromPairs = store.taggings({ m_from });
            if (!fromPairs)
                return fromPairs.failure();
            if (!sameTaggings(*fromPairs, m_fromPairs))
                return cutOff(false);
        }
        if (auto tagged = store.addTaggings(m_added); !tagged)
            return tagged;
        for (const Tag &child : std::as_const(m_children)) {
            TagPatch move;
            move.parentId = m_into;
            const QString key = tagKey(child.id);
            Result<qint64> version = store.patchTag(child.id, move, context.book.expected(key));
            if (!version)
                return version.failure();
            context.book.record(key, *version);
        }
        return store.deleteTag(m_from, context.book.expected(tagKey(m_from)));
    }

    Result<void> revert(ChangeContext &context) override
    {
        if (!holdsAll(context.book))
            return cutOff(false);
        AnnotationStore store(context.store);
        Tag source = m_source;
        source.version = context.book.expected(tagKey(m_from)) + 1;
        if (Result<qint64> restored = store.insertTag(source); !restored)
            return restored.failure();
        context.book.record(tagKey(m_from), source.version);
        for (const Tag &child : std::as_const(m_children)) {
            TagPatch move;
            move.parentId = m_from;
            const QString key = tagKey(child.id);
            Result<qint64> version = store.patchTag(child.id, move, context.book.expected(key));
            if (!version)
                return version.failure();
            context.book.record(key, *version);
        }
        if (auto untagged = store.removeTaggings(m_added); !untagged)
            return untagged;
        return store.addTaggings(m_fromPairs);
    }

    QList<ChangeNotice> notices() const override
    {
        return { codebookNotice(), anyArticleNotice() };
    }

private:
    bool holdsAll(const VersionBook &book) const
    {
        if (!book.holds(tagKey(m_from), m_generations.value(0)))
            return false;
        for (qsizetype i = 0; i < m_children.size(); ++i) {
            if (!book.holds(tagKey(m_children.at(i).id), m_generations.value(i + 1)))
                return false;
        }
        return true;
    }

    qint64 m_from;
    qint64 m_into;
    Tag m_source;
    QList<Tag> m_children;
    QList<QPair<qint64, qint64>> m_fromPairs;
    QList<QPair<qint64, qint64>> m_added;
    QList<int> m_generations; ///< from, then each child
};

class NameColor final : public LibraryChange
{
public:
    NameColor(QString color, QString name)
        : m_color(std::move(color))
        , m_name(std::move(name))
    { }

    Result<void> apply(ChangeContext &context) override
    {
        AnnotationStore store(context.store);
        Result<std::optional<QString>> stored = store.storedColorName(m_color);
        if (!stored)
            return stored.failure();
        if (context.first)
            m_previous = *stored;
        else if (*stored != m_previous)
            return nameChangedSince();
        return store.setColorName(m_color, m_name);
    }

    Result<void> revert(ChangeContext &context) override
    {
        AnnotationStore store(context.store);
        Result<std::optional<QString>> stored = store.storedColorName(m_color);
        if (!stored)
            return stored.failure();
        const std::optional<QString> mine
            = m_name.isEmpty() ? std::optional<QString>() : std::optional<QString>(m_name);
        if (*stored != mine)
            return nameChangedSince();
        // A colour that had no name of the user's gets none back, not its default as one.
        return store.setColorName(m_color, m_previous.value_or(QString()));
    }

    QList<ChangeNotice> notices() const override { return { codebookNotice() }; }

private:
    static ResultError nameChangedSince()
    {
        return ResultError(tr("the colour's name has been changed since by someone else."),
            ErrorKind::Conflict);
    }

    QString m_color;
    QString m_name;
    std::optional<QString> m_previous;
};

} // namespace

std::unique_ptr<LibraryChange> insertHighlight(
    Highlight highlight, const QString &textHash, IdSlot id)
{
    return std::make_unique<InsertHighlight>(std::move(highlight), textHash, std::move(id));
}

std::unique_ptr<LibraryChange> removeHighlight(qint64 articleId, qint64 id, qint64 seenVersion)
{
    return std::make_unique<RemoveHighlight>(articleId, id, seenVersion);
}

std::unique_ptr<LibraryChange> patchHighlight(qint64 articleId, IdSlot id, qint64 seenVersion,
    HighlightPatch patch, QList<IdSlot> addSlots, const QString &textHash)
{
    return std::make_unique<PatchHighlight>(
        articleId, std::move(id), seenVersion, std::move(patch), std::move(addSlots), textHash);
}

std::unique_ptr<LibraryChange> createTagPath(const QStringList &names, IdSlot leaf)
{
    return std::make_unique<CreateTagPath>(names, std::move(leaf));
}

std::unique_ptr<LibraryChange> patchTag(qint64 id, qint64 seenVersion, TagPatch patch)
{
    return std::make_unique<PatchTag>(id, seenVersion, std::move(patch));
}

std::unique_ptr<LibraryChange> removeTag(qint64 id, qint64 seenVersion)
{
    return std::make_unique<RemoveTag>(id, seenVersion);
}

std::unique_ptr<LibraryChange> mergeTags(qint64 from, qint64 into)
{
    return std::make_unique<MergeTags>(from, into);
}

std::unique_ptr<LibraryChange> nameColor(const QString &color, const QString &name)
{
    return std::make_unique<NameColor>(color, name);
}

} // namespace AnnotationChanges
