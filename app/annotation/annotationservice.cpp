#include "annotationservice.h"
#include "library/librarycommand.h"
#include "library/librarystore.h"
#include "library/sqlhelpers.h"

#include <QCoreApplication>
#include <QUndoCommand>

using namespace Qt::StringLiterals;

AnnotationService::AnnotationService(LibraryStore *library, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_store(*library)
{ }

void AnnotationService::announce(const Scope &scope)
{
    const qint64 highlightId = scope.highlightId ? *scope.highlightId : 0;
    if (scope.articleId != 0 && highlightId != 0)
        Q_EMIT highlightChanged(scope.articleId, highlightId);
    else if (scope.articleId != 0)
        Q_EMIT highlightsChanged(scope.articleId);
    if (scope.tagsChange)
        Q_EMIT tagsChanged();
}

AnnotationService::Scope AnnotationService::codebookScope()
{
    return Scope { 0, nullptr, true };
}

AnnotationService::Scope AnnotationService::highlightScope(
    qint64 articleId, qint64 highlightId, bool tagsChange)
{
    return Scope { articleId, std::make_shared<qint64>(highlightId), tagsChange };
}

Result<void> AnnotationService::perform(const QString &text, Step apply, Step revert, Scope scope)
{
    auto done = [this, scope](const Result<void> &result) {
        if (!result)
            Q_EMIT errorOccurred(result.error());
        announce(scope);
    };
    if (auto performed = LibraryCommand::perform(&m_undo, m_library->connectionName(), text,
            std::move(apply), std::move(revert), std::move(done));
        !performed)
        return performed;
    announce(scope);
    return {};
}

Result<qint64> AnnotationService::createHighlight(
    qint64 articleId, const QString &body, int start, int end, const QString &color)
{
    if (start > end)
        std::swap(start, end);
    start = std::max(0, start);
    end = std::min(int(body.size()), end);
    if (end <= start)
        return ResultError(tr("Select some of the article's text to highlight."));
    const QStringView selected = QStringView(body).mid(start, end - start);
    if (selected.trimmed().isEmpty())
        return ResultError(tr("The selection holds only spaces; select some words."));
    // Leading and trailing spaces are never part of what the user meant.
    while (start < end && body.at(start).isSpace())
        ++start;
    while (end > start && body.at(end - 1).isSpace())
        --end;
    const QString colorKey = color.isEmpty() ? Palette::defaultKey() : color;
    if (!Palette::isValidKey(colorKey))
        return ResultError(tr("There is no highlight colour “%1”.").arg(colorKey));

    Highlight highlight;
    highlight.articleId = articleId;
    highlight.anchor = Anchoring::anchorFor(body, start, end);
    highlight.status = AnchorStatus::Exact;
    highlight.color = colorKey;
    highlight.created = QDateTime::currentDateTimeUtc();
    highlight.modified = highlight.created;
    auto id = std::make_shared<qint64>(0);
    Result<void> done = perform(
        tr("Highlight"),
        [this, highlight, id]() -> Result<void> {
            Highlight restored = highlight;
            restored.id = *id;
            Result<qint64> inserted = m_store.insertHighlight(restored);
            if (!inserted)
                return inserted.failure();
            *id = *inserted;
            return {};
        },
        [this, id]() { return m_store.deleteHighlight(*id); }, Scope { articleId, id, false });
    if (!done)
        return done.failure();
    return *id;
}

Result<void> AnnotationService::deleteHighlight(qint64 id)
{
    Result<Highlight> before = m_store.highlight(id);
    if (!before)
        return before.failure();
    const Highlight kept = *before;
    return perform(
        tr("Delete Highlight"), [this, id]() { return m_store.deleteHighlight(id); },
        [this, kept]() -> Result<void> {
            Result<qint64> inserted = m_store.insertHighlight(kept);
            return inserted ? Result<void>() : inserted.failure();
        },
        highlightScope(kept.articleId, id, !kept.tagIds.isEmpty()));
}

Result<void> AnnotationService::update(
    const Highlight &before, Highlight after, const QString &text, bool tagsChange)
{
    after.modified = QDateTime::currentDateTimeUtc();
    return perform(
        text, [this, after]() { return m_store.updateHighlight(after); },
        [this, before]() { return m_store.updateHighlight(before); },
        highlightScope(before.articleId, before.id, tagsChange));
}

Result<void> AnnotationService::setColor(qint64 id, const QString &color)
{
    if (!Palette::isValidKey(color))
        return ResultError(tr("There is no highlight colour “%1”.").arg(color));
    Result<Highlight> before = m_store.highlight(id);
    if (!before)
        return before.failure();
    Highlight after = *before;
    after.color = color;
    return update(*before, after, tr("Change Colour"));
}

Result<void> AnnotationService::setNote(qint64 id, const QString &note)
{
    Result<Highlight> before = m_store.highlight(id);
    if (!before)
        return before.failure();
    if (before->note == note)
        return {};
    Highlight after = *before;
    after.note = note;
    return update(*before, after, tr("Edit Note"));
}

Result<void> AnnotationService::setExtent(qint64 id, const QString &body, int start, int end)
{
    Result<Highlight> before = m_store.highlight(id);
    if (!before)
        return before.failure();
    if (start > end)
        std::swap(start, end);
    start = std::max(0, start);
    end = std::min(int(body.size()), end);
    if (end <= start || QStringView(body).mid(start, end - start).trimmed().isEmpty())
        return ResultError(tr("A highlight must cover some of the article's words."));
    Highlight after = *before;
    after.anchor = Anchoring::anchorFor(body, start, end);
    after.status = AnchorStatus::Exact;
    return update(*before, after,
        before->status == AnchorStatus::Orphaned ? tr("Re-attach Highlight")
                                                 : tr("Change Highlight Extent"));
}

Result<QStringList> AnnotationService::splitTagPath(const QString &path)
{
    QStringList names;
    const QStringList parts = path.split(u'/');
    for (const QString &part : parts) {
        if (part.trimmed().isEmpty() && parts.size() > 1)
            continue; // "Speaker//Name" and a trailing "/" mean nothing more
        Result<QString> name = AnnotationStore::validateTagName(part);
        if (!name)
            return name.failure();
        names.append(*name);
    }
    if (names.isEmpty())
        return ResultError(tr("A tag needs a name."));
    return names;
}

Result<QList<Tag>> AnnotationService::ensurePath(const QStringList &names, qint64 &leafId)
{
    QList<Tag> created;
    Result<qint64> leaf = m_store.ensureTagPath(names, &created);
    if (!leaf)
        return leaf.failure();
    leafId = *leaf;
    return created;
}

Result<qint64> AnnotationService::addTag(qint64 highlightId, const QString &path)
{
    Result<QStringList> names = splitTagPath(path);
    if (!names)
        return names.failure();
    Result<Highlight> before = m_store.highlight(highlightId);
    if (!before)
        return before.failure();
    const Highlight original = *before;
    auto created = std::make_shared<QList<Tag>>();
    auto leaf = std::make_shared<qint64>(0);
    const QStringList tagNames = *names;
    Result<void> done = perform(
        tr("Tag Highlight"),
        [this, original, created, leaf, tagNames]() -> Result<void> {
            if (created->isEmpty() && *leaf == 0) {
                Result<QList<Tag>> made = ensurePath(tagNames, *leaf);
                if (!made)
                    return made.failure();
                *created = *made;
            } else {
                for (const Tag &tag : std::as_const(*created)) {
                    if (auto restored = m_store.insertTag(tag); !restored)
                        return restored.failure();
                }
            }
            Highlight after = original;
            if (!after.tagIds.contains(*leaf))
                after.tagIds.append(*leaf);
            after.modified = QDateTime::currentDateTimeUtc();
            return m_store.updateHighlight(after);
        },
        [this, original, created]() -> Result<void> {
            if (auto restored = m_store.updateHighlight(original); !restored)
                return restored;
            for (auto it = created->crbegin(); it != created->crend(); ++it) {
                if (auto removed = m_store.deleteTag(it->id); !removed)
                    return removed;
            }
            return {};
        },
        highlightScope(original.articleId, original.id, true));
    if (!done)
        return done.failure();
    return *leaf;
}

Result<void> AnnotationService::removeTag(qint64 highlightId, qint64 tagId)
{
    Result<Highlight> before = m_store.highlight(highlightId);
    if (!before)
        return before.failure();
    if (!before->tagIds.contains(tagId))
        return {};
    Highlight after = *before;
    after.tagIds.removeAll(tagId);
    return update(*before, after, tr("Remove Tag"), true);
}

Result<qint64> AnnotationService::createTag(const QString &path)
{
    Result<QStringList> names = splitTagPath(path);
    if (!names)
        return names.failure();
    Result<qint64> existing = m_store.tagIdByPath(names->join(u'/'));
    if (!existing)
        return existing.failure();
    if (*existing != 0)
        return ResultError(tr("There is already a tag “%1”.").arg(names->join(u'/')));
    auto created = std::make_shared<QList<Tag>>();
    auto leaf = std::make_shared<qint64>(0);
    const QStringList tagNames = *names;
    Result<void> done = perform(
        tr("New Tag"),
        [this, created, leaf, tagNames]() -> Result<void> {
            if (created->isEmpty()) {
                Result<QList<Tag>> made = ensurePath(tagNames, *leaf);
                if (!made)
                    return made.failure();
                *created = *made;
                return {};
            }
            for (const Tag &tag : std::as_const(*created)) {
                if (auto restored = m_store.insertTag(tag); !restored)
                    return restored.failure();
            }
            return {};
        },
        [this, created]() -> Result<void> {
            for (auto it = created->crbegin(); it != created->crend(); ++it) {
                if (auto removed = m_store.deleteTag(it->id); !removed)
                    return removed;
            }
            return {};
        },
        codebookScope());
    if (!done)
        return done.failure();
    return *leaf;
}

Result<void> AnnotationService::editTag(
    qint64 id, const QString &text, const std::function<void(Tag &)> &change)
{
    Result<Tag> before = m_store.tag(id);
    if (!before)
        return before.failure();
    Tag after = *before;
    change(after);
    const Tag original = *before;
    return perform(
        text, [this, after]() { return m_store.updateTag(after); },
        [this, original]() { return m_store.updateTag(original); }, codebookScope());
}

Result<void> AnnotationService::renameTag(qint64 id, const QString &name)
{
    Result<QString> checked = AnnotationStore::validateTagName(name);
    if (!checked)
        return checked.failure();
    return editTag(id, tr("Rename Tag"), [&checked](Tag &tag) { tag.name = *checked; });
}

Result<void> AnnotationService::moveTag(qint64 id, qint64 newParentId)
{
    // The store refuses a move into the tag's own subtree before anything reaches the stack.
    return editTag(id, tr("Move Tag"), [newParentId](Tag &tag) { tag.parentId = newParentId; });
}

Result<void> AnnotationService::setTagColor(qint64 id, const QString &color)
{
    return editTag(id, tr("Change Tag Colour"), [&color](Tag &tag) { tag.color = color; });
}

Result<void> AnnotationService::setTagDescription(qint64 id, const QString &description)
{
    return editTag(
        id, tr("Describe Tag"), [&description](Tag &tag) { tag.description = description; });
}

Result<void> AnnotationService::deleteTag(qint64 id)
{
    Result<QList<qint64>> ids = m_store.subtree(id);
    if (!ids)
        return ids.failure();
    Result<QList<Tag>> all = m_store.tags();
    if (!all)
        return all.failure();
    // Parents before children, so the subtree can be put back in order.
    QList<Tag> removed;
    for (qint64 tagId : std::as_const(*ids)) {
        for (const Tag &tag : std::as_const(*all)) {
            if (tag.id == tagId)
                removed.append(tag);
        }
    }
    Result<QList<QPair<qint64, qint64>>> pairs = m_store.taggings(*ids);
    if (!pairs)
        return pairs.failure();
    const QList<QPair<qint64, qint64>> taggings = *pairs;
    return perform(
        tr("Delete Tag"), [this, id]() { return m_store.deleteTag(id); },
        [this, removed, taggings]() -> Result<void> {
            for (const Tag &tag : removed) {
                if (auto restored = m_store.insertTag(tag); !restored)
                    return restored.failure();
            }
            return m_store.addTaggings(taggings);
        },
        codebookScope());
}

Result<void> AnnotationService::mergeTags(qint64 from, qint64 into)
{
    if (from == into)
        return ResultError(tr("A tag cannot be merged into itself."));
    Result<Tag> source = m_store.tag(from);
    Result<Tag> target = m_store.tag(into);
    if (!source || !target)
        return ResultError(!source ? source.error() : target.error());
    Result<QList<qint64>> below = m_store.subtree(from);
    if (!below)
        return below.failure();
    if (below->contains(into))
        return ResultError(tr("A tag cannot be merged into a tag below it."));
    Result<QList<Tag>> all = m_store.tags();
    Result<QList<QPair<qint64, qint64>>> fromPairs = m_store.taggings({ from });
    Result<QList<QPair<qint64, qint64>>> intoPairs = m_store.taggings({ into });
    if (!all || !fromPairs || !intoPairs)
        return ResultError(tr("The codebook could not be read."));
    QList<Tag> children;
    for (const Tag &tag : std::as_const(*all)) {
        if (tag.parentId == from)
            children.append(tag);
    }
    QList<QPair<qint64, qint64>> added;
    for (const auto &pair : std::as_const(*fromPairs)) {
        if (!intoPairs->contains(QPair<qint64, qint64>(pair.first, into)))
            added.append({ pair.first, into });
    }
    const Tag removedTag = *source;
    const QList<QPair<qint64, qint64>> removedPairs = *fromPairs;
    return perform(
        tr("Merge Tags"),
        [this, from, into, children, added]() -> Result<void> {
            if (auto tagged = m_store.addTaggings(added); !tagged)
                return tagged;
            for (Tag child : children) {
                child.parentId = into;
                if (auto moved = m_store.updateTag(child); !moved)
                    return moved;
            }
            return m_store.deleteTag(from);
        },
        [this, removedTag, children, added, removedPairs]() -> Result<void> {
            if (auto restored = m_store.insertTag(removedTag); !restored)
                return restored.failure();
            for (const Tag &child : children) {
                if (auto moved = m_store.updateTag(child); !moved)
                    return moved;
            }
            for (const auto &pair : added) {
                Result<Highlight> highlight = m_store.highlight(pair.first);
                if (!highlight)
                    return highlight.failure();
                highlight->tagIds.removeAll(pair.second);
                if (auto updated = m_store.updateHighlight(*highlight); !updated)
                    return updated;
            }
            return m_store.addTaggings(removedPairs);
        },
        codebookScope());
}

Result<void> AnnotationService::setColorName(const QString &color, const QString &name)
{
    Result<QHash<QString, QString>> names = m_store.colorNames();
    if (!names)
        return names.failure();
    const QString previous = names->value(color);
    return perform(
        tr("Name Colour"), [this, color, name]() { return m_store.setColorName(color, name); },
        [this, color, previous]() { return m_store.setColorName(color, previous); },
        codebookScope());
}
