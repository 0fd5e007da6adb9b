#include "annotation/annotationhooks.h"
#include "annotation/annotationservice.h"
#include "library/library.h"
#include "library/librarystore.h"
#include "library/sqlhelpers.h"
#include "testsupport.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace {

Article makeArticle(const QString &path, const QStringList &paragraphs)
{
    Article article;
    article.sourcePath = path;
    article.title = u"Budget day"_s;
    for (const QString &text : paragraphs)
        article.paragraphs.append({ ParagraphKind::Paragraph, text });
    article.updateContentHash();
    return article;
}

const QStringList s_paragraphs = {
    u"The minister said the budget would pass."_s,
    u"\"It will not pass,\" the opposition leader said. Critics agreed."_s,
};

} // namespace

class TestAnnotations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void createTagAndNote();
    void badSelectionsAreRefused_data();
    void badSelectionsAreRefused();
    void badTagNamesAreRefused_data();
    void badTagNamesAreRefused();
    void undoRedoSequence();
    void deleteTagAsksNothingHereButUndoes();
    void renameMoveAndMergeTags();
    void overlappingAndNestedHighlights();
    void reimportReanchorsAndOrphans();
    void reattachOrphan();
    void persistsAcrossReopen();
    void searchFindsHighlightTextAndNotes();
    void tagFilterOnArticleList();
    void migratesFoundationLibraryWithData();
    void killDuringBurstKeepsCommittedHighlights();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_open;
    LibraryStore *m_library = nullptr;
    std::unique_ptr<AnnotationService> m_service;
    void undo() { QVERIFY(m_service->history().undo().ok()); }
    void redo() { QVERIFY(m_service->history().redo().ok()); }
    qint64 m_articleId = 0;
    QString m_body;
    QString path() const { return m_dir->filePath(u"library.sqlite"_s); }
    int offsetOf(const QString &text) const { return int(m_body.indexOf(text)); }
    qint64 highlight(const QString &text)
    {
        const int start = offsetOf(text);
        Result<qint64> id
            = m_service->createHighlight(m_articleId, m_body, start, start + int(text.size()));
        return id ? *id : 0;
    }
};

void TestAnnotations::init()
{
    m_service.reset();
    m_open.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    m_open = TestSupport::openLibrary(path());
    m_library = &m_open->store();
    const Article article = makeArticle(u"/news/budget.txt"_s, s_paragraphs);
    auto stored = m_library->upsertArticle(article);
    QVERIFY(stored.ok());
    m_articleId = stored->id;
    m_body = article.body();
    m_service = std::make_unique<AnnotationService>(m_open.get());
}

void TestAnnotations::createTagAndNote()
{
    QSignalSpy changed(m_service.get(), &AnnotationService::highlightChanged);
    QSignalSpy tagsChanged(m_service.get(), &AnnotationService::tagsChanged);
    const qint64 id = highlight(u"It will not pass,"_s);
    QVERIFY(id > 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.front().front().toLongLong(), m_articleId);
    QCOMPARE(changed.front().back().toLongLong(), id);
    QVERIFY(m_service->addTag(id, u"Speaker/Opposition leader"_s).ok());
    QCOMPARE(tagsChanged.size(), 1);
    QVERIFY(m_service->setNote(id, u"Check against the *Hansard* record."_s).ok());
    QVERIFY(m_service->setColor(id, u"blue"_s).ok());

    const Result<Highlight> stored = m_service->store().highlight(id);
    QVERIFY(stored.ok());
    QCOMPARE(stored->anchor.exact, u"It will not pass,"_s);
    QCOMPARE(stored->color, u"blue"_s);
    QCOMPARE(stored->note, u"Check against the *Hansard* record."_s);
    QCOMPARE(stored->tagIds.size(), 1);
    const Result<QList<Tag>> tags = m_service->store().tags();
    QCOMPARE(tags->size(), 2);
    QCOMPARE(tags->at(0).path, u"Speaker"_s);
    QCOMPARE(tags->at(1).path, u"Speaker/Opposition leader"_s);
    QCOMPARE(tags->at(1).highlightCount, 1);
    // The same path in another case is the same tag.
    QCOMPARE(*m_service->addTag(id, u"speaker/OPPOSITION LEADER"_s), tags->at(1).id);
    QCOMPARE(m_service->store().tags()->size(), 2);
    const Result<LibraryStats> stats = m_library->stats();
    QCOMPARE(stats->count(u"highlights"_s), 1);
    QCOMPARE(stats->count(u"tags"_s), 2);
}

void TestAnnotations::badSelectionsAreRefused_data()
{
    QTest::addColumn<int>("start");
    QTest::addColumn<int>("end");
    QTest::addColumn<QString>("reason");
    QTest::addRow("empty") << 5 << 5 << u"Select some"_s;
    QTest::addRow("outside-body") << 5000 << 5010 << u"Select some"_s;
    QTest::addRow("spaces-only") << 3 << 4 << u"only spaces"_s;
    QTest::addRow("newline-only") << int(s_paragraphs.front().size())
                                  << int(s_paragraphs.front().size()) + 1 << u"only spaces"_s;
}

void TestAnnotations::badSelectionsAreRefused()
{
    QFETCH(int, start);
    QFETCH(int, end);
    QFETCH(QString, reason);
    const Result<qint64> id = m_service->createHighlight(m_articleId, m_body, start, end);
    QVERIFY(!id.ok());
    QVERIFY2(id.error().contains(reason), qPrintable(id.error()));
    QCOMPARE(m_service->store().highlightCount().valueOr(-1), 0);
    QCOMPARE(m_service->undoStack()->count(), 0);
}

void TestAnnotations::badTagNamesAreRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("reason");
    QTest::addRow("empty") << QString() << u"needs a name"_s;
    QTest::addRow("spaces") << u"   "_s << u"needs a name"_s;
    QTest::addRow("too-long") << QString(200, u'x') << u"at most"_s;
    QTest::addRow("punctuation") << u"?!..."_s << u"letter or digit"_s;
    QTest::addRow("bad-level") << u"Speaker/***"_s << u"letter or digit"_s;
}

void TestAnnotations::badTagNamesAreRefused()
{
    QFETCH(QString, name);
    QFETCH(QString, reason);
    const qint64 id = highlight(u"Critics agreed."_s);
    const int stackBefore = m_service->undoStack()->count();
    const Result<qint64> tagged = m_service->addTag(id, name);
    QVERIFY(!tagged.ok());
    QVERIFY2(tagged.error().contains(reason), qPrintable(tagged.error()));
    QCOMPARE(m_service->store().tagCount().valueOr(-1), 0);
    QCOMPARE(m_service->undoStack()->count(), stackBefore);
}

void TestAnnotations::undoRedoSequence()
{
    const QUndoStack *stack = m_service->undoStack();
    const qint64 id = highlight(u"the budget would pass"_s);
    QVERIFY(m_service->addTag(id, u"Claim"_s).ok());
    QVERIFY(m_service->setNote(id, u"first note"_s).ok());
    QVERIFY(m_service->setNote(id, u"second note"_s).ok());
    QCOMPARE(stack->count(), 4);

    undo(); // note back to "first note"
    QCOMPARE(m_service->store().highlight(id)->note, u"first note"_s);
    undo(); // no note
    undo(); // untagged, and the tag made for it is gone
    QCOMPARE(m_service->store().highlight(id)->tagIds.size(), 0);
    QCOMPARE(m_service->store().tagCount().valueOr(-1), 0);
    undo(); // no highlight
    QVERIFY(!m_service->store().highlight(id).ok());

    redo();
    redo();
    redo();
    redo();
    const Result<Highlight> back = m_service->store().highlight(id);
    QVERIFY(back.ok()); // same id as before
    QCOMPARE(back->note, u"second note"_s);
    QCOMPARE(back->tagIds.size(), 1);
    QCOMPARE(m_service->store().tag(back->tagIds.front())->path, u"Claim"_s);

    QVERIFY(m_service->deleteHighlight(id).ok());
    QVERIFY(!m_service->store().highlight(id).ok());
    undo();
    QCOMPARE(m_service->store().highlight(id)->note, u"second note"_s);
    QCOMPARE(m_service->store().highlight(id)->tagIds.size(), 1);
}

void TestAnnotations::deleteTagAsksNothingHereButUndoes()
{
    const qint64 a = highlight(u"the budget would pass"_s);
    const qint64 b = highlight(u"Critics agreed."_s);
    QVERIFY(m_service->addTag(a, u"Topic/Budget"_s).ok());
    QVERIFY(m_service->addTag(b, u"Topic/Budget/Votes"_s).ok());
    const qint64 topic = *m_service->store().tagIdByPath(u"Topic"_s);
    QVERIFY(m_service->deleteTag(topic).ok());
    QCOMPARE(m_service->store().tagCount().valueOr(-1), 0);
    QCOMPARE(m_service->store().highlight(a)->tagIds.size(), 0);
    QCOMPARE(m_service->store().highlight(b)->tagIds.size(), 0);
    undo();
    QCOMPARE(m_service->store().tagCount().valueOr(-1), 3);
    QCOMPARE(m_service->store().highlight(a)->tagIds.size(), 1);
    QCOMPARE(m_service->store().tag(m_service->store().highlight(b)->tagIds.front())->path,
        u"Topic/Budget/Votes"_s);
}

void TestAnnotations::renameMoveAndMergeTags()
{
    const qint64 a = highlight(u"the budget would pass"_s);
    const qint64 b = highlight(u"Critics agreed."_s);
    const qint64 minister = *m_service->addTag(a, u"Minister"_s);
    const qint64 speaker = *m_service->createTag(u"Speaker"_s);
    QVERIFY(m_service->renameTag(minister, u"The minister"_s).ok());
    QVERIFY(m_service->setTagColor(minister, u"#336699"_s).ok());
    QVERIFY(m_service->setTagDescription(minister, u"Government voices"_s).ok());
    QCOMPARE(m_service->store().tag(minister)->color, u"#336699"_s);
    QCOMPARE(m_service->store().tag(minister)->description, u"Government voices"_s);
    undo();
    QCOMPARE(m_service->store().tag(minister)->description, QString());
    QVERIFY(m_service->moveTag(minister, speaker).ok());
    QCOMPARE(m_service->store().tag(minister)->path, u"Speaker/The minister"_s);
    QVERIFY(!m_service->moveTag(speaker, minister).ok()); // not inside itself

    const qint64 duplicate = *m_service->addTag(b, u"Minister (dup)"_s);
    QVERIFY(m_service->addTag(a, u"Minister (dup)"_s).ok());
    QVERIFY(m_service->mergeTags(duplicate, minister).ok());
    QVERIFY(!m_service->store().tag(duplicate).ok());
    QCOMPARE(m_service->store().highlight(b)->tagIds, QList<qint64> { minister });
    QCOMPARE(m_service->store().highlight(a)->tagIds, QList<qint64> { minister });
    undo();
    QCOMPARE(m_service->store().highlight(b)->tagIds, QList<qint64> { duplicate });
    QCOMPARE(m_service->store().highlight(a)->tagIds.size(), 2);

    // A sibling with the same name, in any case, is refused.
    const qint64 other = *m_service->createTag(u"Speaker/Another"_s);
    const Result<void> clash = m_service->renameTag(other, u"THE MINISTER"_s);
    QVERIFY(!clash.ok());
    QVERIFY2(clash.error().contains(u"already"_s), qPrintable(clash.error()));
}

void TestAnnotations::overlappingAndNestedHighlights()
{
    const qint64 outer = highlight(u"the opposition leader said"_s);
    const qint64 inner = highlight(u"opposition"_s);
    const int start = offsetOf(u"leader said. Critics"_s);
    const qint64 overlap = *m_service->createHighlight(
        m_articleId, m_body, start, start + int(u"leader said. Critics"_s.size()));
    QVERIFY(outer && inner && overlap);
    const auto highlights = m_service->store().highlightsOf(m_articleId);
    QCOMPARE(highlights->size(), 3);
    QCOMPARE(highlights->at(0).id, outer); // text order
    QCOMPARE(highlights->at(1).id, inner);
    QCOMPARE(highlights->at(2).id, overlap);
}

void TestAnnotations::reimportReanchorsAndOrphans()
{
    const qint64 kept = highlight(u"Critics agreed."_s);
    const qint64 lost = highlight(u"The minister said"_s);
    QVERIFY(m_service->addTag(lost, u"Claim"_s).ok());
    QVERIFY(m_service->setNote(lost, u"keep me"_s).ok());
    QStringList changed = s_paragraphs;
    changed[0] = u"A spokesperson declined to comment."_s;
    changed.prepend(u"Updated at noon."_s);
    auto updated = m_library->upsertArticle(makeArticle(u"/news/budget.txt"_s, changed));
    QVERIFY(updated.ok());
    QCOMPARE(updated->outcome, LibraryStore::UpsertOutcome::Updated);
    QCOMPARE(updated->id, m_articleId);
    const QString newBody = makeArticle(u"/x"_s, changed).body();

    const Result<Highlight> moved = m_service->store().highlight(kept);
    QCOMPARE(moved->status, AnchorStatus::Moved);
    QCOMPARE(newBody.mid(moved->anchor.start, moved->anchor.length()), u"Critics agreed."_s);
    const Result<Highlight> orphan = m_service->store().highlight(lost);
    QVERIFY(orphan.ok()); // never deleted
    QCOMPARE(orphan->status, AnchorStatus::Orphaned);
    QCOMPARE(orphan->anchor.exact, u"The minister said"_s);
    QCOMPARE(orphan->note, u"keep me"_s);
    QCOMPARE(orphan->tagIds.size(), 1);
}

void TestAnnotations::reattachOrphan()
{
    const qint64 id = highlight(u"The minister said"_s);
    QStringList changed = s_paragraphs;
    changed[0] = u"The finance minister stated the budget would pass."_s;
    QVERIFY(m_library->upsertArticle(makeArticle(u"/news/budget.txt"_s, changed)).ok());
    QCOMPARE(m_service->store().highlight(id)->status, AnchorStatus::Orphaned);
    const QString newBody = makeArticle(u"/x"_s, changed).body();
    const int start = int(newBody.indexOf(u"The finance minister stated"_s));
    QVERIFY(m_service->setExtent(id, newBody, start, start + 27).ok());
    const Result<Highlight> attached = m_service->store().highlight(id);
    QCOMPARE(attached->status, AnchorStatus::Exact);
    QCOMPARE(attached->anchor.exact, u"The finance minister stated"_s);
    undo();
    QCOMPARE(m_service->store().highlight(id)->status, AnchorStatus::Orphaned);
}

void TestAnnotations::persistsAcrossReopen()
{
    const qint64 id = highlight(u"Critics agreed."_s);
    QVERIFY(m_service->addTag(id, u"Reaction"_s).ok());
    QVERIFY(m_service->setColorName(u"yellow"_s, u"key point"_s).ok());
    m_service.reset();
    m_open.reset();
    auto reopened = LibraryStore::open(path());
    QVERIFY(reopened.ok());
    AnnotationStore store(**reopened);
    QCOMPARE(store.highlight(id)->anchor.exact, u"Critics agreed."_s);
    QCOMPARE(store.tags()->front().path, u"Reaction"_s);
    QCOMPARE(store.colorNames()->value(u"yellow"_s), u"key point"_s);
}

void TestAnnotations::searchFindsHighlightTextAndNotes()
{
    Article other = makeArticle(u"/news/other.txt"_s, { u"Nothing to see here."_s });
    other.title = u"Other"_s;
    other.updateContentHash();
    QVERIFY(m_library->upsertArticle(other).ok());
    const qint64 id = highlight(u"Critics agreed."_s);
    QVERIFY(m_service->setNote(id, u"compare with the treasury forecast"_s).ok());
    ArticleQuery query;
    query.text = u"treasury "_s;
    query.sort = ArticleSort::Relevance;
    QCOMPARE(*m_library->articleIds(query), QList<qint64> { m_articleId });
    query.sort = ArticleSort::Title;
    QCOMPARE(*m_library->articleIds(query), QList<qint64> { m_articleId });
}

void TestAnnotations::tagFilterOnArticleList()
{
    Article other = makeArticle(u"/news/other.txt"_s, { u"Nothing to see here."_s });
    other.title = u"Other"_s;
    other.updateContentHash();
    const qint64 otherId = m_library->upsertArticle(other)->id;
    const qint64 id = highlight(u"Critics agreed."_s);
    const qint64 tag = *m_service->addTag(id, u"Reaction"_s);
    ArticleQuery query;
    query.filters = { AnnotationHooks::tagFilter({ tag }) };
    QCOMPARE(*m_library->articleIds(query), QList<qint64> { m_articleId });
    query.filters.clear();
    QCOMPARE(m_library->articleIds(query)->size(), 2);
    QVERIFY(m_library->articleIds(query)->contains(otherId));
}

void TestAnnotations::migratesFoundationLibraryWithData()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"v1.sqlite"_s);
    QVERIFY(TestSupport::makeOldLibrary(file, 1, u"Two words"_s));
    auto store = Library::open(file);
    QVERIFY2(store.ok(), qPrintable(store.error()));
    QVERIFY(QFileInfo::exists(file + u".v1.bak"_s));
    QCOMPARE((*store)->store().article(7)->title, u"Old one"_s);
    AnnotationService service(store->get());
    const Result<qint64> id = service.createHighlight(7, u"Two words"_s, 0, 3);
    QVERIFY2(id.ok(), qPrintable(id.error()));
    QCOMPARE((*store)->store().stats()->count(u"highlights"_s), 1);
}

void TestAnnotations::killDuringBurstKeepsCommittedHighlights()
{
    // A child process makes highlights as fast as it can and is killed mid-burst; every
    // highlight it reported as made must be in the library, which must still open cleanly.
    const QString child = QString::fromUtf8(qgetenv("GLOSS_BURST_CHILD"));
    if (!child.isEmpty()) {
        m_service.reset();
        m_open.reset();
        auto store = Library::open(child);
        QVERIFY(store.ok());
        AnnotationService service(store->get());
        const Result<Article> article = (*store)->store().article(1);
        const QString body = article->body();
        for (int i = 0;; ++i) {
            const int start = i % int(body.size() - 5);
            Result<qint64> id = service.createHighlight(1, body, start, start + 5);
            if (id) {
                printf("made %lld\n", static_cast<long long>(*id));
                fflush(stdout);
            }
        }
    }
    QProcess burst;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"GLOSS_BURST_CHILD"_s, path());
    burst.setProcessEnvironment(environment);
    burst.start(
        QCoreApplication::applicationFilePath(), { u"killDuringBurstKeepsCommittedHighlights"_s });
    QVERIFY(burst.waitForStarted());
    QByteArray output;
    QTRY_VERIFY_WITH_TIMEOUT((output += burst.readAllStandardOutput()).count("made") > 50, 30000);
    burst.kill();
    burst.waitForFinished();
    output += burst.readAllStandardOutput();
    const QList<QByteArray> lines = output.split('\n');
    m_service.reset();
    m_open.reset();
    auto store = LibraryStore::open(path());
    QVERIFY2(store.ok(), qPrintable(store.error()));
    AnnotationStore annotations(**store);
    int checked = 0;
    for (const QByteArray &line : lines) {
        if (!line.startsWith("made "))
            continue;
        QVERIFY2(annotations.highlight(line.mid(5).toLongLong()).ok(), line.constData());
        ++checked;
    }
    QVERIFY(checked > 50);
    QVERIFY(annotations.highlightCount().valueOr(0) >= checked);
    QVERIFY(Sql::scalar((*store)->connectionName(), u"PRAGMA integrity_check"_s)->toString()
        == u"ok"_s);
}

QTEST_GUILESS_MAIN(TestAnnotations)
#include "tst_annotations.moc"
