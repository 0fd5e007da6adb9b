#include "schema.h"
#include "sqlhelpers.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Schema {

Result<void> migrateSteps(const QString &connection, int fromVersion, int toVersion);

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
    case 4:
        return {
            // Ids are never handed out twice (AUTOINCREMENT): an undo step, a link or a setting
            // that names an id can never reach a row the user did not mean. SQLite cannot add
            // AUTOINCREMENT to a table, so the three tables whose ids users see are rebuilt, as
            // its documentation describes (foreign keys are off during migrations).
            uR"(CREATE TABLE articles_new (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
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
            u"INSERT INTO articles_new SELECT * FROM articles"_s,
            u"DROP TABLE articles"_s,
            u"ALTER TABLE articles_new RENAME TO articles"_s,
            u"CREATE UNIQUE INDEX articles_by_source ON articles(source_path, source_index)"_s,
            u"CREATE INDEX articles_by_hash ON articles(content_hash)"_s,
            u"CREATE INDEX articles_by_title ON articles(title COLLATE NOCASE, id)"_s,
            u"CREATE INDEX articles_by_date ON articles(date, id)"_s,
            u"CREATE INDEX articles_by_label ON articles(source_label COLLATE NOCASE, id)"_s,
            u"CREATE INDEX articles_by_words ON articles(words, id)"_s,
            // Annotations pointing at an article's web address are matched without a scan.
            u"CREATE INDEX articles_by_url ON articles(url) WHERE url <> ''"_s,
            // Every change to a highlight or a tag raises its version: an undo step, another
            // window or a team member's edit is refused when the row is not as it expects.
            // The annotator is who made the highlight (a database role on a team library).
            uR"(CREATE TABLE highlights_new (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
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
                modified_at TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                annotator TEXT NOT NULL DEFAULT ''))"_s,
            uR"(INSERT INTO highlights_new (id, article_id, start_pos, end_pos, exact, prefix,
                suffix, status, color, note, created_at, modified_at)
                SELECT id, article_id, start_pos, end_pos, exact, prefix, suffix, status, color,
                note, created_at, modified_at FROM highlights)"_s,
            u"DROP TABLE highlights"_s,
            u"ALTER TABLE highlights_new RENAME TO highlights"_s,
            u"CREATE INDEX highlights_by_article ON highlights(article_id, start_pos, end_pos)"_s,
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
            uR"(CREATE TABLE tags_new (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                parent_id INTEGER REFERENCES tags(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                color TEXT NOT NULL DEFAULT '',
                description TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1))"_s,
            uR"(INSERT INTO tags_new (id, parent_id, name, color, description, created_at)
                SELECT id, parent_id, name, color, description, created_at FROM tags)"_s,
            u"DROP TABLE tags"_s,
            u"ALTER TABLE tags_new RENAME TO tags"_s,
            u"CREATE UNIQUE INDEX tags_by_name ON tags(ifnull(parent_id, 0), name COLLATE NOCASE)"_s,
            // The speaker index remembers which text it was made from, so results computed
            // from an older text are never stored as current.
            u"ALTER TABLE quote_scans ADD COLUMN content_hash TEXT NOT NULL DEFAULT ''"_s,
            // What an import of annotations changed, kept until it ends, so that a cancel, a
            // failure or a crash in the middle is taken back whole (see AnnotationImporter).
            uR"(CREATE TABLE import_journal (
                run TEXT NOT NULL,
                seq INTEGER NOT NULL,
                kind TEXT NOT NULL,
                row_id INTEGER NOT NULL,
                before TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (run, seq)) WITHOUT ROWID)"_s,
        };
    case 5:
        return {
            // Links a highlight carries (the IRI bodies of web annotations), one per line; and
            // the id the highlight had in the file it came from (a W3C id, a REFI-QDA selection
            // GUID), so importing that file again recognises it, while two annotations of the
            // same words stay two.
            u"ALTER TABLE highlights ADD COLUMN links TEXT NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE highlights ADD COLUMN origin TEXT NOT NULL DEFAULT ''"_s,
            u"CREATE INDEX highlights_by_origin ON highlights(origin) WHERE origin <> ''"_s,
        };
    case 6:
        // The formats articles came in are stored by key, not by the label shown.
        return formatKeysStep();
    default:
        return {};
    }
}

QStringList formatKeysStep()
{
    // An article's format is stored under its stable key from the format table, no longer
    // under the display label, which a rename or a translation would have changed. The
    // labels are those versions 1 to 4 wrote, frozen here as the step itself is.
    return {
        uR"(UPDATE articles SET format = CASE format
            WHEN 'news dump' THEN 'news-dump'
            WHEN 'plain text' THEN 'plain-text'
            WHEN 'Markdown' THEN 'markdown'
            WHEN 'web page' THEN 'html'
            WHEN 'JSON Lines' THEN 'json-lines'
            ELSE format END)"_s,
    };
}

Result<void> migrate(const QString &connection, int fromVersion, int toVersion)
{
    // Some steps rebuild tables that others refer to; SQLite's procedure for that runs with
    // foreign keys off (they cannot change inside a transaction) and checks them before the
    // step commits.
    const Result<QVariant> enforced = Sql::scalar(connection, u"PRAGMA foreign_keys"_s);
    if (!enforced)
        return enforced.failure();
    if (auto off = Sql::run(connection, u"PRAGMA foreign_keys = OFF"_s); !off)
        return off;
    const Result<void> migrated = migrateSteps(connection, fromVersion, toVersion);
    if (enforced->toInt() != 0) {
        if (auto on = Sql::run(connection, u"PRAGMA foreign_keys = ON"_s); !on && migrated)
            return on;
    }
    return migrated;
}

Result<void> migrateSteps(const QString &connection, int fromVersion, int toVersion)
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
        const Result<QVariant> broken = Sql::scalar(connection, u"PRAGMA foreign_key_check"_s);
        if (!broken)
            return broken.failure();
        if (broken->isValid()) {
            return ResultError(QCoreApplication::translate("Schema",
                                   "The library's rows do not refer to each other as they "
                                   "should (table %1).")
                                   .arg(broken->toString()),
                ErrorKind::Damaged);
        }
        if (auto committed = transaction.commit(); !committed)
            return committed;
    }
    return {};
}

} // namespace Schema
