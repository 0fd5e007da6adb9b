#pragma once

#include "textanchor.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

/// A tag of the codebook. Names are unique among siblings, ignoring case; the path joins the
/// names from the root with '/', as in "Speaker/Milo Ventimiglia".
struct Tag
{
    qint64 id = 0;
    qint64 parentId = 0; ///< 0 for a top-level tag
    QString name;
    QString path;
    QString color; ///< "#rrggbb" or empty
    QString description;
    int highlightCount = 0; ///< filled by listings: this tag's own highlights
    qint64 version = 0; ///< raised by every change (0: not stored yet)
    QDateTime created; ///< kept when a tag is restored
};

/// The parts of a tag a change sets; the others are left as they are.
struct TagPatch
{
    std::optional<QString> name;
    std::optional<qint64> parentId; ///< 0: top level
    std::optional<QString> color;
    std::optional<QString> description;

    bool isEmpty() const { return !name && !parentId && !color && !description; }
    /// The patch that puts these fields back as they are in tag.
    TagPatch inverseOn(const Tag &tag) const;
};

/// A highlighted span of an article with its colour, tags and note.
struct Highlight
{
    qint64 id = 0;
    qint64 articleId = 0;
    TextAnchor anchor;
    AnchorStatus status = AnchorStatus::Exact;
    QString color; ///< a palette key, see Palette
    QList<qint64> tagIds;
    QString note; ///< plain text; Markdown allowed
    QDateTime created;
    QDateTime modified;
    qint64 version = 0; ///< raised by every change (0: not stored yet)
    QString annotator; ///< who made it (a team library's role); empty on a private library
    QStringList links; ///< resources it points at (a web annotation's IRI bodies)
    QString origin; ///< its id in the file it was imported from, or empty
};

/// The parts of a highlight a change sets; the others are left as they are, so a change never
/// puts back fields someone else has changed since (an anchor moved by a re-import).
struct HighlightPatch
{
    std::optional<QString> color;
    std::optional<QString> note;
    std::optional<TextAnchor> anchor;
    std::optional<AnchorStatus> status;
    QList<qint64> addTags;
    QList<qint64> removeTags;
    /// The modification time to write; when not set, now (an undo puts the old one back).
    std::optional<QDateTime> modified;

    bool isEmpty() const
    {
        return !color && !note && !anchor && !status && addTags.isEmpty() && removeTags.isEmpty();
    }
    /// The patch that undoes this one on highlight (as it is before this one applies): only
    /// the tags this one really adds or removes are taken back.
    HighlightPatch inverseOn(const Highlight &highlight) const;
};

/// A highlight as listed across the library, with what a list shows of its article.
struct HighlightListing
{
    Highlight highlight;
    QString articleTitle;
    QDate articleDate;
    QStringList tagPaths;
};

/// The innermost placed (not orphaned) highlight covering a body offset, or 0.
qint64 innermostHighlightAt(const QList<Highlight> &highlights, int offset);

/// The highlight colours. Keys are stable; users may give each a meaning ("key point").
namespace Palette {

struct Entry
{
    QString key;
    QString defaultName;
    QString rgb; ///< "#rrggbb"
};

const QList<Entry> &entries();
QString rgbOf(const QString &key);
/// The key of the default colour (yellow).
QString defaultKey();
bool isValidKey(const QString &key);

} // namespace Palette

Q_DECLARE_METATYPE(Highlight)
