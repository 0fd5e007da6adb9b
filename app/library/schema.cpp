#include "schema.h"
#include "sqlhelpers.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Schema {

QStringList stepTo(int version)
{
    switch (version) {
    case 1:
        return {
            // Metadata only: small rows, so lists, sorting and counting never touch text.
            uR"(CREATE TABLE articles (
                id INTEGER PRIMARY KEY,
                source_path TEXT NOT NULL,
                source_index INTEGER NOT NULL DEFAULT 0,
                content_hash TEXT NOT NULL,
                format TEXT NOT NULL,
                title TEXT NOT NULL,
                date TEXT,
                authors TEXT NOT NULL DEFAULT '',
                site TEXT NOT NULL DEFAULT '',
                url TEXT NOT NULL DEFAULT '',
                raw_header TEXT NOT NULL DEFAULT '',
                kinds TEXT NOT NULL,
                words INTEGER NOT NULL,
                source_label TEXT NOT NULL,
                imported_at TEXT NOT NULL,
                updated_at TEXT NOT NULL))"_s,
            // The searchable text: the title again (FTS5 reads its columns from one table) and
            // the body exactly as displayed.
            uR"(CREATE TABLE article_texts (
                id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                title TEXT NOT NULL,
                body TEXT NOT NULL))"_s,
            u"CREATE UNIQUE INDEX articles_by_source ON articles(source_path, source_index)"_s,
            u"CREATE INDEX articles_by_hash ON articles(content_hash)"_s,
            u"CREATE INDEX articles_by_title ON articles(title COLLATE NOCASE, id)"_s,
            u"CREATE INDEX articles_by_date ON articles(date, id)"_s,
            u"CREATE INDEX articles_by_label ON articles(source_label COLLATE NOCASE, id)"_s,
            u"CREATE INDEX articles_by_words ON articles(words, id)"_s,
            // External-content FTS over article_texts.
            uR"(CREATE VIRTUAL TABLE articles_fts USING fts5(
                title, body, content='article_texts', content_rowid='id',
                tokenize='unicode61 remove_diacritics 2', prefix='3 4'))"_s,
            // Titles weigh ten times the body when ranking; `ORDER BY rank` then lets FTS5 sort
            // inside the index and stop early under a LIMIT.
            uR"(INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)'))"_s,
            // Inserts and updates are indexed by LibraryStore itself: a trigger would make each
            // statement open a statement journal, and SQLite makes FTS5 flush its pending index
            // at every such savepoint, which turned imports quadratic. Deletions are rare.
            uR"(CREATE TRIGGER article_texts_delete AFTER DELETE ON article_texts BEGIN
                INSERT INTO articles_fts(articles_fts, rowid, title, body)
                VALUES ('delete', old.id, old.title, old.body);
            END)"_s,
        };
    case 2:
        return {
            // The codebook: names unique among siblings ignoring case; a subtree goes with its
            // parent.
            uR"(CREATE TABLE tags (
                id INTEGER PRIMARY KEY,
                parent_id INTEGER REFERENCES tags(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                color TEXT NOT NULL DEFAULT '',
                description TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL))"_s,
            u"CREATE UNIQUE INDEX tags_by_name ON tags(ifnull(parent_id, 0), name COLLATE NOCASE)"_s,
            uR"(CREATE TABLE highlights (
                id INTEGER PRIMARY KEY,
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                start_pos INTEGER NOT NULL,
                end_pos INTEGER NOT NULL,
                exact TEXT NOT NULL,
                prefix TEXT NOT NULL,
                suffix TEXT NOT NULL,
                status TEXT NOT NULL,
                color TEXT NOT NULL,
                note TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL,
                modified_at TEXT NOT NULL))"_s,
            u"CREATE INDEX highlights_by_article ON highlights(article_id, start_pos, end_pos)"_s,
            uR"(CREATE TABLE highlight_tags (
                highlight_id INTEGER NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,
                tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
                PRIMARY KEY (highlight_id, tag_id)) WITHOUT ROWID)"_s,
            u"CREATE INDEX highlight_tags_by_tag ON highlight_tags(tag_id, highlight_id)"_s,
            // What the user calls each highlight colour ("yellow" = "key point").
            u"CREATE TABLE palette_names (color TEXT PRIMARY KEY, name TEXT NOT NULL)"_s,
            // Highlighted text and notes are searchable like articles.
            uR"(CREATE VIRTUAL TABLE highlights_fts USING fts5(
                exact, note, content='highlights', content_rowid='id',
                tokenize='unicode61 remove_diacritics 2', prefix='3'))"_s,
            uR"(CREATE TRIGGER highlights_fts_insert AFTER INSERT ON highlights BEGIN
                INSERT INTO highlights_fts(rowid, exact, note) VALUES (new.id, new.exact, new.note);
            END)"_s,
            uR"(CREATE TRIGGER highlights_fts_delete AFTER DELETE ON highlights BEGIN
                INSERT INTO highlights_fts(highlights_fts, rowid, exact, note)
                VALUES ('delete', old.id, old.exact, old.note);
            END)"_s,
            uR"(CREATE TRIGGER highlights_fts_update AFTER UPDATE OF exact, note ON highlights BEGIN
                INSERT INTO highlights_fts(highlights_fts, rowid, exact, note)
                VALUES ('delete', old.id, old.exact, old.note);
                INSERT INTO highlights_fts(rowid, exact, note) VALUES (new.id, new.exact, new.note);
            END)"_s,
        };
    case 3:
        return {
            // A speaker the user gave a quotation, found again by the quotation's words when
            // the article is re-imported; '' means "nobody named".
            uR"(CREATE TABLE speaker_corrections (
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                quote TEXT NOT NULL,
                speaker TEXT NOT NULL,
                corrected_at TEXT NOT NULL,
                PRIMARY KEY (article_id, quote)) WITHOUT ROWID)"_s,
            // Who is quoted where, derived from the text and the corrections, kept for the
            // library-wide Speakers view. quote_scans says which articles are current for which
            // version of the detector; the rest wait for the background indexer.
            uR"(CREATE TABLE quote_speakers (
                article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                speaker TEXT NOT NULL,
                quotations INTEGER NOT NULL,
                PRIMARY KEY (article_id, speaker)) WITHOUT ROWID)"_s,
            u"CREATE INDEX quote_speakers_by_speaker ON quote_speakers(speaker, article_id)"_s,
            uR"(CREATE TABLE quote_scans (
                article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                detector INTEGER NOT NULL))"_s,
        };
    default:
        return {};
    }
}

Result<void> migrate(const QString &connection, int fromVersion, int toVersion)
{
    for (int version = fromVersion + 1; version <= toVersion; ++version) {
        ScopedTransaction transaction(connection);
        if (!transaction.began())
            return transaction.began();
        const QStringList statements = stepTo(version);
        if (statements.isEmpty()) {
            return ResultError(QCoreApplication::translate(
                "Schema", "There is no way to upgrade the library to version %1.")
                                   .arg(version));
        }
        for (const QString &statement : statements) {
            if (auto ran = Sql::run(connection, statement); !ran)
                return ran;
        }
        // PRAGMAs take no bound values; both numbers are our own constants.
        if (auto ran = Sql::run(connection, u"PRAGMA application_id = %1"_s.arg(ApplicationId));
            !ran)
            return ran;
        if (auto ran = Sql::run(connection, u"PRAGMA user_version = %1"_s.arg(version)); !ran)
            return ran;
        if (auto committed = transaction.commit(); !committed)
            return committed;
    }
    return {};
}

} // namespace Schema
