#pragma once

#include "core/result.h"
#include "library/sqlhelpers.h"
#include "quotedetector.h"

#include <QHash>
#include <QList>
#include <QString>

class LibraryStore;

/// A speaker across the library: how often and in how many articles they are quoted.
struct SpeakerSummary
{
    QString name;
    int quotations = 0;
    int articles = 0;
};

/// The user's speaker corrections and the library-wide index of who is quoted where, on the
/// library's own connection. Writes run inside the caller's transaction.
class QuoteStore
{
public:
    explicit QuoteStore(const LibraryStore &library);
    Q_DISABLE_COPY_MOVE(QuoteStore)

    /// Corrections of one article: the quotation's words → the speaker ('' for nobody).
    [[nodiscard]] Result<QHash<QString, QString>> corrections(qint64 articleId) const;
    /// Sets (or, with a null speaker, removes) the correction of one quotation.
    [[nodiscard]] Result<void> setCorrection(
        qint64 articleId, const QString &quote, const QString &speaker);
    [[nodiscard]] Result<void> removeCorrection(qint64 articleId, const QString &quote);

    /// Replaces the article's rows in the speaker index and marks it current for the text of
    /// this content hash; when the article's text is no longer that one (it was imported again
    /// meanwhile), nothing is stored and the result is false, so the indexer looks again.
    [[nodiscard]] Result<bool> storeSpeakers(
        qint64 articleId, const QList<Speaker> &speakers, const QString &contentHash);
    /// Articles whose index rows are missing or older than this detector, oldest id first.
    [[nodiscard]] Result<QList<qint64>> articlesToIndex(int limit) const;
    [[nodiscard]] Result<int> articlesToIndexCount() const;

    /// Every speaker of the library, most quoted first.
    [[nodiscard]] Result<QList<SpeakerSummary>> speakers() const;
    /// The articles quoting a speaker, most quotations first.
    [[nodiscard]] Result<QList<qint64>> articlesQuoting(const QString &speaker) const;

private:
    QString m_connection;
    /// Statements run per article; must go before the library's connection does.
    mutable StatementCache m_statements;
};
