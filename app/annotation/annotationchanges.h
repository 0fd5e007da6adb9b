#pragma once

#include "highlight.h"
#include "library/librarychange.h"

#include <QHash>
#include <QStringList>

#include <memory>

/// The topics of the annotation layer's change notices (ChangeNotice::topic).
namespace AnnotationTopics {
inline constexpr char16_t Highlight[] = u"highlight"; ///< one highlight of an article
inline constexpr char16_t ArticleHighlights[] = u"article-highlights"; ///< several of an article
inline constexpr char16_t Codebook[] = u"codebook"; ///< tags, their counts or colour names
} // namespace AnnotationTopics

/// An id known only once a change has run (a new highlight or tag), shared with the changes
/// after it in the same step.
using IdSlot = std::shared_ptr<qint64>;
inline IdSlot idSlot(qint64 value = 0)
{
    return std::make_shared<qint64>(value);
}

/// The undoable changes to highlights and the codebook. Each records what it changes, checks the
/// rows' versions before every step (see VersionBook), and puts a highlight back where its
/// words are now when the article's text changed meanwhile, so a step never lands on words
/// that moved.
namespace AnnotationChanges {

/// A new highlight. textHash is the article's content hash the offsets were taken from: a
/// first application refuses when the article changed since, a redo places it again.
std::unique_ptr<LibraryChange> insertHighlight(
    Highlight highlight, const QString &textHash, IdSlot id);
/// Deletes a highlight the user saw at seenVersion.
std::unique_ptr<LibraryChange> removeHighlight(qint64 articleId, qint64 id, qint64 seenVersion);
/// Sets some fields of a highlight seen at seenVersion (of a highlight made earlier in the same
/// step when seenVersion is 0). Tags in addSlots are added once known. A patch with an anchor
/// is refused when the article's text is no longer textHash.
std::unique_ptr<LibraryChange> patchHighlight(qint64 articleId, IdSlot id, qint64 seenVersion,
    HighlightPatch patch, QList<IdSlot> addSlots = {}, const QString &textHash = {});

/// The tag at the path of these checked names, making the levels that are missing; the leaf's
/// id goes to leaf. Undoing removes only the tags it made, and refuses when one is in use.
std::unique_ptr<LibraryChange> createTagPath(const QStringList &names, IdSlot leaf);
std::unique_ptr<LibraryChange> patchTag(qint64 id, qint64 seenVersion, TagPatch patch);
/// Deletes a tag, its subtree and their taggings; undo puts them back with the same ids.
std::unique_ptr<LibraryChange> removeTag(qint64 id, qint64 seenVersion);
/// Gives every highlight of `from` the tag `into`, moves `from`'s children under `into` and
/// deletes `from`.
std::unique_ptr<LibraryChange> mergeTags(qint64 from, qint64 into);
std::unique_ptr<LibraryChange> nameColor(const QString &color, const QString &name);

} // namespace AnnotationChanges
