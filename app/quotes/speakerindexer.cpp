#include "speakerindexer.h"

#include "library/librarycommand.h"
#include "library/librarystore.h"
#include "quotationservice.h"
#include "quotestore.h"

namespace SpeakerIndexer {

SpeakerIndexOutcome run(LibraryStore &store, const std::atomic_bool *cancel,
    const std::function<void(int done, int total)> &progress)
{
    SpeakerIndexOutcome outcome;
    QuoteStore quotes(store);
    Result<int> total = quotes.articlesToIndexCount();
    if (!total) {
        outcome.error = total.error();
        return outcome;
    }
    if (progress && *total > 0)
        progress(0, *total);
    while (outcome.indexed < *total) {
        if (cancel && cancel->load()) {
            outcome.cancelled = true;
            break;
        }
        Result<QList<qint64>> ids = quotes.articlesToIndex(BatchSize);
        if (!ids) {
            outcome.error = ids.error();
            break;
        }
        if (ids->isEmpty())
            break;
        Result<QList<Article>> articles = store.articles(*ids);
        if (!articles) {
            outcome.error = articles.error();
            break;
        }
        // Detection is the slow part and needs no lock; the writes then hold it a moment, and
        // read the corrections in force inside it.
        QList<QuoteAnalysis> detected;
        detected.reserve(articles->size());
        for (const Article &article : std::as_const(*articles))
            detected.append(QuoteDetector::analyse(article.body()));
        Result<void> written = LibraryCommand::inTransaction(store.connectionName(), [&] {
            for (qsizetype i = 0; i < articles->size(); ++i) {
                if (auto indexed
                    = QuotationService::indexArticle(quotes, articles->at(i).id, detected.at(i));
                    !indexed)
                    return indexed;
            }
            return Result<void>();
        });
        if (!written) {
            outcome.error = written.error();
            break;
        }
        outcome.indexed += int(articles->size());
        if (progress)
            progress(std::min(outcome.indexed, *total), *total);
    }
    return outcome;
}

} // namespace SpeakerIndexer
