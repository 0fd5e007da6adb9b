#include "annotationhooks.h"
#include "annotationstore.h"
#include "library/librarystore.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace AnnotationHooks {

ArticleFilter tagFilter(const QList<qint64> &tagIds)
{
    ArticleFilter filter { QString::fromUtf16(TagFilter), {} };
    for (qint64 id : tagIds)
        filter.values.append(id);
    return filter;
}

namespace {

std::optional<Result<SqlFragment>> answer(const ArticleFilter &filter)
{
    if (filter.kind == QStringView(TagFilter)) {
        if (filter.values.isEmpty())
            return Result<SqlFragment>(SqlFragment { u"0"_s, {} });
        const QStringList marks(filter.values.size(), u"?"_s);
        return Result<SqlFragment>(
            SqlFragment { u"a.id IN (SELECT h.article_id FROM highlights h JOIN highlight_tags t "
                          "ON t.highlight_id = h.id WHERE t.tag_id IN (%1))"_s.arg(
                              marks.join(u',')),
                filter.values });
    }
    if (filter.kind == QStringView(HighlightedFilter))
        return Result<SqlFragment>(
            SqlFragment { u"a.id IN (SELECT article_id FROM highlights)"_s, {} });
    if (filter.kind == QStringView(NotedFilter))
        return Result<SqlFragment>(
            SqlFragment { u"a.id IN (SELECT article_id FROM highlights WHERE note <> '')"_s, {} });
    if (filter.kind == QStringView(OrphanedFilter))
        return Result<SqlFragment>(SqlFragment {
            u"a.id IN (SELECT article_id FROM highlights WHERE status = 'orphaned')"_s, {} });
    return std::nullopt;
}

} // namespace

void install()
{
    static bool installed = false;
    if (installed)
        return;
    installed = true;
    LibraryHooks::addTextChanged([](LibraryStore &store, qint64 articleId, const QString &body) {
        // The text changed under the user's highlights: each is placed again, in this
        // transaction.
        return AnnotationStore(store).reanchor(articleId, body);
    });
    LibraryHooks::addFilter(&answer);
    LibraryHooks::addTextMatch([](const QString &expression) {
        return SqlFragment { u"SELECT article_id FROM highlights WHERE id IN (SELECT rowid FROM "
                             "highlights_fts WHERE highlights_fts MATCH ?)"_s,
            { expression } };
    });
    LibraryHooks::addCounter({ u"highlights"_s, u"SELECT count(*) FROM highlights"_s });
    LibraryHooks::addCounter({ u"tags"_s, u"SELECT count(*) FROM tags"_s });
}

} // namespace AnnotationHooks
