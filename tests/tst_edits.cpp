#include "annotation/annotationservice.h"
#include "exporting/exportset.h"
#include "importing/annotationimporter.h"
#include "importing/importer.h"
#include "library/library.h"
#include "library/libraryhistory.h"
#include "library/librarystore.h"
#include "library/librarywriter.h"
#include "library/sqlhelpers.h"
#include "quotes/quotationservice.h"
#include "quotes/speakerindexer.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;

// "Edits you can trust": each sequence the review found to lose or corrupt a user's work, run
// against the writer, the history and the layers as the window uses them.

namespace {

Article makeArticle(const QStringList &paragraphs, const QString &path = u"/news/budget.txt"_s)
{
    Article article;
    article.sourcePath = path;
    article.title = u"Budget day"_s;
    for (const QString &text : paragraphs)
        article.paragraphs.append({ ParagraphKind::Paragraph, text });
    article.updateContentHash();
    return article;
}

const QStringList s_text = {
    u"The minister said the budget would pass."_s,
    u"\"It will not pass,\" the opposition leader said. Critics agreed."_s,
};

} // namespace

class TestEdits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void undoAfterReimportIsRefusedNotMisapplied();
    void undoingADeletionAfterReimportPlacesItWhereItsWordsAre();
    void refusedStepLeavesTheStackWhereItWas();
    void idsOfDeletedHighlightsAndTagsAreNeverHandedOutAgain();
    void anotherWindowsEditCutsOffOlderSteps();
    void ownStepsUndoInOrderAcrossSharedRows();
    void editDuringImportIsWrittenBetweenArticles();
    void failedBatchReportsWhatWasLost();
    void cancelledAnnotationImportLeavesTheLibraryAsItWas();
    void annotationImportLeftByACrashIsTakenBack();
    void takingBackAnImportKeepsWhatTheUserChangedMeanwhile();
    void oneHighlightHoldingTwoSpansIsTaggedInOneStep();
    void redoingATagDeletionRefusesWhenAChildChangedElsewhere();
    void undoingAColourNameLeavesTheDefault();
    void quotationStepsOutliveTheirService();
    void speakerIndexNeverStoresResultsOfAnOlderText();
    void exportPreviewReadsOnlyWhatItShows();
    void errorsCarryAKind();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
    std::unique_ptr<AnnotationService> m_service;
    qint64 m_articleId = 0;
    QString m_body;

    QString path() const { return m_dir->filePath(u"library.sqlite"_s); }
    LibraryStore &store() { return m_library->store(); }
    qint64 highlight(const QString &text)
    {
        const int start = int(m_body.indexOf(text));
        Result<qint64> id
            = m_service->createHighlight(m_articleId, m_body, start, start + int(text.size()));
        return id ? *id : 0;
    }
    void reimport(const QStringList &paragraphs)
    {
        const Result<void> done = m_library->writer().write([&](LibraryStore &writing) {
            Result<LibraryStore::Upserted> upserted
                = writing.upsertInTransaction(makeArticle(paragraphs));
            return upserted ? Result<void>() : Result<void>(upserted.failure());
        });
        QVERIFY2(done.ok(), qPrintable(done.error()));
    }
    /// A W3C annotation file with one highlight of `exact` in the article, tagged.
    QString annotationFile(const QString &exact, const QString &tag)
    {
        const QString hash = *store().contentHash(m_articleId);
        QJsonObject selector;
        selector.insert(u"type"_s, u"TextQuoteSelector"_s);
        selector.insert(u"exact"_s, exact);
        QJsonObject target;
        target.insert(u"source"_s, QString(u"urn:sha256:"_s + hash));
        target.insert(u"selector"_s, selector);
        QJsonObject body;
        body.insert(u"type"_s, u"TextualBody"_s);
        body.insert(u"value"_s, tag);
        body.insert(u"purpose"_s, u"tagging"_s);
        QJsonObject annotation;
        annotation.insert(u"@context"_s, u"http://www.w3.org/ns/anno.jsonld"_s);
        annotation.insert(u"type"_s, u"Annotation"_s);
        annotation.insert(u"id"_s, u"urn:example:1"_s);
        annotation.insert(u"body"_s, QJsonArray { body });
        annotation.insert(u"target"_s, target);
        return TestSupport::writeFile(QDir(m_dir->path()), u"annotations.json"_s,
            QJsonDocument(annotation).toJson());
    }
};

void TestEdits::init()
{
    m_service.reset();
    m_library.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    m_library = TestSupport::openLibrary(path());
    const Article article = makeArticle(s_text);
    Result<LibraryStore::Upserted> stored = store().upsertArticle(article);
    QVERIFY(stored.ok());
    m_articleId = stored->id;
    m_body = article.body();
    m_service = std::make_unique<AnnotationService>(m_library.get());
}

void TestEdits::undoAfterReimportIsRefusedNotMisapplied()
{
    // The review's sequence: highlight, recolour, re-import with the text moved, Undo.
    const qint64 id = highlight(u"the budget would pass"_s);
    const int before = m_service->store().highlight(id)->anchor.start;
    QCOMPARE(before, int(m_body.indexOf(u"the budget"_s)));
    QVERIFY(m_service->setColor(id, u"blue"_s).ok());
    QStringList moved = s_text;
    moved.prepend(u"Updated at noon with reactions from the chamber."_s);
    reimport(moved);
    const Highlight placed = *m_service->store().highlight(id);
    QCOMPARE(placed.status, AnchorStatus::Moved);
    QVERIFY(placed.anchor.start > before);

    const Result<void> undone = m_service->history().undo();
    QVERIFY(!undone.ok());
    QCOMPARE(undone.kind(), ErrorKind::Conflict);
    QVERIFY2(undone.error().contains(u"Nothing was changed"_s), qPrintable(undone.error()));
    const Highlight after = *m_service->store().highlight(id);
    QCOMPARE(after.anchor, placed.anchor); // never put back at the old offsets
    QCOMPARE(after.status, AnchorStatus::Moved);
    QCOMPARE(after.color, u"blue"_s);
}

void TestEdits::undoingADeletionAfterReimportPlacesItWhereItsWordsAre()
{
    const qint64 id = highlight(u"Critics agreed."_s);
    QVERIFY(m_service->addTag(id, u"Reaction"_s).ok());
    QVERIFY(m_service->deleteHighlight(id).ok());
    QStringList moved = s_text;
    moved.prepend(u"A paragraph that pushes everything down."_s);
    reimport(moved);
    QVERIFY(m_service->history().undo().ok());
    const Result<Highlight> back = m_service->store().highlight(id);
    QVERIFY(back.ok());
    const QString body = *store().body(m_articleId);
    QCOMPARE(body.mid(back->anchor.start, back->anchor.length()), u"Critics agreed."_s);
    QCOMPARE(back->status, AnchorStatus::Moved);
    QCOMPARE(back->tagIds.size(), 1);
}

void TestEdits::refusedStepLeavesTheStackWhereItWas()
{
    const qint64 id = highlight(u"Critics agreed."_s);
    QVERIFY(m_service->setNote(id, u"mine"_s).ok());
    // Someone else (another connection, as another window would be) changes the note.
    {
        auto other = TestSupport::openLibrary(path());
        AnnotationService elsewhere(other.get());
        QVERIFY(elsewhere.setNote(id, u"theirs"_s).ok());
    }
    const QUndoStack *stack = m_service->undoStack();
    const int index = stack->index();
    QSignalSpy refused(&m_service->history(), &LibraryHistory::refused);
    const Result<void> undone = m_service->history().undo();
    QVERIFY(!undone.ok());
    QCOMPARE(refused.size(), 1);
    QCOMPARE(stack->index(), index); // the stack did not move
    QCOMPARE(m_service->store().highlight(id)->note, u"theirs"_s);
    // Redo has nothing to act on: the refused step is still the next Undo.
    QVERIFY(!stack->canRedo());
    QVERIFY(!m_service->history().undo().ok());
    QCOMPARE(stack->index(), index);
}

void TestEdits::idsOfDeletedHighlightsAndTagsAreNeverHandedOutAgain()
{
    // The review's sequence: delete the highlight with the highest id, import annotations
    // (which used to be handed that id), then Undo and Redo.
    const qint64 first = highlight(u"The minister said"_s);
    const qint64 last = highlight(u"Critics agreed."_s);
    const qint64 lastTag = *m_service->addTag(last, u"Reaction"_s);
    QVERIFY(first < last);
    QVERIFY(m_service->deleteTag(lastTag).ok());
    QVERIFY(m_service->deleteHighlight(last).ok());

    const Result<AnnotationImportReport> imported
        = AnnotationImporter(store(), m_library->writer())
              .importFile(annotationFile(u"the opposition leader said"_s, u"Imported"_s));
    QVERIFY2(imported.ok(), qPrintable(imported.error()));
    QCOMPARE(imported->added, 1);
    const QList<Highlight> now = *m_service->store().highlightsOf(m_articleId);
    QCOMPARE(now.size(), 2);
    qint64 importedId = 0;
    for (const Highlight &h : now) {
        if (h.id != first)
            importedId = h.id;
    }
    QVERIFY(importedId > last); // a new id, never the freed one
    const qint64 importedTag = *m_service->store().tagIdByPath(u"Imported"_s);
    QVERIFY(importedTag > lastTag);

    QVERIFY(m_service->history().undo().ok()); // the deletion: back with its id
    QVERIFY(m_service->store().highlight(last).ok());
    QVERIFY(m_service->history().undo().ok()); // the tag deletion: back with its id
    QCOMPARE(m_service->store().tag(lastTag)->path, u"Reaction"_s);
    QVERIFY(m_service->history().redo().ok());
    QVERIFY(m_service->history().redo().ok());
    // Redo deleted what the user deleted, and nothing else.
    QVERIFY(!m_service->store().highlight(last).ok());
    QVERIFY(m_service->store().highlight(importedId).ok());
    QVERIFY(m_service->store().highlight(first).ok());
    QCOMPARE(m_service->store().tag(importedTag)->path, u"Imported"_s);
}

void TestEdits::anotherWindowsEditCutsOffOlderSteps()
{
    // Mine, then theirs, then mine again on the same highlight: undoing my newest step is
    // fine, but my older one would overwrite their change, so it is refused.
    const qint64 id = highlight(u"Critics agreed."_s);
    QVERIFY(m_service->setColor(id, u"green"_s).ok());
    {
        auto other = TestSupport::openLibrary(path());
        AnnotationService elsewhere(other.get());
        QVERIFY(elsewhere.setNote(id, u"theirs"_s).ok());
    }
    QVERIFY(m_service->setColor(id, u"pink"_s).ok());
    QVERIFY(m_service->history().undo().ok());
    QCOMPARE(m_service->store().highlight(id)->color, u"green"_s);
    const Result<void> older = m_service->history().undo();
    QVERIFY(!older.ok());
    QCOMPARE(older.kind(), ErrorKind::Conflict);
    QCOMPARE(m_service->store().highlight(id)->color, u"green"_s);
    QCOMPARE(m_service->store().highlight(id)->note, u"theirs"_s);
}

void TestEdits::ownStepsUndoInOrderAcrossSharedRows()
{
    // Steps of one history that touch the same rows (a tag made, used, deleted, merged) all
    // undo and redo in order.
    const qint64 a = highlight(u"The minister said"_s);
    const qint64 b = highlight(u"Critics agreed."_s);
    const qint64 topic = *m_service->addTag(a, u"Topic"_s);
    QVERIFY(m_service->addTag(b, u"Topic"_s).ok());
    const qint64 other = *m_service->addTag(b, u"Other"_s);
    QVERIFY(m_service->mergeTags(other, topic).ok());
    QVERIFY(m_service->renameTag(topic, u"Subject"_s).ok());
    QVERIFY(m_service->setColor(a, u"blue"_s).ok());
    QVERIFY(m_service->deleteTag(topic).ok());
    QVERIFY(m_service->deleteHighlight(b).ok());
    const int steps = m_service->undoStack()->count();
    for (int i = 0; i < steps; ++i)
        QVERIFY2(m_service->history().undo().ok(), qPrintable(QString::number(i)));
    QCOMPARE(m_service->store().highlightCount().valueOr(-1), 0);
    QCOMPARE(m_service->store().tagCount().valueOr(-1), 0);
    for (int i = 0; i < steps; ++i)
        QVERIFY2(m_service->history().redo().ok(), qPrintable(QString::number(i)));
    QCOMPARE(m_service->store().highlightCount().valueOr(-1), 1);
    QCOMPARE(m_service->store().highlight(a)->color, u"blue"_s);
    QCOMPARE(m_service->store().highlight(a)->tagIds.size(), 0);
}

void TestEdits::editDuringImportIsWrittenBetweenArticles()
{
    // An import on a worker holds a batch open; an edit in the window is written between two
    // of its articles (the batch is committed first), so it is stored, and visible to every
    // connection, while the import is still going.
    QTemporaryDir corpus;
    for (int i = 0; i < 1500; ++i) {
        TestSupport::writeFile(QDir(corpus.path()), u"a%1.txt"_s.arg(i, 4, 10, QChar(u'0')),
            u"Article %1\n\nSome words of article number %1 for the index.\n"_s.arg(i).toUtf8());
    }
    std::atomic_bool finished { false };
    ImportSummary summary;
    std::shared_ptr<LibraryWriter> writer = m_library->sharedWriter();
    std::unique_ptr<QThread> worker(QThread::create([&] {
        summary = Importer(*writer).run({ corpus.path() });
        finished = true;
    }));
    worker->start();
    int editsWhileImporting = 0;
    QList<qint64> made;
    while (!finished && made.size() < 200) {
        const qint64 id = highlight(u"Critics agreed."_s);
        QVERIFY(id != 0);
        made.append(id);
        if (!finished) {
            ++editsWhileImporting;
            // Another connection sees it at once: it is committed, not waiting for the import.
            auto reader = LibraryStore::open(path(), LibraryStore::OpenMode::MustExist);
            QVERIFY(reader.ok());
            QVERIFY(AnnotationStore(**reader).highlight(id).ok());
        }
        QVERIFY(m_service->deleteHighlight(id).ok());
    }
    worker->wait();
    QVERIFY(editsWhileImporting > 0);
    QCOMPARE(summary.imported, 1500);
    QVERIFY(summary.fatalError.isEmpty());
    QCOMPARE(*store().articleCount(), 1501);
}

void TestEdits::failedBatchReportsWhatWasLost()
{
    // A job that fails rolls the batch back whole: what was committed stays, what was not is
    // gone, and saved() says which.
    auto batch = m_library->writer().batch();
    auto insert = [](const QString &path) {
        return LibraryWriter::Job([path](LibraryStore &writing) -> Result<QVariant> {
            Result<LibraryStore::Upserted> done
                = writing.upsertInTransaction(makeArticle({ path + u" text"_s }, path));
            return done ? Result<QVariant>(QVariant(done->id)) : done.failure();
        });
    };
    QVERIFY(batch->write(insert(u"/one"_s)).ok());
    QVERIFY(batch->commit().ok());
    QVERIFY(batch->write(insert(u"/two"_s)).ok());
    QCOMPARE(batch->written(), 2);
    QCOMPARE(batch->saved(), 1);
    const Result<QVariant> broken = batch->write([](LibraryStore &) -> Result<QVariant> {
        return ResultError(u"disk full"_s, ErrorKind::Io);
    });
    QVERIFY(!broken.ok());
    QCOMPARE(batch->written(), 1);
    QVERIFY(batch->commit().ok());
    QCOMPARE(store().articlesWithSource(u"/one"_s)->size(), 1);
    QVERIFY(store().articlesWithSource(u"/two"_s)->isEmpty());
}

void TestEdits::cancelledAnnotationImportLeavesTheLibraryAsItWas()
{
    // Many annotations, written a few hundred a job; a cancel after the first jobs takes back
    // every one of them, and the tags made for them.
    QJsonArray annotations;
    const QString hash = *store().contentHash(m_articleId);
    for (int i = 0; i < 1200; ++i) {
        QJsonObject selector;
        selector.insert(u"type"_s, u"TextPositionSelector"_s);
        selector.insert(u"start"_s, i % 30);
        selector.insert(u"end"_s, i % 30 + 5 + i % 3);
        QJsonObject target;
        target.insert(u"source"_s, QString(u"urn:sha256:"_s + hash));
        target.insert(u"selector"_s, QJsonArray { selector });
        QJsonObject body;
        body.insert(u"type"_s, u"TextualBody"_s);
        body.insert(u"value"_s, u"Code %1"_s.arg(i % 7));
        body.insert(u"purpose"_s, u"tagging"_s);
        QJsonObject annotation;
        annotation.insert(u"type"_s, u"Annotation"_s);
        annotation.insert(u"id"_s, u"urn:example:%1"_s.arg(i));
        annotation.insert(u"body"_s, QJsonArray { body });
        annotation.insert(u"target"_s, target);
        annotations.append(annotation);
    }
    const QString file = TestSupport::writeFile(
        QDir(m_dir->path()), u"many.json"_s, QJsonDocument(annotations).toJson());
    std::atomic_bool cancel { false };
    int reported = 0;
    const Result<AnnotationImportReport> stopped
        = AnnotationImporter(store(), m_library->writer())
              .importFile(file, &cancel, [&](int done, int) {
                  reported = done;
                  if (done >= 500)
                      cancel = true;
              });
    QVERIFY(!stopped.ok());
    QCOMPARE(stopped.kind(), ErrorKind::Cancelled);
    QVERIFY(reported >= 500); // some were written before the cancel
    QCOMPARE(m_service->store().highlightCount().valueOr(-1), 0);
    QCOMPARE(m_service->store().tagCount().valueOr(-1), 0);
    QCOMPARE(Sql::scalar(store().connectionName(), u"SELECT count(*) FROM import_journal"_s)
                 ->toInt(),
        0);
    // Uncancelled, the same file imports whole.
    const Result<AnnotationImportReport> whole
        = AnnotationImporter(store(), m_library->writer()).importFile(file);
    QVERIFY2(whole.ok(), qPrintable(whole.error()));
    QVERIFY(whole->added > 0);
    QCOMPARE(m_service->store().tagCount().valueOr(-1), 7);
}

void TestEdits::annotationImportLeftByACrashIsTakenBack()
{
    // What a killed import leaves: its rows and a journal whose heartbeat stopped long ago.
    QVERIFY(m_library->writer()
                .write([this](LibraryStore &writing) -> Result<void> {
                    AnnotationStore annotations(writing);
                    Highlight h;
                    h.articleId = m_articleId;
                    h.anchor = Anchoring::anchorFor(m_body, 0, 3);
                    h.color = Palette::defaultKey();
                    Result<qint64> id = annotations.insertHighlight(h);
                    if (!id)
                        return id.failure();
                    for (const auto &[seq, kind, row] :
                        { std::tuple<int, QString, qint64>(0, u"run"_s, 0),
                            { 1, u"highlight"_s, *id } }) {
                        Result<QSqlQuery> noted = Sql::query(writing.connectionName(),
                            u"INSERT INTO import_journal (run, seq, kind, row_id, before) "
                            "VALUES ('dead', ?, ?, ?, ?)"_s,
                            { seq, kind, row, seq == 0 ? u"2020-01-01T00:00:00Z"_s : u"1"_s });
                        if (!noted)
                            return noted.failure();
                    }
                    return {};
                })
                .ok());
    QCOMPARE(m_service->store().highlightCount().valueOr(-1), 1);
    m_service.reset();
    m_library.reset();
    // Opening the library takes it back.
    m_library = TestSupport::openLibrary(path());
    QCOMPARE(AnnotationStore(store()).highlightCount().valueOr(-1), 0);
    QCOMPARE(Sql::scalar(store().connectionName(), u"SELECT count(*) FROM import_journal"_s)
                 ->toInt(),
        0);
}

void TestEdits::takingBackAnImportKeepsWhatTheUserChangedMeanwhile()
{
    // While an import runs, the user notes one of its highlights and uses one of its tags;
    // a cancel then takes back the import's work, not the user's.
    QJsonArray annotations;
    const QString hash = *store().contentHash(m_articleId);
    for (int i = 0; i < 600; ++i) {
        QJsonObject selector;
        selector.insert(u"type"_s, u"TextPositionSelector"_s);
        selector.insert(u"start"_s, i % 40);
        selector.insert(u"end"_s, i % 40 + 4);
        QJsonObject target;
        target.insert(u"source"_s, QString(u"urn:sha256:"_s + hash));
        target.insert(u"selector"_s, QJsonArray { selector });
        QJsonObject body;
        body.insert(u"type"_s, u"TextualBody"_s);
        body.insert(u"value"_s, u"Imported/Code %1"_s.arg(i % 3));
        body.insert(u"purpose"_s, u"tagging"_s);
        QJsonObject annotation;
        annotation.insert(u"type"_s, u"Annotation"_s);
        annotation.insert(u"body"_s, QJsonArray { body });
        annotation.insert(u"target"_s, target);
        annotations.append(annotation);
    }
    const QString file = TestSupport::writeFile(
        QDir(m_dir->path()), u"edited.json"_s, QJsonDocument(annotations).toJson());
    const qint64 mine = highlight(u"Critics agreed."_s);
    std::atomic_bool cancel { false };
    qint64 noted = 0;
    const Result<AnnotationImportReport> stopped
        = AnnotationImporter(store(), m_library->writer())
              .importFile(file, &cancel, [&](int done, int) {
                  if (done < 200 || noted != 0)
                      return;
                  // Between two of its jobs: an edit commits what the import wrote so far.
                  QVERIFY(m_service->setColor(mine, u"blue"_s).ok());
                  const QList<Highlight> present = *m_service->store().highlightsOf(m_articleId);
                  for (const Highlight &h : present) {
                      if (h.id != mine && noted == 0) {
                          noted = h.id;
                          QVERIFY(m_service->setNote(h.id, u"mine now"_s).ok());
                      }
                  }
                  const qint64 code = *m_service->store().tagIdByPath(u"Imported/Code 1"_s);
                  QVERIFY(code != 0);
                  QVERIFY(m_service->addTag(mine, u"Imported/Code 1"_s).ok());
                  cancel = true;
              });
    QVERIFY(!stopped.ok());
    QVERIFY(noted != 0);
    const QList<Highlight> left = *m_service->store().highlightsOf(m_articleId);
    QCOMPARE(left.size(), 2); // the user's own, and the imported one the user changed
    QCOMPARE(m_service->store().highlight(noted)->note, u"mine now"_s);
    QCOMPARE(m_service->store().tag(m_service->store().highlight(mine)->tagIds.front())->path,
        u"Imported/Code 1"_s);
}

void TestEdits::oneHighlightHoldingTwoSpansIsTaggedInOneStep()
{
    const qint64 whole = highlight(u"\"It will not pass,\" the opposition leader said. Critics agreed."_s);
    const int first = int(m_body.indexOf(u"It will"_s));
    const int second = int(m_body.indexOf(u"Critics"_s));
    const Result<void> done = m_service->highlightSpans(m_articleId, m_body,
        { { first, first + 7, whole, { u"Speaker/Leader"_s } },
            { second, second + 7, whole, { u"Speaker/Critics"_s } } },
        u"Highlight Quotations"_s);
    QVERIFY2(done.ok(), qPrintable(done.error()));
    QCOMPARE(m_service->store().highlight(whole)->tagIds.size(), 2);
    QVERIFY(m_service->history().undo().ok());
    QCOMPARE(m_service->store().highlight(whole)->tagIds.size(), 0);
}

void TestEdits::redoingATagDeletionRefusesWhenAChildChangedElsewhere()
{
    const qint64 parent = *m_service->createTag(u"Topic/Budget"_s);
    Q_UNUSED(parent);
    const qint64 topic = *m_service->store().tagIdByPath(u"Topic"_s);
    const qint64 child = *m_service->store().tagIdByPath(u"Topic/Budget"_s);
    QVERIFY(m_service->deleteTag(topic).ok());
    QVERIFY(m_service->history().undo().ok());
    {
        auto other = TestSupport::openLibrary(path());
        AnnotationService elsewhere(other.get());
        QVERIFY(elsewhere.renameTag(child, u"Taxes"_s).ok());
    }
    const Result<void> redone = m_service->history().redo();
    QVERIFY(!redone.ok());
    QCOMPARE(redone.kind(), ErrorKind::Conflict);
    QCOMPARE(m_service->store().tag(child)->path, u"Topic/Taxes"_s);
}

void TestEdits::undoingAColourNameLeavesTheDefault()
{
    QVERIFY(m_service->setColorName(u"green"_s, u"evidence"_s).ok());
    QCOMPARE(m_service->store().colorNames()->value(u"green"_s), u"evidence"_s);
    QVERIFY(m_service->history().undo().ok());
    QVERIFY(!m_service->store().storedColorName(u"green"_s)->has_value());
    QCOMPARE(m_service->store().colorNames()->value(u"green"_s), u"Green"_s);
}

void TestEdits::quotationStepsOutliveTheirService()
{
    // Steps hold data only: the service that made them can go (another library opened in the
    // window) while they stay on the history.
    const QStringList quoted = { u"\"We will win this vote,\" Ann Lee said."_s };
    const qint64 article
        = store().upsertArticle(makeArticle(quoted, u"/news/vote.txt"_s))->id;
    {
        QuotationService quotes(m_library.get());
        QVERIFY(quotes.correctSpeaker(article, { u"We will win this vote,"_s }, u"Bo Chen"_s).ok());
    }
    QuotationService later(m_library.get());
    QCOMPARE(later.analysis(article, *store().body(article))->quotations.front().speaker,
        u"Bo Chen"_s);
    QVERIFY(m_library->history().undo().ok());
    QCOMPARE(later.analysis(article, *store().body(article))->quotations.front().speaker,
        u"Ann Lee"_s);
    QVERIFY(m_library->history().redo().ok());
    QCOMPARE(later.analysis(article, *store().body(article))->quotations.front().speaker,
        u"Bo Chen"_s);
}

void TestEdits::speakerIndexNeverStoresResultsOfAnOlderText()
{
    // The indexer read an article, then it was imported again with another text before the
    // results were written: they are not stored as current, and the article waits its turn.
    const QStringList quoted = { u"\"We will win this vote,\" Ann Lee said."_s };
    const Article first = makeArticle(quoted, u"/news/vote.txt"_s);
    const qint64 article = store().upsertArticle(first)->id;
    QVERIFY(SpeakerIndexer::run(store(), m_library->writer()).error.isEmpty());
    Article second = makeArticle({ u"\"We will lose,\" Bo Chen said."_s }, u"/news/vote.txt"_s);
    QCOMPARE(store().upsertArticle(second)->outcome, LibraryStore::UpsertOutcome::Updated);
    const QuoteAnalysis stale = QuoteDetector::analyse(first.body());
    const Result<void> written = m_library->writer().write([&](LibraryStore &writing) {
        QuoteStore quotes(writing);
        Result<bool> indexed
            = QuotationService::indexArticle(quotes, article, stale, first.contentHash);
        if (!indexed)
            return Result<void>(indexed.failure());
        return *indexed ? Result<void>(ResultError(u"stored a stale result"_s))
                        : Result<void>();
    });
    QVERIFY2(written.ok(), qPrintable(written.error()));
    QuoteStore quotes(store());
    QVERIFY(quotes.articlesToIndex(10)->contains(article));
    QVERIFY(SpeakerIndexer::run(store(), m_library->writer()).error.isEmpty());
    QCOMPARE(*quotes.articlesQuoting(u"Bo Chen"_s), QList<qint64> { article });
    QVERIFY(quotes.articlesQuoting(u"Ann Lee"_s)->isEmpty());
}

void TestEdits::exportPreviewReadsOnlyWhatItShows()
{
    for (int i = 0; i < 20; ++i) {
        const Article other = makeArticle({ u"Other words %1 here."_s.arg(i) }, u"/o%1"_s.arg(i));
        const qint64 id = store().upsertArticle(other)->id;
        AnnotationService service(m_library.get());
        QVERIFY(service.createHighlight(id, other.body(), 0, 5).ok());
    }
    const Result<ExportSet> sample = ExportSet::collect(store(), {}, 3);
    QVERIFY(sample.ok());
    QCOMPARE(sample->articles.size(), 3);
    const Result<ExportSet::Counts> counts = ExportSet::count(store(), {});
    QCOMPARE(counts->highlights, 20);
    QCOMPARE(counts->articles, 20);
    QCOMPARE(ExportSet::collect(store(), {})->articles.size(), 20);
}

void TestEdits::errorsCarryAKind()
{
    QCOMPARE(m_service->createHighlight(m_articleId, m_body, 3, 3).kind(), ErrorKind::InvalidInput);
    QCOMPARE(m_service->setNote(987654, u"x"_s).kind(), ErrorKind::NotFound);
    const qint64 a = *m_service->createTag(u"One"_s);
    QVERIFY(m_service->createTag(u"Two"_s).ok());
    const Result<void> clash = m_service->renameTag(a, u"two"_s);
    QCOMPARE(clash.kind(), ErrorKind::Conflict);
    QVERIFY2(clash.error().contains(u"already"_s), qPrintable(clash.error()));
    // A text that changed since the reader showed it is a conflict, not a wrong highlight.
    QStringList moved = s_text;
    moved.prepend(u"News just in."_s);
    reimport(moved);
    QCOMPARE(m_service->createHighlight(m_articleId, m_body, 0, 5).kind(), ErrorKind::Conflict);
}

QTEST_GUILESS_MAIN(TestEdits)
#include "tst_edits.moc"
