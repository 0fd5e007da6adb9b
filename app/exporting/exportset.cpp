#include "exportset.h"
#include "annotation/annotationhooks.h"
#include "annotation/annotationstore.h"
#include "library/librarystore.h"
#include "library/sqlhelpers.h"

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

namespace {

/// The tags a scope asks for, its subtrees included when it says so; empty for every highlight.
Result<QSet<qint64>> wantedTagsOf(AnnotationStore &annotations, const ExportScope &scope)
{
    QSet<qint64> wanted;
    for (qint64 tag : scope.tagIds) {
        if (scope.includeSubtags) {
            Result<QList<qint64>> below = annotations.subtree(tag);
            if (!below)
                return below.failure();
            wanted.unite(QSet<qint64>(below->cbegin(), below->cend()));
        } else {
            wanted.insert(tag);
        }
    }
    return wanted;
}

QString marks(qsizetype count)
{
    return QStringList(count, u"?"_s).join(u',');
}

} // namespace

Result<ExportSet::Counts> ExportSet::count(const LibraryStore &library, const ExportScope &scope)
{
    AnnotationStore annotations(library);
    Result<QSet<qint64>> wanted = wantedTagsOf(annotations, scope);
    if (!wanted)
        return wanted.failure();
    QString tagCondition;
    QVariantList tagValues;
    if (!wanted->isEmpty()) {
        tagCondition = u" AND id IN (SELECT highlight_id FROM highlight_tags WHERE tag_id IN (%1))"_s
                           .arg(marks(wanted->size()));
        for (qint64 id : std::as_const(*wanted))
            tagValues.append(id);
    }
    Counts counts;
    if (scope.articleIds.isEmpty()) {
        Result<QSqlQuery> query = Sql::query(library.connectionName(),
            u"SELECT count(*), count(DISTINCT article_id) FROM highlights WHERE 1"_s + tagCondition,
            tagValues);
        if (!query)
            return query.failure();
        if (query->next()) {
            counts.highlights = query->value(0).toInt();
            counts.articles = query->value(1).toInt();
        }
        return counts;
    }
    // Chosen articles count whether they have highlights or not, as they are exported.
    counts.articles = int(scope.articleIds.size());
    for (qsizetype start = 0; start < scope.articleIds.size(); start += 500) {
        const QList<qint64> slice = scope.articleIds.mid(start, 500);
        QVariantList values;
        for (qint64 id : slice)
            values.append(id);
        values += tagValues;
        Result<QSqlQuery> query = Sql::query(library.connectionName(),
            u"SELECT count(*) FROM highlights WHERE article_id IN (%1)"_s.arg(marks(slice.size()))
                + tagCondition,
            values);
        if (!query)
            return query.failure();
        if (query->next())
            counts.highlights += query->value(0).toInt();
    }
    return counts;
}

Result<ExportSet> ExportSet::collect(
    const LibraryStore &library, const ExportScope &scope, int articleLimit)
{
    AnnotationStore annotations(library);
    Result<QList<Tag>> tags = annotations.tags();
    Result<QHash<QString, QString>> colors = annotations.colorNames();
    if (!tags || !colors)
        return ResultError(!tags ? tags.error() : colors.error());
    QHash<qint64, QString> paths;
    for (const Tag &tag : std::as_const(*tags))
        paths.insert(tag.id, tag.path);

    Result<QSet<qint64>> wanted = wantedTagsOf(annotations, scope);
    if (!wanted)
        return wanted.failure();
    const QSet<qint64> &wantedTags = *wanted;

    QList<qint64> articleIds = scope.articleIds;
    if (articleIds.isEmpty()) {
        ArticleQuery everything;
        everything.filters.append(
            wantedTags.isEmpty()
                ? ArticleFilter { QString::fromUtf16(AnnotationHooks::HighlightedFilter), {} }
                : AnnotationHooks::tagFilter(QList<qint64>(wantedTags.cbegin(), wantedTags.cend())));
        everything.limit = articleLimit;
        Result<QList<qint64>> all = library.articleIds(everything);
        if (!all)
            return all.failure();
        articleIds = *all;
    } else if (articleLimit > 0) {
        articleIds = articleIds.mid(0, articleLimit);
    }

    ExportSet set;
    set.colorNames = *colors;
    set.tags = *tags;
    // Two queries for every highlight, one per 500 articles: an export of the whole library
    // costs the same as a few clicks. A preview reads its few articles' highlights alone.
    Result<QHash<qint64, QList<Highlight>>> highlights = QHash<qint64, QList<Highlight>>();
    if (articleLimit > 0) {
        for (qint64 articleId : std::as_const(articleIds)) {
            Result<QList<Highlight>> of = annotations.highlightsOf(articleId);
            if (!of)
                return of.failure();
            highlights->insert(articleId, *of);
        }
    } else {
        highlights = annotations.allHighlights();
    }
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
