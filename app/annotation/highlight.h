#pragma once

#include "textanchor.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

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
    int highlightCount = 0; ///< filled by listings
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
