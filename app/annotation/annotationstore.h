#pragma once

#include "core/result.h"
#include "highlight.h"

#include <QHash>
#include <QList>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <optional>

class LibraryStore;

/// Highlights, tags and colour names in the library file, on the library's own connection (so
/// the same thread rules apply). Writes must run inside the caller's transaction (a
/// LibraryWriter job), so that they land whole or not at all. Every write to a highlight or a
/// tag raises its version; writes given an expected version are refused when the row has moved
/// on. Ids are never handed out twice, so restoring one with its id brings back that one.
class AnnotationStore
{
public:
    explicit AnnotationStore(const LibraryStore &library);

    // Highlights
    [[nodiscard]] Result<QList<Highlight>> highlightsOf(qint64 articleId) const;
    /// Every highlight of the library, by article, each list in text order: two queries
    /// however many there are (exports read this).
    [[nodiscard]] Result<QHash<qint64, QList<Highlight>>> allHighlights() const;
    [[nodiscard]] Result<Highlight> highlight(qint64 id) const;
    /// Inserts a highlight with its tags; a non-zero id is kept (an undo restoring it: ids are
    /// never handed out twice, so it cannot collide), as is a non-zero version.
    [[nodiscard]] Result<qint64> insertHighlight(const Highlight &highlight);
    /// Writes the fields of the patch and raises the version; returns the new version. With an
    /// expected version, refuses (Conflict) when the row is at another one, so nobody's edit
    /// is overwritten unseen; NotFound when the highlight is gone.
    [[nodiscard]] Result<qint64> patchHighlight(qint64 id, const HighlightPatch &patch,
        std::optional<qint64> expectedVersion = std::nullopt, bool touchModified = true);
    [[nodiscard]] Result<void> deleteHighlight(
        qint64 id, std::optional<qint64> expectedVersion = std::nullopt);
    [[nodiscard]] Result<int> highlightCount() const;
    /// Highlights carrying any of these tags, newest article first, then in text order.
    [[nodiscard]] Result<QList<qint64>> highlightIdsWithTags(const QList<qint64> &tagIds) const;
    [[nodiscard]] Result<QList<HighlightListing>> listings(const QList<qint64> &ids) const;
    /// Articles having a highlight with one of these tags.
    [[nodiscard]] Result<QList<qint64>> articleIdsWithTags(const QList<qint64> &tagIds) const;
    /// Articles whose highlighted text or notes match an FTS5 expression.
    [[nodiscard]] Result<QList<qint64>> articleIdsWithMatchingHighlights(
        const QString &match) const;

    /// Places every highlight of an article in its new body and stores where each went.
    /// Call inside the transaction that changes the body.
    [[nodiscard]] Result<void> reanchor(qint64 articleId, const QString &body);

    // Tags
    [[nodiscard]] Result<QList<Tag>> tags() const; ///< all, sorted by path, with counts
    [[nodiscard]] Result<Tag> tag(qint64 id) const;
    /// Inserts a tag; a non-zero id and version are kept (restoring one).
    [[nodiscard]] Result<qint64> insertTag(const Tag &tag);
    /// Renames, moves, recolours or redescribes; refuses a duplicate name (Conflict) or a
    /// cycle (InvalidInput), and, with an expected version, a tag changed since. Returns the
    /// new version.
    [[nodiscard]] Result<qint64> patchTag(
        qint64 id, const TagPatch &patch, std::optional<qint64> expectedVersion = std::nullopt);
    /// Deletes a tag and its subtree (taggings go with them).
    [[nodiscard]] Result<void> deleteTag(
        qint64 id, std::optional<qint64> expectedVersion = std::nullopt);
    /// The tag at a path such as "Speaker/Milo Ventimiglia" (any case), or 0.
    [[nodiscard]] Result<qint64> tagIdByPath(const QString &path) const;
    [[nodiscard]] Result<int> tagCount() const;
    /// The tag at the path of these (checked) names, creating the missing levels; the ones
    /// made are appended to created when given. Call inside a transaction.
    [[nodiscard]] Result<qint64> ensureTagPath(
        const QStringList &names, QList<Tag> *created = nullptr);
    /// Ids of a tag and every tag below it.
    [[nodiscard]] Result<QList<qint64>> subtree(qint64 tagId) const;
    /// (highlight, tag) pairs of these tags, to restore them after a deletion or merge.
    [[nodiscard]] Result<QList<QPair<qint64, qint64>>> taggings(const QList<qint64> &tagIds) const;
    /// Adds (highlight, tag) pairs, leaving out those whose highlight or tag is gone.
    [[nodiscard]] Result<void> addTaggings(const QList<QPair<qint64, qint64>> &pairs);
    [[nodiscard]] Result<void> removeTaggings(const QList<QPair<qint64, qint64>> &pairs);
    /// How many of these tags are not in the codebook (any more).
    [[nodiscard]] Result<int> missingTags(const QList<qint64> &tagIds) const;
    /// Every tag path with its id (no counts: cheap, for lookups).
    [[nodiscard]] Result<QHash<QString, qint64>> tagIdsByPath() const;

    // Colour names
    [[nodiscard]] Result<QHash<QString, QString>> colorNames() const;
    /// The name the user gave a colour, if any (none: its default).
    [[nodiscard]] Result<std::optional<QString>> storedColorName(const QString &color) const;
    [[nodiscard]] Result<void> setColorName(const QString &color, const QString &name);

    /// Checks a single tag name (no '/'): a clear sentence when it is empty, too long or has
    /// no letter or digit.
    [[nodiscard]] static Result<QString> validateTagName(const QString &name);
    static constexpr int MaximumTagNameLength = 80;

private:
    [[nodiscard]] Result<QSqlQuery> run(const QString &sql, const QVariantList &values) const;
    /// Why a versioned write changed nothing: the row is gone, or at another version.
    [[nodiscard]] ResultError missedWrite(const char *table, qint64 id) const;
    [[nodiscard]] Result<QList<Tag>> readTags(bool withCounts) const;
    [[nodiscard]] Result<QHash<qint64, QList<qint64>>> tagsOf(const QList<qint64> &ids) const;

    QString m_connection;
    const LibraryStore *m_library;
};
