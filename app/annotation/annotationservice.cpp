#include "annotationservice.h"
#include "annotationchanges.h"
#include "library/library.h"
#include "library/libraryhistory.h"
#include "library/librarystore.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

AnnotationService::AnnotationService(Library *library, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_store(library->store())
{
    connect(&library->history(), &LibraryHistory::changed, this, &AnnotationService::announce);
    connect(&library->history(), &LibraryHistory::refused, this, &AnnotationService::errorOccurred);
}

LibraryHistory &AnnotationService::history() const
{
    return m_library->history();
}

const QUndoStack *AnnotationService::undoStack() const
{
    return m_library->history().stack();
}

void AnnotationService::announce(const QList<ChangeNotice> &notices)
{
    bool codebook = false;
    for (const ChangeNotice &notice : notices) {
        if (notice.topic == QStringView(AnnotationTopics::Highlight))
            Q_EMIT highlightChanged(notice.articleId, notice.id);
        else if (notice.topic == QStringView(AnnotationTopics::ArticleHighlights))
            Q_EMIT highlightsChanged(notice.articleId);
        else if (notice.topic == QStringView(AnnotationTopics::Codebook))
            codebook = true;
    }
    if (codebook)
        Q_EMIT tagsChanged();
}

Result<void> AnnotationService::perform(const QString &text, std::unique_ptr<LibraryChange> change)
{
    return m_library->history().perform(text, std::move(change));
}

Result<QPair<int, int>> AnnotationService::trimmedSpan(const QString &body, int start, int end)
{
    if (start > end)
        std::swap(start, end);
    start = std::max(0, start);
    end = std::min(int(body.size()), end);
    if (end <= start)
        return ResultError(tr("Select some of the article's text to highlight."),
            ErrorKind::InvalidInput);
    if (QStringView(body).mid(start, end - start).trimmed().isEmpty())
        return ResultError(tr("The selection holds only spaces; select some words."),
            ErrorKind::InvalidInput);
    // Leading and trailing spaces are never part of what the user meant.
    while (start < end && body.at(start).isSpace())
        ++start;
    while (end > start && body.at(end - 1).isSpace())
        --end;
    return QPair<int, int>(start, end);
}

Result<QString> AnnotationService::hashOfShownText(qint64 articleId, const QString &body) const
{
    Result<QPair<QString, QString>> stored = m_library->store().bodyAndHash(articleId);
    if (!stored)
        return stored.failure();
    if (stored->first != body) {
        return ResultError(tr("The article was imported again with a changed text; open it "
                              "again before highlighting."),
            ErrorKind::Conflict);
    }
    return stored->second;
}

Result<qint64> AnnotationService::createHighlight(
    qint64 articleId, const QString &body, int start, int end, const QString &color)
{
    Result<QPair<int, int>> span = trimmedSpan(body, start, end);
    if (!span)
        return span.failure();
    const QString colorKey = color.isEmpty() ? Palette::defaultKey() : color;
    if (!Palette::isValidKey(colorKey))
        return ResultError(tr("There is no highlight colour “%1”.").arg(colorKey),
            ErrorKind::InvalidInput);
    Result<QString> hash = hashOfShownText(articleId, body);
    if (!hash)
        return hash.failure();

    Highlight highlight;
    highlight.articleId = articleId;
    highlight.anchor = Anchoring::anchorFor(body, span->first, span->second);
    highlight.status = AnchorStatus::Exact;
    highlight.color = colorKey;
    highlight.created = QDateTime::currentDateTimeUtc();
    highlight.modified = highlight.created;
    const IdSlot id = idSlot();
    if (auto done = perform(tr("Highlight"),
            AnnotationChanges::insertHighlight(highlight, *hash, id));
        !done)
        return done.failure();
    return *id;
}

Result<void> AnnotationService::deleteHighlight(qint64 id)
{
    Result<Highlight> before = m_store.highlight(id);
    if (!before)
        return before.failure();
    return perform(tr("Delete Highlight"),
        AnnotationChanges::removeHighlight(before->articleId, id, before->version));
}

Result<void> AnnotationService::patch(
    qint64 id, HighlightPatch patch, const QString &text, const QString &textHash)
{
    Result<Highlight> before = m_store.highlight(id);
    if (!before)
        return before.failure();
    return perform(text,
        AnnotationChanges::patchHighlight(
            before->articleId, idSlot(id), before->version, std::move(patch), {}, textHash));
}

Result<void> AnnotationService::setColor(qint64 id, const QString &color)
{
    if (!Palette::isValidKey(color))
        return ResultError(tr("There is no highlight colour “%1”.").arg(color),
            ErrorKind::InvalidInput);
    HighlightPatch change;
    change.color = color;
    return patch(id, change, tr("Change Colour"));
}

Result<void> AnnotationService::setNote(qint64 id, const QString &note)
{
    Result<Highlight> before = m_store.highlight(id);
    if (!before)
        return before.failure();
    if (before->note == note)
        return {};
    HighlightPatch change;
    change.note = note;
    return patch(id, change, tr("Edit Note"));
}

Result<void> AnnotationService::setExtent(qint64 id, const QString &body, int start, int end)
{
    Result<Highlight> before = m_store.highlight(id);
    if (!before)
        return before.failure();
    // Unlike a new highlight, an extent moved a character at a time (Shift+arrows) may end on
    // a space for a moment, so it is kept as given.
    if (start > end)
        std::swap(start, end);
    start = std::max(0, start);
    end = std::min(int(body.size()), end);
    if (end <= start || QStringView(body).mid(start, end - start).trimmed().isEmpty())
        return ResultError(tr("A highlight must cover some of the article's words."),
            ErrorKind::InvalidInput);
    Result<QString> hash = hashOfShownText(before->articleId, body);
    if (!hash)
        return hash.failure();
    HighlightPatch change;
    change.anchor = Anchoring::anchorFor(body, start, end);
    change.status = AnchorStatus::Exact;
    return patch(id, change,
        before->status == AnchorStatus::Orphaned ? tr("Re-attach Highlight")
                                                 : tr("Change Highlight Extent"),
        *hash);
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
        return ResultError(tr("A tag needs a name."), ErrorKind::InvalidInput);
    return names;
}

Result<qint64> AnnotationService::addTag(qint64 highlightId, const QString &path)
{
    Result<QStringList> names = splitTagPath(path);
    if (!names)
        return names.failure();
    Result<Highlight> before = m_store.highlight(highlightId);
    if (!before)
        return before.failure();
    Result<qint64> existing = m_store.tagIdByPath(names->join(u'/'));
    if (existing && *existing != 0 && before->tagIds.contains(*existing))
        return *existing; // already there: no empty undo step
    const IdSlot leaf = idSlot();
    auto change = std::make_unique<ChangeList>();
    change->append(AnnotationChanges::createTagPath(*names, leaf));
    change->append(AnnotationChanges::patchHighlight(
        before->articleId, idSlot(highlightId), before->version, {}, { leaf }));
    if (auto done = perform(tr("Tag Highlight"), std::move(change)); !done)
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
    HighlightPatch change;
    change.removeTags = { tagId };
    return patch(highlightId, change, tr("Remove Tag"));
}

Result<void> AnnotationService::highlightSpans(
    qint64 articleId, const QString &body, const QList<TaggedSpan> &spans, const QString &text)
{
    Result<QString> hash = hashOfShownText(articleId, body);
    if (!hash)
        return hash.failure();
    // One step per highlight: spans that fall in the same one (two quotations in a
    // paragraph highlighted whole) add their tags in one patch of it.
    QList<TaggedSpan> merged;
    for (const TaggedSpan &span : spans) {
        auto same = std::find_if(merged.begin(), merged.end(), [&](const TaggedSpan &other) {
            return span.highlightId != 0 && other.highlightId == span.highlightId;
        });
        if (same == merged.end()) {
            merged.append(span);
            continue;
        }
        for (const QString &path : span.tagPaths) {
            if (!same->tagPaths.contains(path))
                same->tagPaths.append(path);
        }
    }
    auto change = std::make_unique<ChangeList>();
    for (const TaggedSpan &span : std::as_const(merged)) {
        IdSlot id = idSlot(span.highlightId);
        qint64 seenVersion = 0;
        if (span.highlightId == 0) {
            Result<QPair<int, int>> trimmed = trimmedSpan(body, span.start, span.end);
            if (!trimmed)
                return trimmed.failure();
            Highlight highlight;
            highlight.articleId = articleId;
            highlight.anchor = Anchoring::anchorFor(body, trimmed->first, trimmed->second);
            highlight.color = Palette::defaultKey();
            highlight.created = QDateTime::currentDateTimeUtc();
            highlight.modified = highlight.created;
            change->append(AnnotationChanges::insertHighlight(highlight, *hash, id));
        } else {
            Result<Highlight> existing = m_store.highlight(span.highlightId);
            if (!existing)
                return existing.failure();
            seenVersion = existing->version;
        }
        QList<IdSlot> leaves;
        for (const QString &path : span.tagPaths) {
            Result<QStringList> names = splitTagPath(path);
            if (!names)
                return names.failure();
            leaves.append(idSlot());
            change->append(AnnotationChanges::createTagPath(*names, leaves.back()));
        }
        if (!leaves.isEmpty())
            change->append(
                AnnotationChanges::patchHighlight(articleId, id, seenVersion, {}, leaves));
    }
    if (change->isEmpty())
        return {};
    return perform(text, std::move(change));
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
        return ResultError(tr("There is already a tag “%1”.").arg(names->join(u'/')),
            ErrorKind::Conflict);
    const IdSlot leaf = idSlot();
    if (auto done = perform(tr("New Tag"), AnnotationChanges::createTagPath(*names, leaf)); !done)
        return done.failure();
    return *leaf;
}

Result<void> AnnotationService::patchTag(qint64 id, TagPatch patch, const QString &text)
{
    Result<Tag> before = m_store.tag(id);
    if (!before)
        return before.failure();
    return perform(text, AnnotationChanges::patchTag(id, before->version, std::move(patch)));
}

Result<void> AnnotationService::renameTag(qint64 id, const QString &name)
{
    Result<QString> checked = AnnotationStore::validateTagName(name);
    if (!checked)
        return checked.failure();
    TagPatch change;
    change.name = *checked;
    return patchTag(id, change, tr("Rename Tag"));
}

Result<void> AnnotationService::moveTag(qint64 id, qint64 newParentId)
{
    // The store refuses a move into the tag's own subtree before anything reaches the stack.
    TagPatch change;
    change.parentId = newParentId;
    return patchTag(id, change, tr("Move Tag"));
}

Result<void> AnnotationService::setTagColor(qint64 id, const QString &color)
{
    TagPatch change;
    change.color = color;
    return patchTag(id, change, tr("Change Tag Colour"));
}

Result<void> AnnotationService::setTagDescription(qint64 id, const QString &description)
{
    TagPatch change;
    change.description = description;
    return patchTag(id, change, tr("Describe Tag"));
}

Result<void> AnnotationService::deleteTag(qint64 id)
{
    Result<Tag> before = m_store.tag(id);
    if (!before)
        return before.failure();
    return perform(tr("Delete Tag"), AnnotationChanges::removeTag(id, before->version));
}

Result<void> AnnotationService::mergeTags(qint64 from, qint64 into)
{
    if (from == into)
        return ResultError(tr("A tag cannot be merged into itself."), ErrorKind::InvalidInput);
    return perform(tr("Merge Tags"), AnnotationChanges::mergeTags(from, into));
}

Result<void> AnnotationService::setColorName(const QString &color, const QString &name)
{
    if (!Palette::isValidKey(color))
        return ResultError(tr("There is no highlight colour “%1”.").arg(color),
            ErrorKind::InvalidInput);
    return perform(tr("Name Colour"), AnnotationChanges::nameColor(color, name.simplified()));
}
