#include "exportset.h"
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
                return ResultError(below.error());
            wantedTags.unite(QSet<qint64>(below->cbegin(), below->cend()));
        } else {
            wantedTags.insert(tag);
        }
    }

    QList<qint64> articleIds = scope.articleIds;
    if (articleIds.isEmpty()) {
        ArticleQuery everything;
        everything.tagIds = QList<qint64>(wantedTags.cbegin(), wantedTags.cend());
        Result<QList<qint64>> all = library.articleIds(everything);
        if (!all)
            return ResultError(all.error());
        articleIds = *all;
    }

    ExportSet set;
    set.colorNames = *colors;
    set.tags = *tags;
    for (qint64 articleId : std::as_const(articleIds)) {
        Result<QList<Highlight>> highlights = annotations.highlightsOf(articleId);
        if (!highlights)
            return ResultError(highlights.error());
        ExportArticle entry;
        for (const Highlight &highlight : std::as_const(*highlights)) {
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
            entry.highlights.append(exported);
        }
        if (entry.highlights.isEmpty() && scope.articleIds.isEmpty())
            continue;
        Result<Article> article = library.article(articleId);
        if (!article)
            return ResultError(article.error());
        entry.article = *article;
        entry.article.id = articleId;
        set.articles.append(entry);
    }
    return set;
}
