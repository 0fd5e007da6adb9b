#include "quotehooks.h"
#include "library/librarystore.h"
#include "library/sqlhelpers.h"

using namespace Qt::StringLiterals;

namespace QuoteHooks {

ArticleFilter speakerFilter(const QString &speaker)
{
    return ArticleFilter { QString::fromUtf16(SpeakerFilter), { Sql::text(speaker) } };
}

void install()
{
    static bool installed = false;
    if (installed)
        return;
    installed = true;
    LibraryHooks::addTextChanged([](LibraryStore &store, qint64 articleId, const QString &) {
        // Who is quoted may have changed: the speaker indexer looks at the article again.
        Result<QSqlQuery> stale = Sql::query(store.connectionName(),
            u"DELETE FROM quote_scans WHERE article_id = ?"_s, { articleId });
        return stale ? Result<void>() : stale.failure();
    });
    LibraryHooks::addFilter(
        [](const ArticleFilter &filter) -> std::optional<Result<SqlFragment>> {
            if (filter.kind != QStringView(SpeakerFilter))
                return std::nullopt;
            return Result<SqlFragment>(SqlFragment {
                u"a.id IN (SELECT article_id FROM quote_speakers WHERE speaker = ?)"_s,
                filter.values.mid(0, 1) });
        });
}

} // namespace QuoteHooks
