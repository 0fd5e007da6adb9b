#include "quotationservice.h"

#include "library/library.h"
#include "library/libraryhistory.h"
#include "library/librarystore.h"

#include <QCoreApplication>
#include <QHash>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("QuotationService", text);
}

/// Gives quotations a speaker by correction, in one or many articles, as planned. Each step
/// checks that the article still has the text it was planned on and that the corrections are
/// still what this change left, so another window's correction is never undone unseen; the
/// detection was done beforehand, so a step holds the writer only to write.
class SpeakerCorrection final : public LibraryChange
{
public:
    SpeakerCorrection(SpeakerPlan plan, QString name)
        : m_plan(std::move(plan))
        , m_name(std::move(name))
    { }

    Result<void> apply(ChangeContext &context) override
    {
        QuoteStore store(context.store);
        for (auto it = m_plan.articles.cbegin(); it != m_plan.articles.cend(); ++it) {
            const qint64 articleId = it.key();
            Result<bool> present = sameText(context.store, articleId, it->contentHash);
            if (!present)
                return present.failure();
            if (!*present)
                continue; // removed from the library since: nothing of it to change
            Result<QHash<QString, QString>> current = store.corrections(articleId);
            if (!current)
                return current.failure();
            if (context.first) {
                for (const QString &quote : it->quotes) {
                    m_previous[articleId].insert(quote,
                        current->contains(quote) ? std::optional<QString>(current->value(quote))
                                                 : std::nullopt);
                }
            } else if (auto same = expect(*current, m_previous.value(articleId)); !same) {
                return same;
            }
            for (const QString &quote : it->quotes) {
                if (auto set = store.setCorrection(articleId, quote, m_name); !set)
                    return set;
            }
            if (auto indexed = reindex(store, articleId, *it); !indexed)
                return indexed;
        }
        return {};
    }

    Result<void> revert(ChangeContext &context) override
    {
        QuoteStore store(context.store);
        for (auto it = m_previous.cbegin(); it != m_previous.cend(); ++it) {
            const qint64 articleId = it.key();
            const SpeakerPlan::Article &planned = m_plan.articles.value(articleId);
            Result<bool> present = sameText(context.store, articleId, planned.contentHash);
            if (!present)
                return present.failure();
            if (!*present)
                continue;
            Result<QHash<QString, QString>> current = store.corrections(articleId);
            if (!current)
                return current.failure();
            QHash<QString, std::optional<QString>> mine;
            for (auto quote = it->cbegin(); quote != it->cend(); ++quote)
                mine.insert(quote.key(), m_name);
            if (auto same = expect(*current, mine); !same)
                return same;
            for (auto quote = it->cbegin(); quote != it->cend(); ++quote) {
                Result<void> restored = quote.value()
                    ? store.setCorrection(articleId, quote.key(), *quote.value())
                    : store.removeCorrection(articleId, quote.key());
                if (!restored)
                    return restored;
            }
            if (auto indexed = reindex(store, articleId, planned); !indexed)
                return indexed;
        }
        return {};
    }

    QList<ChangeNotice> notices() const override
    {
        const qint64 article = m_plan.articles.size() == 1 ? m_plan.articles.cbegin().key() : 0;
        return { { QString::fromUtf16(QuoteTopics::Speakers), article, 0 } };
    }

private:
    /// False when the article is gone; a conflict when its text is no longer the planned one.
    static Result<bool> sameText(LibraryStore &store, qint64 articleId, const QString &hash)
    {
        Result<QString> current = store.contentHash(articleId);
        if (!current)
            return current.kind() == ErrorKind::NotFound ? Result<bool>(false) : current.failure();
        if (*current != hash) {
            return ResultError(tr("an article quoting the speaker was imported again with a "
                                  "changed text since."),
                ErrorKind::Conflict);
        }
        return true;
    }

    static Result<void> reindex(
        QuoteStore &store, qint64 articleId, const SpeakerPlan::Article &planned)
    {
        Result<bool> indexed = QuotationService::indexArticle(
            store, articleId, planned.detected, planned.contentHash);
        return indexed ? Result<void>() : indexed.failure();
    }

    static Result<void> expect(
        const QHash<QString, QString> &current, const QHash<QString, std::optional<QString>> &wanted)
    {
        for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
            const bool present = current.contains(it.key());
            if (present != it.value().has_value()
                || (present && current.value(it.key()) != *it.value())) {
                return ResultError(tr("the speaker of a quotation has been corrected since by "
                                      "someone else (another window or another person)."),
                    ErrorKind::Conflict);
            }
        }
        return {};
    }

    SpeakerPlan m_plan;
    QString m_name;
    QHash<qint64, QHash<QString, std::optional<QString>>> m_previous;
};

} // namespace

QuotationService::QuotationService(Library *library, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_store(library->store())
{
    connect(&library->history(), &LibraryHistory::changed, this, &QuotationService::announce);
}

void QuotationService::announce(const QList<ChangeNotice> &notices)
{
    for (const ChangeNotice &notice : notices) {
        if (notice.topic == QStringView(QuoteTopics::Speakers))
            Q_EMIT speakersChanged(notice.articleId);
    }
}

Result<QuoteAnalysis> QuotationService::analysis(qint64 articleId, const QString &body) const
{
    QuoteAnalysis result = QuoteDetector::analyse(body);
    Result<QHash<QString, QString>> corrections = m_store.corrections(articleId);
    if (!corrections)
        return corrections.failure();
    QuoteDetector::applyCorrections(result, *corrections);
    return result;
}

Result<bool> QuotationService::indexArticle(
    QuoteStore &store, qint64 articleId, QuoteAnalysis detected, const QString &contentHash)
{
    Result<QHash<QString, QString>> corrections = store.corrections(articleId);
    if (!corrections)
        return corrections.failure();
    QuoteDetector::applyCorrections(detected, *corrections);
    return store.storeSpeakers(articleId, detected.speakers, contentHash);
}

Result<QString> QuotationService::checkedName(const QString &speaker)
{
    const QString name = speaker.simplified();
    if (name.size() > 200)
        return ResultError(tr("A speaker's name can have at most 200 characters."),
            ErrorKind::InvalidInput);
    return name;
}

int SpeakerPlan::quotationCount() const
{
    int count = 0;
    for (const Article &article : articles)
        count += int(article.quotes.size());
    return count;
}

Result<void> QuotationService::correctSpeaker(
    qint64 articleId, const QStringList &quotes, const QString &speaker)
{
    if (quotes.isEmpty())
        return ResultError(tr("Choose a quotation to give a speaker."), ErrorKind::InvalidInput);
    Result<QString> name = checkedName(speaker);
    if (!name)
        return name.failure();
    Result<QPair<QString, QString>> text = m_library->store().bodyAndHash(articleId);
    if (!text)
        return text.failure();
    SpeakerPlan plan;
    plan.articles.insert(
        articleId, { text->second, QuoteDetector::analyse(text->first), quotes });
    return m_library->history().perform(
        name->isEmpty() ? tr("Clear Speaker") : tr("Set Speaker to %1").arg(*name),
        std::make_unique<SpeakerCorrection>(plan, *name));
}

Result<SpeakerPlan> QuotationService::planRename(const LibraryStore &reader, const QString &from,
    const std::atomic_bool *cancel, const std::function<void(int done, int total)> &progress)
{
    QuoteStore quotes(reader);
    Result<QList<qint64>> ids = quotes.articlesQuoting(from);
    if (!ids)
        return ids.failure();
    SpeakerPlan plan;
    plan.from = from;
    int done = 0;
    for (qint64 articleId : std::as_const(*ids)) {
        if (cancel && cancel->load())
            return ResultError(tr("Stopped; no speaker was renamed."), ErrorKind::Cancelled);
        Result<QPair<QString, QString>> text = reader.bodyAndHash(articleId);
        if (!text)
            return text.failure();
        Result<QHash<QString, QString>> corrections = quotes.corrections(articleId);
        if (!corrections)
            return corrections.failure();
        SpeakerPlan::Article entry { text->second, QuoteDetector::analyse(text->first), {} };
        // The quotations the user now sees given to that speaker.
        QuoteAnalysis shown = entry.detected;
        QuoteDetector::applyCorrections(shown, *corrections);
        for (const Quotation &quotation : std::as_const(shown.quotations)) {
            if (quotation.speaker == from && !entry.quotes.contains(quotation.text))
                entry.quotes.append(quotation.text);
        }
        if (!entry.quotes.isEmpty())
            plan.articles.insert(articleId, entry);
        if (progress)
            progress(++done, int(ids->size()));
    }
    return plan;
}

Result<int> QuotationService::applyRename(const SpeakerPlan &plan, const QString &to)
{
    Result<QString> name = checkedName(to);
    if (!name)
        return name.failure();
    if (*name == plan.from)
        return 0;
    if (plan.quotationCount() == 0)
        return ResultError(tr("No article quotes “%1”.").arg(plan.from), ErrorKind::NotFound);
    const QString text = name->isEmpty() ? tr("Clear Speaker %1").arg(plan.from)
                                         : tr("Rename Speaker %1 to %2").arg(plan.from, *name);
    if (auto performed = m_library->history().perform(
            text, std::make_unique<SpeakerCorrection>(plan, *name));
        !performed)
        return performed.failure();
    return plan.quotationCount();
}

Result<int> QuotationService::renameSpeaker(const QString &from, const QString &to)
{
    Result<QString> name = checkedName(to);
    if (!name)
        return name.failure();
    if (*name == from)
        return 0;
    Result<SpeakerPlan> plan = planRename(m_library->store(), from);
    if (!plan)
        return plan.failure();
    return applyRename(*plan, *name);
}
