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
        return corrections.failure();
    QuoteDetector::applyCorrections(result, *corrections);
    return result;
}

Result<void> QuotationService::indexArticle(
    QuoteStore &store, qint64 articleId, QuoteAnalysis detected)
{
    Result<QHash<QString, QString>> corrections = store.corrections(articleId);
    if (!corrections)
        return corrections.failure();
    QuoteDetector::applyCorrections(detected, *corrections);
    return store.storeSpeakers(articleId, detected.speakers);
}

Result<QuotationService::Change> QuotationService::changeFor(
    qint64 articleId, const QStringList &quotes, const QString &onlyFrom) const
{
    Result<QHash<QString, QString>> before = m_store.corrections(articleId);
    if (!before)
        return before.failure();
    Result<Article> article = m_library->article(articleId);
    if (!article)
        return article.failure();
    Change change;
    change.articleId = articleId;
    change.detected = QuoteDetector::analyse(article->body());
    change.quotes = quotes;
    if (!onlyFrom.isNull()) {
        // Every quotation of that speaker here, as the user now sees them.
        QuoteAnalysis shown = change.detected;
        QuoteDetector::applyCorrections(shown, *before);
        for (const Quotation &quotation : std::as_const(shown.quotations)) {
            if (quotation.speaker == onlyFrom && !change.quotes.contains(quotation.text))
                change.quotes.append(quotation.text);
        }
    }
    // What each quotation had before, to put back on undo: a correction, or none.
    for (const QString &quote : std::as_const(change.quotes))
        change.previous.insert(quote,
            before->contains(quote) ? std::optional<QString>(before->value(quote)) : std::nullopt);
    return change;
}

Result<void> QuotationService::perform(
    const QList<Change> &changes, const QString &name, const QString &text, qint64 announced)
{
    QuoteStore *store = &m_store;
    auto apply = [store, changes, name]() -> Result<void> {
        for (const Change &change : changes) {
            for (const QString &quote : change.quotes) {
                if (auto set = store->setCorrection(change.articleId, quote, name); !set)
                    return set;
            }
            if (auto indexed = indexArticle(*store, change.articleId, change.detected); !indexed)
                return indexed;
        }
        return {};
    };
    auto revert = [store, changes]() -> Result<void> {
        for (const Change &change : changes) {
            for (auto it = change.previous.cbegin(); it != change.previous.cend(); ++it) {
                Result<void> restored = it.value()
                    ? store->setCorrection(change.articleId, it.key(), *it.value())
                    : store->removeCorrection(change.articleId, it.key());
                if (!restored)
                    return restored;
            }
            if (auto indexed = indexArticle(*store, change.articleId, change.detected); !indexed)
                return indexed;
        }
        return {};
    };
    auto done = [this, announced](const Result<void> &result) {
        if (!result)
            Q_EMIT errorOccurred(result.error());
        Q_EMIT speakersChanged(announced);
    };
    if (auto performed = LibraryCommand::perform(m_undo, m_library->connectionName(), text,
            std::move(apply), std::move(revert), std::move(done));
        !performed)
        return performed;
    Q_EMIT speakersChanged(announced);
    return {};
}

Result<QString> QuotationService::checkedName(const QString &speaker)
{
    const QString name = speaker.simplified();
    if (name.size() > 200)
        return ResultError(tr("A speaker's name can have at most 200 characters."));
    return name;
}

Result<void> QuotationService::correctSpeaker(
    qint64 articleId, const QStringList &quotes, const QString &speaker)
{
    if (quotes.isEmpty())
        return ResultError(tr("Choose a quotation to give a speaker."));
    Result<QString> name = checkedName(speaker);
    if (!name)
        return name.failure();
    Result<Change> change = changeFor(articleId, quotes);
    if (!change)
        return change.failure();
    return perform({ *change }, *name,
        name->isEmpty() ? tr("Clear Speaker") : tr("Set Speaker to %1").arg(*name), articleId);
}

Result<int> QuotationService::renameSpeaker(const QString &from, const QString &to)
{
    Result<QString> name = checkedName(to);
    if (!name)
        return name.failure();
    if (*name == from)
        return 0;
    Result<QList<qint64>> articles = m_store.articlesQuoting(from);
    if (!articles)
        return articles.failure();
    QList<Change> changes;
    int quotations = 0;
    for (qint64 articleId : std::as_const(*articles)) {
        Result<Change> change = changeFor(articleId, {}, from);
        if (!change)
            return change.failure();
        if (!change->quotes.isEmpty()) {
            quotations += int(change->quotes.size());
            changes.append(std::move(*change));
        }
    }
    if (changes.isEmpty())
        return ResultError(tr("No article quotes “%1”.").arg(from));
    const QString text = name->isEmpty() ? tr("Clear Speaker %1").arg(from)
                                         : tr("Rename Speaker %1 to %2").arg(from, *name);
    if (auto performed = perform(changes, *name, text, 0); !performed)
        return performed.failure();
    return quotations;
}
