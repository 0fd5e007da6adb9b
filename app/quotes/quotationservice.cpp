#include "quotationservice.h"

#include "library/librarycommand.h"
#include "library/librarystore.h"

#include <QHash>
#include <QUndoStack>

#include <optional>

using namespace Qt::StringLiterals;

QuotationService::QuotationService(LibraryStore *library, QUndoStack *undo, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_undo(undo)
    , m_store(*library)
{ }

Result<QuoteAnalysis> QuotationService::analysis(qint64 articleId, const QString &body) const
{
    QuoteAnalysis result = QuoteDetector::analyse(body);
    Result<QHash<QString, QString>> corrections = m_store.corrections(articleId);
    if (!corrections)
        return ResultError(corrections.error());
    QuoteDetector::applyCorrections(result, *corrections);
    return result;
}

Result<void> QuotationService::indexArticle(
    QuoteStore &store, qint64 articleId, QuoteAnalysis detected)
{
    Result<QHash<QString, QString>> corrections = store.corrections(articleId);
    if (!corrections)
        return ResultError(corrections.error());
    QuoteDetector::applyCorrections(detected, *corrections);
    return store.storeSpeakers(articleId, detected.speakers);
}

Result<void> QuotationService::correctSpeaker(
    qint64 articleId, const QStringList &quotes, const QString &speaker)
{
    if (quotes.isEmpty())
        return ResultError(tr("Choose a quotation to give a speaker."));
    const QString name = speaker.simplified();
    if (name.size() > 200)
        return ResultError(tr("A speaker's name can have at most 200 characters."));
    Result<QHash<QString, QString>> before = m_store.corrections(articleId);
    if (!before)
        return ResultError(before.error());
    Result<Article> article = m_library->article(articleId);
    if (!article)
        return ResultError(article.error());
    const QuoteAnalysis detected = QuoteDetector::analyse(article->body());

    // What each quotation had before, to put back on undo: a correction, or none.
    QHash<QString, std::optional<QString>> previous;
    for (const QString &quote : quotes)
        previous.insert(quote,
            before->contains(quote) ? std::optional<QString>(before->value(quote)) : std::nullopt);

    QuoteStore *store = &m_store;
    auto apply = [store, articleId, quotes, name, detected]() -> Result<void> {
        for (const QString &quote : quotes) {
            if (auto set = store->setCorrection(articleId, quote, name); !set)
                return set;
        }
        return indexArticle(*store, articleId, detected);
    };
    auto revert = [store, articleId, previous, detected]() -> Result<void> {
        for (auto it = previous.cbegin(); it != previous.cend(); ++it) {
            Result<void> restored = it.value()
                ? store->setCorrection(articleId, it.key(), *it.value())
                : store->removeCorrection(articleId, it.key());
            if (!restored)
                return restored;
        }
        return indexArticle(*store, articleId, detected);
    };
    auto done = [this, articleId](const Result<void> &result) {
        if (!result)
            Q_EMIT errorOccurred(result.error());
        Q_EMIT speakersChanged(articleId);
    };
    const QString text = name.isEmpty() ? tr("Clear Speaker") : tr("Set Speaker to %1").arg(name);
    if (auto performed = LibraryCommand::perform(m_undo, m_library->connectionName(), text,
            std::move(apply), std::move(revert), std::move(done));
        !performed)
        return performed;
    Q_EMIT speakersChanged(articleId);
    return {};
}
