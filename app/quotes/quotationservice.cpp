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

/// Gives quotations a speaker by correction, in one or many articles. What each quotation had
/// before is read in the transaction that changes it, and every later step checks that the
/// corrections are still what this change left: another window's correction is never undone
/// unseen.
class SpeakerCorrection final : public LibraryChange
{
public:
    /// quotes: the words of each article's quotations to correct; when fromSpeaker is set, the
    /// quotations of every listed article shown with that speaker are found when first applied.
    SpeakerCorrection(QHash<qint64, QStringList> quotes, QString name, QString fromSpeaker)
        : m_quotes(std::move(quotes))
        , m_name(std::move(name))
        , m_from(std::move(fromSpeaker))
    { }

    int quotationCount() const
    {
        int count = 0;
        for (const QStringList &quotes : m_quotes)
            count += int(quotes.size());
        return count;
    }

    Result<void> apply(ChangeContext &context) override
    {
        QuoteStore store(context.store);
        for (auto it = m_quotes.begin(); it != m_quotes.end(); ++it) {
            const qint64 articleId = it.key();
            Result<QHash<QString, QString>> current = store.corrections(articleId);
            if (!current)
                return current.failure();
            if (context.first) {
                if (!m_from.isNull()) {
                    Result<QStringList> shown = quotesOf(context.store, articleId, *current);
                    if (!shown)
                        return shown.failure();
                    it.value() = *shown;
                }
                for (const QString &quote : std::as_const(it.value())) {
                    m_previous[articleId].insert(quote,
                        current->contains(quote) ? std::optional<QString>(current->value(quote))
                                                 : std::nullopt);
                }
            } else if (auto same = expect(*current, m_previous.value(articleId)); !same) {
                return same;
            }
            for (const QString &quote : std::as_const(it.value())) {
                if (auto set = store.setCorrection(articleId, quote, m_name); !set)
                    return set;
            }
            if (auto indexed = QuotationService::reindexArticle(context.store, articleId); !indexed)
                return indexed;
        }
        return {};
    }

    Result<void> revert(ChangeContext &context) override
    {
        QuoteStore store(context.store);
        for (auto it = m_previous.cbegin(); it != m_previous.cend(); ++it) {
            const qint64 articleId = it.key();
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
            if (auto indexed = QuotationService::reindexArticle(context.store, articleId); !indexed)
                return indexed;
        }
        return {};
    }

    QList<ChangeNotice> notices() const override
    {
        const qint64 article = m_quotes.size() == 1 ? m_quotes.cbegin().key() : 0;
        return { { QString::fromUtf16(QuoteTopics::Speakers), article, 0 } };
    }

private:
    /// The quotations of the article the user now sees given to the speaker being renamed.
    Result<QStringList> quotesOf(
        LibraryStore &store, qint64 articleId, const QHash<QString, QString> &corrections) const
    {
        Result<QString> body = store.body(articleId);
        if (!body)
            return body.failure();
        QuoteAnalysis shown = QuoteDetector::analyse(*body);
        QuoteDetector::applyCorrections(shown, corrections);
        QStringList quotes;
        for (const Quotation &quotation : std::as_const(shown.quotations)) {
            if (quotation.speaker == m_from && !quotes.contains(quotation.text))
                quotes.append(quotation.text);
        }
        return quotes;
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

    QHash<qint64, QStringList> m_quotes;
    QString m_name;
    QString m_from;
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

Result<void> QuotationService::reindexArticle(LibraryStore &store, qint64 articleId)
{
    Result<QString> body = store.body(articleId);
    Result<QString> hash = store.contentHash(articleId);
    if (!body || !hash)
        return !body ? body.failure() : hash.failure();
    QuoteStore quotes(store);
    Result<bool> indexed = indexArticle(quotes, articleId, QuoteDetector::analyse(*body), *hash);
    return indexed ? Result<void>() : indexed.failure();
}

Result<QString> QuotationService::checkedName(const QString &speaker)
{
    const QString name = speaker.simplified();
    if (name.size() > 200)
        return ResultError(tr("A speaker's name can have at most 200 characters."),
            ErrorKind::InvalidInput);
    return name;
}

Result<void> QuotationService::correctSpeaker(
    qint64 articleId, const QStringList &quotes, const QString &speaker)
{
    if (quotes.isEmpty())
        return ResultError(tr("Choose a quotation to give a speaker."), ErrorKind::InvalidInput);
    Result<QString> name = checkedName(speaker);
    if (!name)
        return name.failure();
    QHash<qint64, QStringList> wanted { { articleId, quotes } };
    return m_library->history().perform(
        name->isEmpty() ? tr("Clear Speaker") : tr("Set Speaker to %1").arg(*name),
        std::make_unique<SpeakerCorrection>(wanted, *name, QString()));
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
    if (articles->isEmpty())
        return ResultError(tr("No article quotes “%1”.").arg(from), ErrorKind::NotFound);
    QHash<qint64, QStringList> wanted;
    for (qint64 articleId : std::as_const(*articles))
        wanted.insert(articleId, {});
    auto change = std::make_unique<SpeakerCorrection>(wanted, *name, from);
    SpeakerCorrection *made = change.get();
    const QString text = name->isEmpty() ? tr("Clear Speaker %1").arg(from)
                                         : tr("Rename Speaker %1 to %2").arg(from, *name);
    if (auto performed = m_library->history().perform(text, std::move(change)); !performed)
        return performed.failure();
    return made->quotationCount();
}
