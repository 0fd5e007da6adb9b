#pragma once

#include "annotation/highlight.h"
#include "article/article.h"
#include "core/result.h"

#include <QHash>
#include <QList>
#include <QMap>

class LibraryStore;

/// What to export: some articles (or all), and optionally only highlights with some tags.
struct ExportScope
{
    QList<qint64> articleIds; ///< empty: every article with highlights
    QList<qint64> tagIds; ///< empty: every highlight
    bool includeSubtags = true;

    friend bool operator==(const ExportScope &a, const ExportScope &b)
    {
        return a.articleIds == b.articleIds && a.tagIds == b.tagIds
            && a.includeSubtags == b.includeSubtags;
    }
};

struct ExportHighlight
{
    Highlight highlight;
    QStringList tagPaths; ///< sorted
    QString speaker; ///< the last level of a Speaker/… tag, when there is one
};

struct ExportArticle
{
    Article article; ///< with its body, so positions can be converted
    QList<ExportHighlight> highlights; ///< in text order, orphans last
};

/// Everything an exporter writes, read from the library in one go. Exporting never writes to
/// the library.
struct ExportSet
{
    QList<ExportArticle> articles; ///< newest first
    QHash<QString, QString> colorNames;
    QList<Tag> tags; ///< the whole codebook, for colours and descriptions
    int highlightCount() const;

    using Placed = QPair<const ExportArticle *, const ExportHighlight *>;
    /// Highlights under each tag path (sorted; "" for untagged), for grouping by tag. A
    /// highlight with several tags appears under each.
    QMap<QString, QList<Placed>> byTag() const;

    /// Reads what the scope covers. With articleLimit, only the first articles that many
    /// (for a preview: the rest is never read).
    [[nodiscard]] static Result<ExportSet> collect(
        const LibraryStore &library, const ExportScope &scope, int articleLimit = 0);

    struct Counts
    {
        int highlights = 0;
        int articles = 0;
    };
    /// How many highlights and articles the scope covers, counted in the library without
    /// reading them.
    [[nodiscard]] static Result<Counts> count(const LibraryStore &library, const ExportScope &scope);
};

Q_DECLARE_METATYPE(ExportSet)
