#include "annotation/annotationservice.h"
#include "library/librarystore.h"
#include "models/articlelistmodel.h"
#include "models/highlightmodel.h"
#include "models/taggedhighlightsmodel.h"
#include "models/tagtreemodel.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

class TestAnnotationModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void highlightModelFollowsEdits();
    void tagTreeHasHierarchyAndCounts();
    void taggedHighlightsAcrossLibrary();
    void articleListFiltersByTag();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_open;
    LibraryStore *m_library = nullptr;
    std::unique_ptr<AnnotationService> m_service;
    QList<qint64> m_articles;
    QList<QString> m_bodies;
};

void TestAnnotationModels::init()
{
    m_service.reset();
    m_open.reset();
    m_library = nullptr;
    m_articles.clear();
    m_bodies.clear();
    m_dir = std::make_unique<QTemporaryDir>();
    m_open = TestSupport::openLibrary(m_dir->filePath(u"l.sqlite"_s));
    m_library = &m_open->store();
    for (int i = 0; i < 3; ++i) {
        Article article;
        article.sourcePath = u"/a%1.txt"_s.arg(i);
        article.title = u"Article %1"_s.arg(i);
        article.date = QDate(2020, 1, 1 + i);
        article.paragraphs = { { ParagraphKind::Paragraph,
            u"\"We will win,\" said Ann Lee. Bo Chen disagreed in article %1."_s.arg(i) } };
        article.updateContentHash();
        m_articles.append(m_library->upsertArticle(article)->id);
        m_bodies.append(article.body());
    }
    m_service = std::make_unique<AnnotationService>(m_open.get());
}

void TestAnnotationModels::highlightModelFollowsEdits()
{
    HighlightModel model(m_service.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setArticle(m_articles.at(0));
    QCOMPARE(model.rowCount(), 0);
    const QString &body = m_bodies.at(0);
    const qint64 later = *m_service->createHighlight(m_articles.at(0), body,
        int(body.indexOf(u"Bo Chen"_s)), int(body.indexOf(u"Bo Chen"_s)) + 7);
    const qint64 earlier = *m_service->createHighlight(m_articles.at(0), body, 1, 12);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0).data(HighlightModel::HighlightIdRole).toLongLong(), earlier);
    QCOMPARE(model.index(1).data().toString(), u"Bo Chen"_s);
    QVERIFY(m_service->addTag(later, u"Speaker/Bo Chen"_s).ok());
    QCOMPARE(model.index(1).data(HighlightModel::TagPathsRole).toStringList(),
        QStringList { u"Speaker/Bo Chen"_s });
    QVERIFY(model.setData(model.index(1), u"disagrees"_s));
    QCOMPARE(model.index(1).data(HighlightModel::NoteRole).toString(), u"disagrees"_s);
    QCOMPARE(innermostHighlightAt(model.highlights(), int(body.indexOf(u"Chen"_s))), later);
    QCOMPARE(innermostHighlightAt(model.highlights(), int(body.size()) - 1), 0);
    QVERIFY(m_service->history().undo().ok());
    QCOMPARE(model.index(1).data(HighlightModel::NoteRole).toString(), QString());
    // Edits to another article's highlights leave this model alone.
    QVERIFY(m_service->createHighlight(m_articles.at(1), m_bodies.at(1), 0, 5).ok());
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(m_service->deleteHighlight(earlier).ok());
    QCOMPARE(model.rowCount(), 1);
}

void TestAnnotationModels::tagTreeHasHierarchyAndCounts()
{
    TagTreeModel model(m_service.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const qint64 h0 = *m_service->createHighlight(m_articles.at(0), m_bodies.at(0), 1, 12);
    const qint64 h1 = *m_service->createHighlight(m_articles.at(1), m_bodies.at(1), 1, 12);
    QVERIFY(m_service->addTag(h0, u"Speaker/Ann Lee"_s).ok());
    QVERIFY(m_service->addTag(h1, u"Speaker/Ann Lee"_s).ok());
    QVERIFY(m_service->addTag(h1, u"Claim"_s).ok());
    QCOMPARE(model.rowCount(), 2); // Claim, Speaker
    const QModelIndex speaker = model.index(1, 0);
    QCOMPARE(speaker.data().toString(), u"Speaker"_s);
    QCOMPARE(model.rowCount(speaker), 1);
    const QModelIndex ann = model.index(0, TagTreeModel::CountColumn, speaker);
    QCOMPARE(ann.data().toString(), u"2"_s);
    QCOMPARE(
        model.index(0, 0, speaker).data(TagTreeModel::PathRole).toString(), u"Speaker/Ann Lee"_s);
    QCOMPARE(model.parent(ann), speaker);
    QVERIFY(m_service->removeTag(h0, ann.data(TagTreeModel::TagIdRole).toLongLong()).ok());
    QCOMPARE(
        model.index(0, TagTreeModel::CountColumn, model.index(1, 0)).data().toString(), u"1"_s);
    QVERIFY(
        m_service
            ->renameTag(model.index(1, 0).data(TagTreeModel::TagIdRole).toLongLong(), u"Speakers"_s)
            .ok());
    QCOMPARE(model.paths(), (QStringList { u"Claim"_s, u"Speakers"_s, u"Speakers/Ann Lee"_s }));
}

void TestAnnotationModels::taggedHighlightsAcrossLibrary()
{
    TaggedHighlightsModel model(m_service.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    qint64 speaker = 0;
    for (int i = 0; i < 3; ++i) {
        const qint64 id = *m_service->createHighlight(m_articles.at(i), m_bodies.at(i), 1, 12);
        QVERIFY(m_service->addTag(id, i == 2 ? u"Other"_s : u"Speaker/Ann Lee"_s).ok());
    }
    speaker = *m_service->store().tagIdByPath(u"Speaker"_s);
    model.setTags({ speaker }); // with sub-tags
    QCOMPARE(model.matchCount(), 2);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, TaggedHighlightsModel::ArticleColumn).data().toString(),
        u"Article 1"_s); // newest article first
    QCOMPARE(
        model.index(0, TaggedHighlightsModel::QuoteColumn).data().toString(), u"We will win"_s);
    QCOMPARE(
        model.index(0, TaggedHighlightsModel::TagsColumn).data().toString(), u"Speaker/Ann Lee"_s);
    model.setTags({ speaker }, false);
    QCOMPARE(model.matchCount(), 0);
}

void TestAnnotationModels::articleListFiltersByTag()
{
    ArticleListModel model(m_library);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const qint64 id = *m_service->createHighlight(m_articles.at(1), m_bodies.at(1), 1, 12);
    const qint64 tag = *m_service->addTag(id, u"Claim"_s);
    model.setTagFilter({ tag });
    QCOMPARE(model.matchCount(), 1);
    QCOMPARE(model.articleIdAt(0), m_articles.at(1));
    model.setQueryText(u"disagreed "_s);
    QCOMPARE(model.matchCount(), 1);
    model.setTagFilter({});
    QCOMPARE(model.matchCount(), 3);
}

QTEST_GUILESS_MAIN(TestAnnotationModels)
#include "tst_annotationmodels.moc"
