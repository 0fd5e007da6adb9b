#include "quotestore.h"

#include "library/librarystore.h"
#include "library/sqlhelpers.h"

#include <QDateTime>
#include <QVariant>

using namespace Qt::StringLiterals;

QuoteStore::QuoteStore(const LibraryStore &library)
    : m_connection(library.connectionName())
    , m_statements(m_connection)
{ }

Result<QHash<QString, QString>> QuoteStore::corrections(qint64 articleId) const
{
    Result<QSqlQuery *> query = m_statements.run(
        u"SELECT quote, speaker FROM speaker_corrections WHERE article_id = ?"_s, { articleId });
    if (!query)
        return query.failure();
    QHash<QString, QString> result;
    while ((*query)->next())
        result.insert((*query)->value(0).toString(), (*query)->value(1).toString());
    return result;
}

Result<void> QuoteStore::setCorrection(
    qint64 articleId, const QString &quote, const QString &speaker)
{
    Result<QSqlQuery> query = Sql::query(m_connection,
        u"INSERT INTO speaker_corrections (article_id, quote, speaker, corrected_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(article_id, quote) DO UPDATE SET "
        "speaker = excluded.speaker, corrected_at = excluded.corrected_at"_s,
        { articleId, Sql::text(quote), Sql::text(speaker),
            QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) });
    if (!query)
        return query.failure();
    return {};
}

Result<void> QuoteStore::removeCorrection(qint64 articleId, const QString &quote)
{
    Result<QSqlQuery> query = Sql::query(m_connection,
        u"DELETE FROM speaker_corrections WHERE article_id = ? AND quote = ?"_s,
        { articleId, Sql::text(quote) });
    if (!query)
        return query.failure();
    return {};
}

Result<bool> QuoteStore::storeSpeakers(
    qint64 articleId, const QList<Speaker> &speakers, const QString &contentHash)
{
    // Run for every article of an indexing pass: prepared once.
    Result<QSqlQuery *> current = m_statements.run(
        u"SELECT content_hash = ? FROM articles WHERE id = ?"_s, { contentHash, articleId });
    if (!current)
        return current.failure();
    const bool same = (*current)->next() && (*current)->value(0).toBool();
    (*current)->finish();
    if (!same)
        return false;
    if (auto cleared
        = m_statements.run(u"DELETE FROM quote_speakers WHERE article_id = ?"_s, { articleId });
        !cleared)
        return cleared.failure();
    for (const Speaker &speaker : speakers) {
        if (auto stored = m_statements.run(
                u"INSERT INTO quote_speakers (article_id, speaker, quotations) VALUES (?, ?, ?)"_s,
                { articleId, Sql::text(speaker.name), speaker.quotations });
            !stored)
            return stored.failure();
    }
    Result<QSqlQuery *> scanned = m_statements.run(
        u"INSERT INTO quote_scans (article_id, detector, content_hash) VALUES (?, ?, ?) "
        "ON CONFLICT(article_id) DO UPDATE SET detector = excluded.detector, "
        "content_hash = excluded.content_hash"_s,
        { articleId, QuoteDetector::Version, contentHash });
    if (!scanned)
        return scanned.failure();
    return true;
}

Result<QList<qint64>> QuoteStore::articlesToIndex(int limit) const
{
    return Sql::ids(m_connection,
        u"SELECT a.id FROM articles a LEFT JOIN quote_scans s ON s.article_id = a.id "
        "WHERE s.article_id IS NULL OR s.detector <> ? ORDER BY a.id LIMIT ?"_s,
        { QuoteDetector::Version, limit });
}

Result<int> QuoteStore::articlesToIndexCount() const
{
    Result<QSqlQuery> query = Sql::query(m_connection,
        u"SELECT (SELECT count(*) FROM articles) - "
        "(SELECT count(*) FROM quote_scans WHERE detector = ?)"_s,
        { QuoteDetector::Version });
    if (!query)
        return query.failure();
    return query->next() ? query->value(0).toInt() : 0;
}

Result<QList<SpeakerSummary>> QuoteStore::speakers() const
{
    Result<QSqlQuery> query = Sql::query(m_connection,
        u"SELECT speaker, sum(quotations), count(*) FROM quote_speakers GROUP BY speaker "
        "ORDER BY sum(quotations) DESC, speaker"_s);
    if (!query)
        return query.failure();
    QList<SpeakerSummary> result;
    while (query->next()) {
        result.append(
            { query->value(0).toString(), query->value(1).toInt(), query->value(2).toInt() });
    }
    return result;
}

Result<QList<qint64>> QuoteStore::articlesQuoting(const QString &speaker) const
{
    return Sql::ids(m_connection,
        u"SELECT article_id FROM quote_speakers WHERE speaker = ? "
        "ORDER BY quotations DESC, article_id DESC"_s,
        { Sql::text(speaker) });
}
