#include "annotationimporter.h"
#include "annotation/annotationservice.h"
#include "annotation/annotationstore.h"
#include "library/librarystore.h"
#include "library/librarywriter.h"
#include "library/sqlhelpers.h"
#include "refiproject.h"
#include "webannotationreader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AnnotationImporter", text);
}

/// An annotation ready to be written: its highlight (without tags yet) and its tag paths. A
/// highlight of an article the import itself adds names the article by its place in the plan.
struct Planned
{
    QString label;
    Highlight highlight;
    QStringList tagPaths; ///< checked, '/'-joined
    QString articleTitle; ///< for the report of an orphan
    QString textHash; ///< the article's text the anchor was placed in
    int newArticle = -1; ///< index into the planned articles, or -1
};

struct PlannedTag
{
    QString path;
    QString color;
    QString description;
};

struct PlannedArticle
{
    Article article;
    QString label;
};

/// The UTF-16 offset of a position counted in code points, or -1 past the end.
int utf16Offset(QStringView text, qint64 codePoints)
{
    qint64 points = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (points == codePoints)
            return int(i);
        if (!(text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()))
            ++points;
    }
    return points == codePoints ? int(text.size()) : -1;
}

bool hasSurrogates(QStringView text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.isSurrogate(); });
}

/// The first words of a span, for the report.
QString firstWords(QStringView text)
{
    const QString simplified = text.left(200).toString().simplified();
    return simplified.size() > 60 ? simplified.left(57) + u"…"_s : simplified;
}

/// Two texts that differ only in whitespace (a source saved with other line breaks or
/// indentation than the article) are the same text: positions in one are found in the other by
/// counting the characters that are not whitespace.
class Alignment
{
public:
    static std::optional<Alignment> of(const QString &from, const QString &to)
    {
        Alignment alignment;
        QList<int> toPositions;
        for (qsizetype i = 0; i < to.size(); ++i) {
            if (!to.at(i).isSpace())
                toPositions.append(int(i));
        }
        int k = 0;
        alignment.m_map.resize(from.size() + 1);
        for (qsizetype i = 0; i < from.size(); ++i) {
            if (from.at(i).isSpace()) {
                alignment.m_map[i] = -(k + 1); // before the k-th visible character
                continue;
            }
            if (k >= toPositions.size() || to.at(toPositions.at(k)) != from.at(i))
                return std::nullopt;
            alignment.m_map[i] = toPositions.at(k++);
        }
        if (k != toPositions.size())
            return std::nullopt;
        alignment.m_map[from.size()] = -(k + 1);
        alignment.m_targets = toPositions;
        alignment.m_length = int(to.size());
        return alignment;
    }

    int start(int from) const
    {
        const int mapped = m_map.at(from);
        if (mapped >= 0)
            return mapped;
        const int k = -mapped - 1;
        return k < m_targets.size() ? m_targets.at(k) : m_length;
    }

    int end(int from) const
    {
        // Just after the last visible character before it.
        for (int i = from - 1; i >= 0; --i) {
            if (m_map.at(i) >= 0)
                return m_map.at(i) + 1;
        }
        return 0;
    }

private:
    QList<int> m_map; ///< position in from → position in to, or -(k+1) for whitespace
    QList<int> m_targets;
    int m_length = 0;
};

/// Finds a quote whose whitespace differs from the text (a tool collapsed it): the text's
/// whitespace runs count as one space. The match nearest the hint wins.
std::optional<QPair<int, int>> findIgnoringWhitespace(QStringView body, QStringView quote, qint64 hint)
{
    const QString wanted = quote.toString().simplified();
    if (wanted.isEmpty())
        return std::nullopt;
    QString collapsed;
    QList<int> origin; // collapsed index → body index
    collapsed.reserve(body.size());
    bool space = false;
    for (qsizetype i = 0; i < body.size(); ++i) {
        if (body.at(i).isSpace()) {
            if (!space && !collapsed.isEmpty()) {
                collapsed += u' ';
                origin.append(int(i));
            }
            space = true;
            continue;
        }
        space = false;
        collapsed += body.at(i);
        origin.append(int(i));
    }
    origin.append(int(body.size()));
    std::optional<QPair<int, int>> best;
    qint64 bestDistance = 0;
    for (qsizetype at = collapsed.indexOf(wanted); at >= 0; at = collapsed.indexOf(wanted, at + 1)) {
        const int start = origin.at(at);
        const int end = origin.at(at + wanted.size() - 1) + 1;
        const qint64 distance = hint >= 0 ? qAbs(start - hint) : at;
        if (!best || distance < bestDistance) {
            best = QPair<int, int>(start, end);
            bestDistance = distance;
        }
    }
    return best;
}

/// Where a web annotation's target falls in a body, and how sure that is: Exact only when its
/// positions hold its quote (or hold, with no quote to check them by, nothing at all: then
/// Fuzzy); else Moved where the quote and its context are; else orphaned.
AnchorResolution placeTarget(const ForeignTarget &target, const QString &body)
{
    const auto positionsIn = [&](PositionUnit unit) -> std::optional<QPair<int, int>> {
        if (!target.hasPositions())
            return std::nullopt;
        const int start = unit == PositionUnit::Utf16 ? int(std::min<qint64>(target.start, INT_MAX))
                                                      : utf16Offset(body, target.start);
        const int end = unit == PositionUnit::Utf16 ? int(std::min<qint64>(target.end, INT_MAX))
                                                    : utf16Offset(body, target.end);
        if (start < 0 || end < start || end > body.size())
            return std::nullopt;
        return QPair<int, int>(start, end);
    };
    // The unit the file declares first; the other too when the body has characters where they
    // differ (tools running in browsers count UTF-16 whatever the model says).
    QList<PositionUnit> units { target.unit };
    if (hasSurrogates(body))
        units.append(target.unit == PositionUnit::Utf16 ? PositionUnit::CodePoints : PositionUnit::Utf16);
    std::optional<QPair<int, int>> declared;
    for (const PositionUnit unit : units) {
        const std::optional<QPair<int, int>> span = positionsIn(unit);
        if (!declared)
            declared = span;
        if (span && target.hasQuote()
            && QStringView(body).mid(span->first, span->second - span->first) == target.exact)
            return { span->first, span->second, AnchorStatus::Exact };
    }
    if (target.hasQuote()) {
        TextAnchor wanted;
        wanted.exact = target.exact;
        wanted.prefix = target.prefix;
        wanted.suffix = target.suffix;
        wanted.start = declared ? declared->first : int(std::clamp<qint64>(target.hint, -1, INT_MAX));
        // The position is only a hint here: a quote found at it but not verified above is
        // "moved", never "exact".
        AnchorResolution found = Anchoring::resolve(wanted, body);
        if (found.status == AnchorStatus::Exact)
            found.status = AnchorStatus::Moved;
        if (found.status != AnchorStatus::Orphaned && found.status != AnchorStatus::Fuzzy)
            return found;
        if (const auto loose = findIgnoringWhitespace(body, target.exact, wanted.start))
            return { loose->first, loose->second, AnchorStatus::Moved };
        if (found.status == AnchorStatus::Fuzzy)
            return found;
    }
    if (target.hasRange()) {
        const qsizetype from = body.indexOf(target.rangeStartQuote);
        const qsizetype to = from < 0 ? -1 : body.indexOf(target.rangeEndQuote, from + 1);
        qsizetype end = to;
        while (end > from && body.at(end - 1).isSpace())
            --end;
        if (from >= 0 && end > from)
            return { int(from), int(end), AnchorStatus::Moved };
    }
    if (declared && !target.hasQuote() && declared->second > declared->first)
        return { declared->first, declared->second, AnchorStatus::Fuzzy };
    return {};
}

/// Finds the articles a web annotation is about.
class ArticleFinder
{
public:
    explicit ArticleFinder(LibraryStore &library)
        : m_library(library)
    { }

    Result<QList<qint64>> articlesFor(const ForeignAnnotation &annotation)
    {
        // Gloss's own ids carry the article's content hash: the surest match.
        static const QRegularExpression glossId(uR"(^urn:gloss:([0-9a-f]{16}):highlight:)"_s);
        const QRegularExpressionMatch match = glossId.match(annotation.origin.section(u'#', 0, 0));
        if (match.hasMatch()) {
            Result<QList<qint64>> byHash = m_library.articlesWithHashPrefix(match.captured(1));
            if (!byHash || !byHash->isEmpty())
                return byHash;
        }
        for (const QString &iri : annotation.sources) {
            Result<QList<qint64>> found = forIri(iri);
            if (!found || !found->isEmpty())
                return found;
        }
        // A page the library holds under another address: its title, when only one has it.
        if (!annotation.documentTitle.trimmed().isEmpty()) {
            Result<QList<qint64>> byTitle = m_library.articlesWithTitle(annotation.documentTitle.trimmed());
            if (!byTitle || byTitle->size() == 1)
                return byTitle;
        }
        return QList<qint64>();
    }

private:
    Result<QList<qint64>> forIri(const QString &iri)
    {
        if (const auto cached = m_byIri.constFind(iri); cached != m_byIri.cend())
            return *cached;
        Result<QList<qint64>> found = lookUp(iri);
        if (found)
            m_byIri.insert(iri, *found);
        return found;
    }

    Result<QList<qint64>> lookUp(const QString &iri)
    {
        if (iri.startsWith(u"urn:sha256:"_s))
            return m_library.articlesWithHashPrefix(iri.mid(11));
        const QUrl url(iri);
        if (url.isLocalFile())
            return m_library.articlesWithSource(url.toLocalFile());
        // The address as given, then the forms the same page goes by: without its fragment
        // or tracking query, with or without the final slash, over http or https.
        QStringList forms { iri };
        QUrl plain = url;
        plain.setFragment(QString());
        forms.append(plain.toString());
        QString bare = plain.toString(QUrl::RemoveQuery);
        forms.append(bare);
        forms.append(bare.endsWith(u'/') ? bare.chopped(1) : bare + u'/');
        for (const QString &form : QStringList(forms)) {
            if (form.startsWith(u"http://"_s))
                forms.append(u"https://"_s + form.mid(7));
            else if (form.startsWith(u"https://"_s))
                forms.append(u"http://"_s + form.mid(8));
        }
        forms.removeDuplicates();
        for (const QString &form : std::as_const(forms)) {
            Result<QList<qint64>> found = m_library.articlesWithUrl(form);
            if (!found || !found->isEmpty())
                return found;
        }
        return QList<qint64>();
    }

    LibraryStore &m_library;
    QHash<QString, QList<qint64>> m_byIri;
};

/// Cached texts of the articles annotations are placed in.
class Texts
{
public:
    struct Text
    {
        QString body;
        QString title;
        QString hash;
    };

    explicit Texts(LibraryStore &library)
        : m_library(library)
    { }

    Result<const Text *> of(qint64 articleId)
    {
        auto cached = m_texts.constFind(articleId);
        if (cached == m_texts.cend()) {
            Result<Article> article = m_library.article(articleId);
            if (!article)
                return article.failure();
            cached = m_texts.insert(articleId, { article->body(), article->title, article->contentHash });
        }
        return &*cached;
    }

private:
    LibraryStore &m_library;
    QHash<qint64, Text> m_texts;
};

/// Tag paths as Gloss takes them, with a line for each one refused.
QStringList checkedPaths(const QStringList &paths, const QString &label, QStringList &problems)
{
    QStringList checked;
    for (const QString &path : paths) {
        Result<QStringList> names = AnnotationService::splitTagPath(path);
        if (!names) {
            problems.append(tr("%1: tag “%2” left out: %3").arg(label, path, names.error()));
            continue;
        }
        const QString joined = names->join(u'/');
        if (!checked.contains(joined, Qt::CaseInsensitive))
            checked.append(joined);
    }
    return checked;
}

// While the user edits, jobs stay short (an edit waits for the job in hand); else longer jobs
// spend less on reading what each job must read afresh.
constexpr int AnnotationsPerJobWhileEditing = 100;
constexpr int AnnotationsPerJob = 500;
constexpr int ArticlesPerJob = 50;
// An import whose journal has not moved for this long died with its program.
constexpr qint64 AbandonedAfterSeconds = 120;

QString journalTime()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

QString staleBefore()
{
    return QDateTime::currentDateTimeUtc().addSecs(-AbandonedAfterSeconds).toString(Qt::ISODate);
}

/// Writes planned articles, tags and annotations in the writer's transaction, noting in the
/// journal everything it adds, so that a cancel, a failure or a crash can take the import back
/// whole.
class JournalWriter
{
public:
    explicit JournalWriter(QString run)
        : m_run(std::move(run))
    { }

    Result<void> note(LibraryStore &store, const QString &kind, qint64 rowId, const QString &before)
    {
        Result<QSqlQuery *> noted = store.runWrite(
            u"INSERT INTO import_journal (run, seq, kind, row_id, before) VALUES (?, ?, ?, ?, ?)"_s,
            { m_run, ++m_sequence, kind, rowId, Sql::text(before) });
        return noted ? Result<void>() : noted.failure();
    }

    Result<void> heartbeat(LibraryStore &store)
    {
        Result<QSqlQuery> beat = Sql::query(store.connectionName(),
            u"INSERT INTO import_journal (run, seq, kind, row_id, before) VALUES (?, 0, 'run', "
            "0, ?) ON CONFLICT(run, seq) DO UPDATE SET before = excluded.before"_s,
            { m_run, journalTime() });
        return beat ? Result<void>() : beat.failure();
    }

    /// A job starts: what was read in an earlier job may have changed since (an edit in the
    /// window runs between two jobs), so it is read again.
    void beginJob()
    {
        m_pathsLoaded = false;
        m_paths.clear();
        m_placedIn.clear();
    }

    /// An article the import brings (a project's source): added, or found there already.
    Result<qint64> writeArticle(LibraryStore &store, const Article &article, bool &added)
    {
        Result<LibraryStore::Upserted> upserted = store.upsertInTransaction(article);
        if (!upserted)
            return upserted.failure();
        added = upserted->outcome == LibraryStore::UpsertOutcome::Inserted;
        if (added) {
            if (auto noted = note(store, u"article"_s, upserted->id, {}); !noted)
                return noted.failure();
        }
        return upserted->id;
    }

    /// The tag at a path, made with the parents it lacks; a new tag takes the colour and
    /// description the file gives it. Existing tags are left as the user has them.
    Result<qint64> tagFor(LibraryStore &store, const PlannedTag &wanted, bool *created = nullptr)
    {
        AnnotationStore annotations(store);
        if (!m_pathsLoaded) {
            Result<QHash<QString, qint64>> paths = annotations.tagIdsByPath();
            if (!paths)
                return paths.failure();
            m_paths = *paths;
            m_pathsLoaded = true;
        }
        const QStringList names = wanted.path.split(u'/');
        qint64 parent = 0;
        QString sofar;
        for (qsizetype i = 0; i < names.size(); ++i) {
            sofar = sofar.isEmpty() ? names.at(i) : sofar + u'/' + names.at(i);
            const QString key = sofar.toCaseFolded();
            if (const qint64 found = m_paths.value(key); found != 0) {
                parent = found;
                continue;
            }
            Tag tag;
            tag.parentId = parent;
            tag.name = names.at(i);
            if (i == names.size() - 1) {
                tag.color = wanted.color;
                tag.description = wanted.description;
                if (created)
                    *created = true;
            }
            Result<qint64> id = annotations.insertTag(tag);
            if (!id)
                return id.failure();
            if (auto noted = note(store, u"tag"_s, *id, {}); !noted)
                return noted.failure();
            m_paths.insert(key, *id);
            parent = *id;
        }
        return parent;
    }

    /// Adds one annotation: a new highlight, or what it lacks to the same highlight already
    /// there. The same is the one imported from the same id, or (for annotations without
    /// one) the one over the same words with the same note. Returns true when it was new.
    Result<bool> write(LibraryStore &store, Planned planned)
    {
        AnnotationStore annotations(store);
        // The article's text changed since the annotation was placed (another program
        // imported it again): placed again in the text as it is now. Its hash says so; the
        // text itself is read only then.
        const qint64 articleId = planned.highlight.articleId;
        if (!m_placedIn.contains(articleId)) {
            Result<QVariantList> hash = store.cachedColumn(
                u"SELECT content_hash FROM articles WHERE id = ?"_s, { articleId });
            if (!hash)
                return hash.failure();
            if (hash->isEmpty())
                return ResultError(tr("%1: its article was removed during the import.").arg(planned.label),
                    ErrorKind::NotFound);
            m_placedIn.insert(articleId, hash->front().toString());
        }
        if (!planned.textHash.isEmpty() && m_placedIn.value(articleId) != planned.textHash
            && planned.highlight.status != AnchorStatus::Orphaned) {
            Result<QString> body = store.body(articleId);
            if (!body)
                return body.failure();
            const AnchorResolution placed = Anchoring::resolve(planned.highlight.anchor, *body);
            if (placed.status == AnchorStatus::Orphaned) {
                planned.highlight.status = AnchorStatus::Orphaned;
            } else {
                planned.highlight.anchor = Anchoring::anchorFor(*body, placed.start, placed.end);
                planned.highlight.status = placed.status;
            }
        }
        QList<qint64> tagIds;
        for (const QString &path : planned.tagPaths) {
            Result<qint64> tag = tagFor(store, { path, {}, {} });
            if (!tag)
                return tag.failure();
            if (!tagIds.contains(*tag))
                tagIds.append(*tag);
        }
        const Highlight &wanted = planned.highlight;
        // The same highlight may be here already: the one imported under the same id, or one
        // over the same words. Both are found through indexes, one annotation at a time.
        Result<QVariantList> candidates = wanted.origin.isEmpty()
            ? Result<QVariantList>(QVariantList())
            : store.cachedColumn(u"SELECT id FROM highlights WHERE origin = ? AND article_id = ?"_s,
                { wanted.origin, articleId });
        if (!candidates)
            return candidates.failure();
        if (candidates->isEmpty()) {
            candidates = store.cachedColumn(u"SELECT id FROM highlights WHERE article_id = ? AND "
                                            "start_pos = ? AND end_pos = ?"_s,
                { articleId, wanted.anchor.start, wanted.anchor.end });
            if (!candidates)
                return candidates.failure();
        }
        for (const QVariant &candidate : std::as_const(*candidates)) {
            Result<Highlight> found = annotations.highlight(candidate.toLongLong());
            if (!found)
                return found.failure();
            Highlight &present = *found;
            const bool sameOrigin = !wanted.origin.isEmpty() && present.origin == wanted.origin;
            const bool sameWords = present.anchor.start == wanted.anchor.start
                && present.anchor.end == wanted.anchor.end && present.anchor.exact == wanted.anchor.exact;
            const bool sameNote = present.note.trimmed() == wanted.note.trimmed();
            // Two ids of the same kind of file that differ are two annotations; ids of
            // different kinds (a W3C id, a REFI-QDA GUID) cannot be compared.
            const auto family = [](const QString &origin) {
                return origin.startsWith(u"refi:"_s) ? 1 : 2;
            };
            const bool distinctIds = !wanted.origin.isEmpty() && !present.origin.isEmpty()
                && present.origin != wanted.origin && family(present.origin) == family(wanted.origin);
            if (!sameOrigin && !(sameWords && sameNote && !distinctIds))
                continue;
            // The same highlight already here: add what it lacks, create nothing.
            HighlightPatch patch;
            for (qint64 tag : std::as_const(tagIds)) {
                if (!present.tagIds.contains(tag)) {
                    patch.addTags.append(tag);
                    if (auto noted = note(store, u"tagging"_s, present.id, QString::number(tag)); !noted)
                        return noted.failure();
                }
            }
            if (present.note.isEmpty() && !wanted.note.isEmpty()) {
                patch.note = wanted.note;
                // Taken back only while the note is still the one the import wrote.
                if (auto noted = note(store, u"note"_s, present.id, wanted.note); !noted)
                    return noted.failure();
            }
            if (!patch.isEmpty()) {
                Result<qint64> patched = annotations.patchHighlight(present.id, patch, present.version);
                if (!patched)
                    return patched.failure();
                // A highlight of this run stays the run's to take back, at its new version.
                if (m_inserted.contains(present.id)) {
                    Result<QSqlQuery *> moved = store.runWrite(
                        u"UPDATE import_journal SET before = ? WHERE run = ? AND kind = "
                        "'highlight' AND row_id = ?"_s,
                        { QString::number(*patched), m_run, present.id });
                    if (!moved)
                        return moved.failure();
                }
            }
            return false;
        }
        Highlight highlight = planned.highlight;
        highlight.tagIds = tagIds;
        Result<qint64> inserted = annotations.insertHighlight(highlight);
        if (!inserted)
            return inserted.failure();
        // Taken back only while nobody has changed it (its version is still the first).
        if (auto noted = note(store, u"highlight"_s, *inserted, u"1"_s); !noted)
            return noted.failure();
        m_inserted.insert(*inserted);
        return true;
    }

    /// The import is whole: its journal goes. When the journal is gone already, another
    /// program took the run for dead and took it back: the import did not happen.
    Result<void> finish(LibraryStore &store)
    {
        Result<QSqlQuery> alive = Sql::query(store.connectionName(),
            u"SELECT 1 FROM import_journal WHERE run = ? AND seq = 0"_s, { m_run });
        if (!alive)
            return alive.failure();
        if (!alive->next()) {
            return ResultError(tr("The import stalled so long that another program took it "
                                  "back; nothing of it was kept. Import the file again."),
                ErrorKind::Conflict);
        }
        alive->finish();
        Result<QSqlQuery> done = Sql::query(
            store.connectionName(), u"DELETE FROM import_journal WHERE run = ?"_s, { m_run });
        return done ? Result<void>() : done.failure();
    }

private:
    QString m_run;
    qint64 m_sequence = 0;
    bool m_pathsLoaded = false;
    QHash<QString, qint64> m_paths; ///< case-folded path → tag id
    QHash<qint64, QString> m_placedIn; ///< article → its content hash, this job
    QSet<qint64> m_inserted; ///< highlights this run made
};

QString newRun()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

/// Everything an import will write, decided on the reading side.
struct Plan
{
    QList<PlannedArticle> articles;
    QList<PlannedTag> tags;
    QList<Planned> annotations;
};

/// Writes a plan through the writer in short jobs, journaled; takes it all back on failure or
/// cancel.
Result<void> writePlan(LibraryWriter &writer, Plan &plan, AnnotationImportReport &report,
    const std::atomic_bool *cancel, const AnnotationImporter::Progress &progress)
{
    if (plan.articles.isEmpty() && plan.tags.isEmpty() && plan.annotations.isEmpty())
        return {}; // nothing to write: nothing to journal either
    const QString run = newRun();
    JournalWriter journal(run);
    const std::unique_ptr<LibraryWriter::Batch> batch = writer.batch();
    auto takeBack = [&](ResultError error) -> Result<void> {
        (void)batch->commit();
        if (auto undone = writer.write(
                [&run](LibraryStore &store) { return AnnotationImporter::rollBack(store, run); });
            !undone) {
            return ResultError(tr("%1 What was imported so far could not be taken back: %2")
                                   .arg(error.text, undone.error()),
                error.kind);
        }
        return error;
    };
    const auto cancelled = [&] { return cancel && cancel->load(); };
    const ResultError stopped(tr("Import cancelled; nothing was imported."), ErrorKind::Cancelled);
    const int total = int(plan.articles.size() + plan.tags.size() + plan.annotations.size());
    int done = 0;
    if (progress)
        progress(0, total);

    QList<qint64> articleIds(plan.articles.size(), 0);
    for (qsizetype start = 0; start < plan.articles.size(); start += ArticlesPerJob) {
        if (cancelled())
            return takeBack(stopped);
        const qsizetype end = std::min<qsizetype>(plan.articles.size(), start + ArticlesPerJob);
        Result<QVariant> written = batch->write([&](LibraryStore &store) -> Result<QVariant> {
            journal.beginJob();
            if (auto beat = journal.heartbeat(store); !beat)
                return beat.failure();
            for (qsizetype i = start; i < end; ++i) {
                bool added = false;
                Result<qint64> id = journal.writeArticle(store, plan.articles.at(i).article, added);
                if (!id)
                    return ResultError(tr("%1: %2").arg(plan.articles.at(i).label, id.error()), id.kind());
                articleIds[i] = *id;
                ++(added ? report.sourcesAdded : report.sourcesMatched);
            }
            return QVariant();
        });
        if (!written)
            return takeBack(written.failure());
        done += int(end - start);
        if (progress)
            progress(done, total);
    }
    if (!plan.tags.isEmpty()) {
        if (cancelled())
            return takeBack(stopped);
        Result<QVariant> written = batch->write([&](LibraryStore &store) -> Result<QVariant> {
            journal.beginJob();
            if (auto beat = journal.heartbeat(store); !beat)
                return beat.failure();
            for (const PlannedTag &tag : std::as_const(plan.tags)) {
                bool created = false;
                if (Result<qint64> id = journal.tagFor(store, tag, &created); !id)
                    return id.failure();
                if (created)
                    ++report.codesAdded;
            }
            return QVariant();
        });
        if (!written)
            return takeBack(written.failure());
        done += int(plan.tags.size());
        if (progress)
            progress(done, total);
    }
    for (Planned &item : plan.annotations) {
        if (item.newArticle >= 0)
            item.highlight.articleId = articleIds.at(item.newArticle);
    }
    for (qsizetype start = 0, end = 0; start < plan.annotations.size(); start = end) {
        if (cancelled())
            return takeBack(stopped);
        const int perJob = writer.editedWithin(2000) ? AnnotationsPerJobWhileEditing : AnnotationsPerJob;
        end = std::min<qsizetype>(plan.annotations.size(), start + perJob);
        Result<QVariant> written = batch->write([&](LibraryStore &store) -> Result<QVariant> {
            journal.beginJob();
            if (auto beat = journal.heartbeat(store); !beat)
                return beat.failure();
            for (qsizetype i = start; i < end; ++i) {
                const Planned &item = plan.annotations.at(i);
                Result<bool> fresh = journal.write(store, item);
                if (!fresh)
                    return fresh.failure();
                if (!*fresh) {
                    ++report.duplicates;
                    continue;
                }
                ++report.added;
                if (item.highlight.status == AnchorStatus::Orphaned) {
                    ++report.orphaned;
                    report.problems.append(tr("%1: its text was not found in “%2”; kept as an "
                                              "orphan to re-attach.")
                                               .arg(item.label, item.articleTitle));
                }
            }
            return QVariant();
        });
        if (!written)
            return takeBack(written.failure());
        done += int(end - start);
        if (progress)
            progress(done, total);
    }
    Result<QVariant> finished = batch->write([&](LibraryStore &store) -> Result<QVariant> {
        if (auto finishedJournal = journal.finish(store); !finishedJournal)
            return finishedJournal.failure();
        return QVariant();
    });
    if (!finished)
        return takeBack(finished.failure());
    if (auto committed = batch->commit(); !committed)
        return takeBack(committed.failure());
    return {};
}

/// A title for an article made from a project's source: its name without the file suffix
/// the tool kept ("Interview 3.docx"), else its first line.
QString titleOfSource(const RefiSource &source, int number)
{
    static const QRegularExpression suffix(uR"(\.(txt|docx?|rtf|odt|pdf|html?)$)"_s,
        QRegularExpression::CaseInsensitiveOption);
    QString title = source.name.trimmed();
    title.remove(suffix);
    if (title.isEmpty())
        title = source.text.section(u'\n', 0, 0).simplified().left(120);
    if (title.isEmpty())
        title = tr("Source %1").arg(number);
    return title;
}

/// An article holding a source's text exactly: each line a paragraph, so that the body is the
/// text and positions into one are positions into the other.
Article articleOfSource(const RefiSource &source, const QString &projectPath, int number, bool fromGloss)
{
    Article article;
    article.sourcePath = projectPath;
    article.sourceIndex = number;
    article.format = ArticleFormat::PlainText;
    article.title = titleOfSource(source, number);
    for (const QString &line : source.text.split(u'\n'))
        article.paragraphs.append({ ParagraphKind::Paragraph, line });
    // Gloss's own projects say the article's date and where it came from in the source's
    // description (their creation time is the time of the export); so a project Gloss wrote
    // comes back as it went out. The original file is kept with an index no import uses, so
    // it never takes the place of an article imported from that file.
    if (fromGloss) {
        for (QString part : source.description.split(u" · "_s)) {
            part = part.trimmed();
            const QDate date = QDate::fromString(part, Qt::ISODate);
            if (date.isValid()) {
                article.date = date;
            } else if (part.startsWith(u"http://"_s) || part.startsWith(u"https://"_s)) {
                article.url = part;
            } else if (QDir::isAbsolutePath(part)) {
                article.sourcePath = part;
                article.sourceIndex = -number;
            }
        }
    } else {
        article.date = (source.created.isValid() ? source.created : source.modified).date();
    }
    article.updateContentHash();
    return article;
}

/// The article already in the library with the same text as a source (whitespace aside): by
/// its content hash, then among the articles sharing its rarest words.
Result<std::optional<qint64>> sameText(LibraryStore &library, const Article &wanted, Texts &texts,
    std::optional<Alignment> &alignment)
{
    Result<QList<qint64>> byHash = library.articlesWithHashPrefix(wanted.contentHash);
    if (!byHash)
        return byHash.failure();
    const QString body = wanted.body();
    if (!byHash->isEmpty()) {
        alignment.reset();
        return std::optional<qint64>(byHash->front());
    }
    // Long words are rare words: six of them find the few articles that could be this one.
    QStringList words;
    static const QRegularExpression word(uR"(\b[\p{L}]{7,}\b)"_s, QRegularExpression::UseUnicodePropertiesOption);
    for (QRegularExpressionMatchIterator it = word.globalMatch(QStringView(body).left(4000)); it.hasNext();) {
        const QString found = it.next().captured().toLower();
        if (!words.contains(found))
            words.append(found);
    }
    if (words.isEmpty())
        return std::optional<qint64>();
    std::stable_sort(words.begin(), words.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    ArticleQuery query;
    query.text = words.mid(0, 6).join(u' ');
    Result<QList<qint64>> candidates = library.articleIds(query);
    if (!candidates)
        return std::optional<qint64>(); // a query the index cannot take: no match, not a failure
    for (const qint64 id : candidates->mid(0, 20)) {
        Result<const Texts::Text *> text = texts.of(id);
        if (!text)
            return text.failure();
        if ((*text)->body == body) {
            alignment.reset();
            return std::optional<qint64>(id);
        }
        if (std::optional<Alignment> aligned = Alignment::of(body, (*text)->body)) {
            alignment = std::move(aligned);
            return std::optional<qint64>(id);
        }
    }
    return std::optional<qint64>();
}

Result<QByteArray> readAnnotationFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return ResultError(tr("There is no file “%1”.").arg(path), ErrorKind::NotFound);
    // A device or a pipe has no end to read to; a folder is not a file.
    if (!info.isFile())
        return ResultError(tr("“%1” is not a regular file (a folder, device or pipe), so it "
                              "was not read.")
                               .arg(path),
            ErrorKind::InvalidInput);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ResultError(tr("Cannot open “%1”: %2.").arg(path, file.errorString()), ErrorKind::Io);
    // Read to one byte past the cap, whatever size the file claims.
    QByteArray bytes = file.read(AnnotationImporter::MaximumJsonFile + 1);
    if (bytes.size() > AnnotationImporter::MaximumJsonFile)
        return ResultError(tr("“%1” is larger than the %2 MB Gloss reads as an annotation file.")
                               .arg(path)
                               .arg(AnnotationImporter::MaximumJsonFile >> 20),
            ErrorKind::InvalidInput);
    if (bytes.trimmed().isEmpty())
        return ResultError(tr("“%1” is empty.").arg(path), ErrorKind::InvalidInput);
    return bytes;
}

} // namespace

QString AnnotationImportReport::countsLine() const
{
    QString line;
    if (sources > 0 || codes > 0) {
        line = tr("sources %1 (in the library %2, added %3, missing %4), codes %5 (new %6); ")
                   .arg(sources)
                   .arg(sourcesMatched)
                   .arg(sourcesAdded)
                   .arg(sourcesMissing)
                   .arg(codes)
                   .arg(codesAdded);
    }
    return line
        + tr("added %1, already there %2, orphaned %3, not placed %4")
              .arg(added)
              .arg(duplicates)
              .arg(orphaned)
              .arg(notPlaced);
}

Result<void> AnnotationImporter::rollBack(LibraryStore &store, const QString &run)
{
    Result<QSqlQuery> rows = Sql::query(store.connectionName(),
        u"SELECT kind, row_id, before FROM import_journal WHERE run = ? AND seq > 0 "
        "ORDER BY seq DESC"_s,
        { run });
    if (!rows)
        return rows.failure();
    struct Entry
    {
        QString kind;
        qint64 rowId;
        QString before;
    };
    QList<Entry> entries;
    while (rows->next())
        entries.append({ rows->value(0).toString(), rows->value(1).toLongLong(), rows->value(2).toString() });
    rows->finish();
    AnnotationStore annotations(store);
    // Only what is still as the import left it goes: a highlight someone has changed since,
    // a tag someone has used, a note someone has rewritten, an article someone has annotated
    // are theirs now and stay.
    for (const Entry &entry : std::as_const(entries)) {
        Result<void> undone;
        if (entry.kind == u"highlight"_s) {
            undone = annotations.deleteHighlight(entry.rowId, entry.before.toLongLong());
        } else if (entry.kind == u"tag"_s) {
            Result<QSqlQuery> used = Sql::query(store.connectionName(),
                u"SELECT (SELECT count(*) FROM highlight_tags WHERE tag_id = ?) + "
                "(SELECT count(*) FROM tags WHERE parent_id = ?)"_s,
                { entry.rowId, entry.rowId });
            if (!used)
                return used.failure();
            if (used->next() && used->value(0).toInt() == 0)
                undone = annotations.deleteTag(entry.rowId);
        } else if (entry.kind == u"tagging"_s) {
            undone = annotations.removeTaggings({ { entry.rowId, entry.before.toLongLong() } });
        } else if (entry.kind == u"note"_s) {
            Result<Highlight> now = annotations.highlight(entry.rowId);
            if (now && now->note == entry.before) {
                HighlightPatch patch;
                patch.note = QString();
                Result<qint64> patched = annotations.patchHighlight(entry.rowId, patch, now->version);
                undone = patched ? Result<void>() : patched.failure();
            }
        } else if (entry.kind == u"article"_s) {
            Result<QSqlQuery> used = Sql::query(store.connectionName(),
                u"SELECT count(*) FROM highlights WHERE article_id = ?"_s, { entry.rowId });
            if (!used)
                return used.failure();
            if (used->next() && used->value(0).toInt() == 0) {
                used->finish();
                undone = store.removeArticleInTransaction(entry.rowId);
            }
        }
        if (!undone && undone.kind() != ErrorKind::NotFound && undone.kind() != ErrorKind::Conflict)
            return undone;
    }
    Result<QSqlQuery> cleared
        = Sql::query(store.connectionName(), u"DELETE FROM import_journal WHERE run = ?"_s, { run });
    return cleared ? Result<void>() : cleared.failure();
}

QString AnnotationImporter::abandonedRunsQuery()
{
    // Journal times are Qt's ISO form in UTC, the form strftime writes too.
    return u"SELECT count(*) FROM import_journal WHERE seq = 0 AND before < "
           "strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-%1 seconds')"_s.arg(AbandonedAfterSeconds);
}

Result<int> AnnotationImporter::recoverAbandoned(LibraryStore &store)
{
    const QString stale = staleBefore();
    Result<QSqlQuery> runs = Sql::query(store.connectionName(),
        u"SELECT run FROM import_journal WHERE seq = 0 AND before < ?"_s, { stale });
    if (!runs)
        return runs.failure();
    QStringList abandoned;
    while (runs->next())
        abandoned.append(runs->value(0).toString());
    runs->finish();
    for (const QString &run : std::as_const(abandoned)) {
        if (auto undone = rollBack(store, run); !undone)
            return undone.failure();
    }
    return int(abandoned.size());
}

AnnotationImporter::AnnotationImporter(
    LibraryStore &reader, LibraryWriter &writer, AnnotationImportOptions options)
    : m_reader(reader)
    , m_writer(writer)
    , m_options(std::move(options))
{ }

Result<AnnotationImportReport> AnnotationImporter::importFile(
    const QString &path, const std::atomic_bool *cancel, const Progress &progress)
{
    // What the file is, from its first bytes: a ZIP (.qdpx), XML (.qde), else JSON.
    QFile file(path);
    if (QFileInfo(path).isFile() && file.open(QIODevice::ReadOnly)) {
        const QByteArray head = file.read(512).trimmed();
        const bool zip = head.startsWith("PK\x03\x04") || head.startsWith("PK\x05\x06");
        const bool xml = head.startsWith("<") || head.startsWith("\xEF\xBB\xBF<");
        if (zip || xml)
            return importRefi(path, Sources::ExistingOnly, cancel, progress);
    }
    return importWeb(path, cancel, progress);
}

Result<AnnotationImportReport> AnnotationImporter::importProject(
    const QString &path, const std::atomic_bool *cancel, const Progress &progress)
{
    return importRefi(path, Sources::AddMissing, cancel, progress);
}

Result<AnnotationImportReport> AnnotationImporter::importWeb(
    const QString &path, const std::atomic_bool *cancel, const Progress &progress)
{
    Result<QByteArray> bytes = readAnnotationFile(path);
    if (!bytes)
        return bytes.failure();
    Result<WebAnnotationFile> file = WebAnnotationReader::read(*bytes);
    if (!file)
        return ResultError(tr("%1: %2").arg(QFileInfo(path).fileName(), file.error()), file.kind());
    AnnotationImportReport report;
    report.kind = file->kind;
    report.found = file->found;
    // What the reader could not take is counted as not placed, each with its line.
    report.notPlaced = int(file->skipped.size());
    report.problems = file->skipped;
    report.notes = file->notes;

    ArticleFinder finder(m_reader);
    Texts texts(m_reader);
    Plan plan;
    for (const ForeignAnnotation &annotation : std::as_const(file->annotations)) {
        if (cancel && cancel->load())
            return ResultError(tr("Import cancelled; nothing was imported."), ErrorKind::Cancelled);
        Result<QList<qint64>> articles = m_options.article > 0
            ? Result<QList<qint64>>(QList<qint64> { m_options.article })
            : finder.articlesFor(annotation);
        if (!articles)
            return articles.failure();
        if (articles->isEmpty()) {
            ++report.unmatched;
            ++report.notPlaced;
            report.problems.append(tr("%1: no article in the library matches its document (%2); "
                                      "import the article first.")
                                       .arg(annotation.label,
                                           annotation.sources.value(0, annotation.documentTitle)));
            continue;
        }
        // The first article that holds its text; else an orphan in the first.
        Planned planned;
        planned.label = annotation.label;
        AnchorResolution placed;
        const Texts::Text *home = nullptr;
        for (const qint64 id : std::as_const(*articles)) {
            Result<const Texts::Text *> text = texts.of(id);
            if (!text)
                return text.failure();
            placed = placeTarget(annotation.target, (*text)->body);
            home = *text;
            planned.highlight.articleId = id;
            if (placed.status != AnchorStatus::Orphaned)
                break;
        }
        if (placed.status == AnchorStatus::Orphaned) {
            planned.highlight.articleId = articles->front();
            home = *texts.of(articles->front());
        }
        Highlight &highlight = planned.highlight;
        if (placed.status == AnchorStatus::Orphaned) {
            // Kept with its quote to re-attach by hand; never with positions that were not
            // valid, and never as empty.
            if (!annotation.target.hasQuote()) {
                ++report.notPlaced;
                report.problems.append(tr("%1: its positions are not in “%2” and it quotes no "
                                          "text to look for, so it was not imported.")
                                           .arg(annotation.label, home->title));
                continue;
            }
            highlight.anchor.exact = annotation.target.exact;
            highlight.anchor.prefix = annotation.target.prefix;
            highlight.anchor.suffix = annotation.target.suffix;
            highlight.anchor.start = 0;
            highlight.anchor.end = 0;
            highlight.status = AnchorStatus::Orphaned;
            planned.articleTitle = home->title;
        } else {
            highlight.anchor = Anchoring::anchorFor(home->body, placed.start, placed.end);
            highlight.status = placed.status;
        }
        planned.textHash = home->hash;
        highlight.color = Palette::isValidKey(annotation.color) ? annotation.color : Palette::defaultKey();
        highlight.note = annotation.note;
        highlight.links = annotation.links;
        highlight.annotator = annotation.annotator;
        highlight.origin = annotation.origin;
        highlight.created = annotation.created.isValid() ? annotation.created : QDateTime::currentDateTimeUtc();
        highlight.modified = annotation.modified.isValid() ? annotation.modified : highlight.created;
        planned.tagPaths = checkedPaths(annotation.tagPaths, annotation.label, report.problems);
        plan.annotations.append(std::move(planned));
    }
    if (auto written = writePlan(m_writer, plan, report, cancel, progress); !written)
        return written.failure();
    return report;
}

Result<AnnotationImportReport> AnnotationImporter::importRefi(const QString &path, Sources sources,
    const std::atomic_bool *cancel, const Progress &progress)
{
    Result<RefiProject> read = RefiReader::read(path, m_options.sourcesFolder);
    if (!read)
        return ResultError(tr("%1: %2").arg(QFileInfo(path).fileName(), read.error()), read.kind());
    const RefiProject &project = *read;
    AnnotationImportReport report;
    report.kind = project.origin.isEmpty() ? tr("REFI-QDA project")
                                           : tr("REFI-QDA project (%1)").arg(project.origin);
    report.sources = int(project.sources.size());
    report.codes = int(project.codes.size());
    report.notes = project.notRead;
    const bool fromGloss = project.origin.startsWith(u"Gloss"_s);
    const QString projectPath = QFileInfo(path).absoluteFilePath();

    Plan plan;
    // The codebook whole, coded or not, parents before children (they come in that order).
    for (const RefiCode &code : project.codes) {
        Result<QStringList> names = AnnotationService::splitTagPath(code.path);
        if (!names) {
            report.problems.append(tr("Code “%1” left out: %2").arg(code.path, names.error()));
            continue;
        }
        plan.tags.append({ names->join(u'/'), code.color, code.description });
    }
    const auto codePaths = [&](const QStringList &guids, const QString &label) {
        QStringList paths;
        for (const QString &guid : guids) {
            const auto index = project.codeIndex.constFind(guid);
            if (index == project.codeIndex.cend()) {
                report.problems.append(tr("%1: a code it refers to (%2) is not in the codebook; "
                                          "that coding was left out.")
                                           .arg(label, guid));
                continue;
            }
            paths.append(project.codes.at(*index).path);
        }
        return checkedPaths(paths, label, report.problems);
    };

    Texts texts(m_reader);
    for (qsizetype s = 0; s < project.sources.size(); ++s) {
        if (cancel && cancel->load())
            return ResultError(tr("Import cancelled; nothing was imported."), ErrorKind::Cancelled);
        const RefiSource &source = project.sources.at(s);
        const QString sourceName = source.name.isEmpty() ? tr("source %1").arg(s + 1) : source.name;
        const int codings = int(source.selections.size() + (source.wholeSourceCodes.isEmpty() ? 0 : 1));
        report.found += codings;
        const auto notPlacedAll = [&](const QString &why) {
            for (const RefiSelection &selection : source.selections) {
                ++report.notPlaced;
                report.problems.append(tr("“%1” in “%2” (positions %3–%4): %5")
                                           .arg(selection.name.left(40), sourceName)
                                           .arg(selection.start)
                                           .arg(selection.end)
                                           .arg(why));
            }
            if (!source.wholeSourceCodes.isEmpty()) {
                ++report.notPlaced;
                report.problems.append(tr("The coding of all of “%1”: %2").arg(sourceName, why));
            }
        };
        if (source.text.trimmed().isEmpty()) {
            ++report.sourcesMissing;
            const QString why = source.missing.isEmpty()
                ? tr("its source has no text")
                : tr("its source could not be read: %1").arg(source.missing);
            report.problems.append(tr("Source “%1” was not imported: %2.")
                                       .arg(sourceName, source.missing.isEmpty() ? tr("it has no text") : source.missing));
            notPlacedAll(why);
            continue;
        }
        const Article article = articleOfSource(source, projectPath, int(s) + 1, fromGloss);
        std::optional<Alignment> alignment;
        Result<std::optional<qint64>> existing = sameText(m_reader, article, texts, alignment);
        if (!existing)
            return existing.failure();
        int newArticle = -1;
        qint64 articleId = 0;
        QString body = article.body();
        QString hash = article.contentHash;
        if (*existing) {
            articleId = **existing;
            Result<const Texts::Text *> text = texts.of(articleId);
            if (!text)
                return text.failure();
            body = (*text)->body;
            hash = (*text)->hash;
            ++report.sourcesMatched;
        } else if (sources == Sources::AddMissing) {
            newArticle = int(plan.articles.size());
            plan.articles.append({ article, tr("Source “%1”").arg(sourceName) });
        } else {
            report.unmatched += codings;
            notPlacedAll(tr("no article in the library has the text of its source “%1”; open the "
                            "project (File ▸ Open Project…, or gloss import-project) to add it")
                             .arg(sourceName));
            continue;
        }

        const SourcePlacement placement = RefiPositions::place(source, project.origin);
        if (source.hadCarriageReturns || source.hadByteOrderMark)
            report.notes.append(tr("“%1”: positions read with %2.").arg(sourceName, placement.convention));
        const auto plannedOn = [&](int start, int end) {
            Planned planned;
            planned.newArticle = newArticle;
            planned.highlight.articleId = articleId;
            planned.textHash = hash;
            if (alignment) {
                start = alignment->start(start);
                end = alignment->end(end);
            }
            planned.highlight.anchor = Anchoring::anchorFor(body, start, end);
            planned.highlight.status = AnchorStatus::Exact;
            planned.highlight.color = Palette::defaultKey();
            return planned;
        };
        for (qsizetype i = 0; i < source.selections.size(); ++i) {
            const RefiSelection &selection = source.selections.at(i);
            const PlacedSelection &where = placement.selections.at(i);
            const QString label = tr("“%1” in “%2”").arg(selection.name.left(40), sourceName);
            if (where.start < 0) {
                ++report.notPlaced;
                report.problems.append(tr("%1 (positions %2–%3): %4; it was not imported.")
                                           .arg(label)
                                           .arg(selection.start)
                                           .arg(selection.end)
                                           .arg(where.problem));
                continue;
            }
            Planned planned = plannedOn(where.start, where.end);
            planned.label = label;
            planned.tagPaths = codePaths(selection.codeGuids, label);
            QStringList notes = selection.notes;
            if (!selection.description.isEmpty())
                notes.prepend(selection.description);
            planned.highlight.note = notes.join(u"\n\n"_s);
            // Gloss names itself as the user of highlights nobody in particular made.
            planned.highlight.annotator
                = fromGloss && selection.user == u"Gloss"_s ? QString() : selection.user;
            planned.highlight.origin = u"refi:"_s + selection.guid;
            planned.highlight.created = selection.created.isValid() ? selection.created : QDateTime::currentDateTimeUtc();
            planned.highlight.modified = selection.modified.isValid() ? selection.modified : planned.highlight.created;
            if (planned.highlight.anchor.exact.trimmed().isEmpty()) {
                ++report.notPlaced;
                report.problems.append(tr("%1 (positions %2–%3): it selects only spaces; it was not "
                                          "imported.")
                                           .arg(label)
                                           .arg(selection.start)
                                           .arg(selection.end));
                continue;
            }
            plan.annotations.append(std::move(planned));
        }
        if (!source.wholeSourceCodes.isEmpty()) {
            Planned planned = plannedOn(0, int(source.text.size()));
            planned.label = tr("the coding of all of “%1”").arg(sourceName);
            planned.tagPaths = codePaths(source.wholeSourceCodes, planned.label);
            planned.highlight.origin = u"refi:"_s + source.guid + u":whole"_s;
            plan.annotations.append(std::move(planned));
        }
    }
    for (const QString &note : project.projectNotes)
        report.notes.append(tr("A project note Gloss keeps nowhere: %1").arg(firstWords(note)));
    if (auto written = writePlan(m_writer, plan, report, cancel, progress); !written)
        return written.failure();
    return report;
}
