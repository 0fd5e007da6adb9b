#include "exportset.h"
#include "annotation/annotationhooks.h"
#include "annotation/annotationstore.h"
#include "library/librarystore.h"

#include <QCoreApplication>
#include <QSet>

using namespace Qt::StringLiterals;

int ExportSet::highlightCount() const
{
    int count = 0;
    for (const ExportArticle &article : articles)
        count += int(article.highlights.size());
    return count;
}

QMap<QString, QList<ExportSet::Placed>> ExportSet::byTag() const
{
    QMap<QString, QList<Placed>> groups;
    for (const ExportArticle &entry : articles) {
        for (const ExportHighlight &highlight : entry.highlights) {
            if (highlight.tagPaths.isEmpty())
                groups[QString()].append({ &entry, &highlight });
            for (const QString &path : highlight.tagPaths)
                groups[path].append({ &entry, &highlight });
        }
    }
    return groups;
}

Result<ExportSet> ExportSet::collect(const LibraryStore &library, const ExportScope &scope)
{
    AnnotationStore annotations(library);
    Result<QList<Tag>> tags = annotations.tags();
    Result<QHash<QString, QString>> colors = annotations.colorNames();
    if (!tags || !colors)
        return ResultError(!tags ? tags.error() : colors.error());
    QHash<qint64, QString> paths;
    for (const Tag &tag : std::as_const(*tags))
        paths.insert(tag.id, tag.path);

    QSet<qint64> wantedTags;
    for (qint64 tag : scope.tagIds) {
        if (scope.includeSubtags) {
            Result<QList<qint64>> below = annotations.subtree(tag);
            if (!below)
                return below.failure();
            wantedTags.unite(QSet<qint64>(below->cbegin(), below->cend()));
        } else {
            wantedTags.insert(tag);
        }
    }

    QList<qint64> articleIds = scope.articleIds;
    if (articleIds.isEmpty()) {
        ArticleQuery everything;
        if (!wantedTags.isEmpty())
            everything.filters.append(AnnotationHooks::tagFilter(
                QList<qint64>(wantedTags.cbegin(), wantedTags.cend())));
        Result<QList<qint64>> all = library.articleIds(everything);
        if (!all)
            return all.failure();
        articleIds = *all;
    }

    ExportSet set;
    set.colorNames = *colors;
    set.tags = *tags;
    // Two queries for every highlight, one per 500 articles: an export of the whole library
    // costs the same as a few clicks.
    Result<QHash<qint64, QList<Highlight>>> highlights = annotations.allHighlights();
    if (!highlights)
        return highlights.failure();
    QList<qint64> chosen;
    QHash<qint64, QList<ExportHighlight>> kept;
    for (qint64 articleId : std::as_const(articleIds)) {
        QList<ExportHighlight> entries;
        for (const Highlight &highlight : highlights->value(articleId)) {
            if (!wantedTags.isEmpty()
                && std::none_of(highlight.tagIds.cbegin(), highlight.tagIds.cend(),
                    [&](qint64 id) { return wantedTags.contains(id); }))
                continue;
            ExportHighlight exported;
            exported.highlight = highlight;
            for (qint64 tagId : highlight.tagIds)
                exported.tagPaths.append(paths.value(tagId));
            exported.tagPaths.sort(Qt::CaseInsensitive);
            for (const QString &path : std::as_const(exported.tagPaths)) {
                if (path.startsWith(u"Speaker/"_s, Qt::CaseInsensitive))
                    exported.speaker = path.section(u'/', -1);
            }
            entries.append(exported);
        }
        // Orphans last, as the window lists them.
        std::stable_partition(entries.begin(), entries.end(), [](const ExportHighlight &entry) {
            return entry.highlight.status != AnchorStatus::Orphaned;
        });
        if (entries.isEmpty() && scope.articleIds.isEmpty())
            continue;
        chosen.append(articleId);
        kept.insert(articleId, entries);
    }
    Result<QList<Article>> articles = library.articles(chosen);
    if (!articles)
        return articles.failure();
    for (Article &article : *articles) {
        ExportArticle entry;
        entry.highlights = kept.value(article.id);
        entry.article = std::move(article);
        set.articles.append(std::move(entry));
    }
    return set;
}
