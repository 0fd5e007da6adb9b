#include "speakerindexer.h"

#include "library/librarystore.h"
#include "library/librarywriter.h"
#include "quotationservice.h"
#include "quotestore.h"

#include <QSet>

namespace SpeakerIndexer {

SpeakerIndexOutcome run(LibraryStore &reader, LibraryWriter &writer, const std::atomic_bool *cancel,
    const std::function<void(int done, int total)> &progress)
{
    SpeakerIndexOutcome outcome;
    QuoteStore quotes(reader);
    Result<int> total = quotes.articlesToIndexCount();
    if (!total) {
        outcome.error = total.error();
        return outcome;
    }
    if (progress && *total > 0)
        progress(0, *total);
    // Articles whose text changed between reading and writing: left for the next pass, and
    // not asked for again in this one.
    QSet<qint64> skipped;
    const std::unique_ptr<LibraryWriter::Batch> batch = writer.batch();
    while (outcome.indexed + skipped.size() < *total) {
        if (cancel && cancel->load()) {
            outcome.cancelled = true;
            break;
        }
        Result<QList<qint64>> ids = quotes.articlesToIndex(BatchSize + int(skipped.size()));
        if (!ids) {
            outcome.error = ids.error();
            break;
        }
        QList<qint64> wanted;
        for (qint64 id : std::as_const(*ids)) {
            if (!skipped.contains(id) && wanted.size() < BatchSize)
                wanted.append(id);
        }
        if (wanted.isEmpty())
            break;
        Result<QList<Article>> articles = reader.articles(wanted);
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
        int stored = 0;
        const qsizetype skippedBefore = skipped.size();
        Result<QVariant> written = batch->write([&](LibraryStore &store) -> Result<QVariant> {
            QuoteStore target(store);
            stored = 0;
            for (qsizetype i = 0; i < articles->size(); ++i) {
                const Article &article = articles->at(i);
                Result<bool> indexed = QuotationService::indexArticle(
                    target, article.id, detected.at(i), article.contentHash);
                if (!indexed)
                    return indexed.failure();
                if (*indexed)
                    ++stored;
                else
                    skipped.insert(article.id);
            }
            return QVariant();
        });
        if (!written) {
            outcome.error = written.error();
            break;
        }
        if (auto committed = batch->commit(); !committed) {
            outcome.error = committed.error();
            break;
        }
        outcome.indexed += stored;
        if (progress)
            progress(std::min(outcome.indexed, *total), *total);
        if (stored == 0 && skipped.size() == skippedBefore)
            break; // nothing could be done (the articles went meanwhile)
    }
    return outcome;
}

} // namespace SpeakerIndexer
