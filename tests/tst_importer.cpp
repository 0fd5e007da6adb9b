#include "documentfixtures.h"
#include "importing/importer.h"
#include "importing/samples.h"
#include "library/librarystore.h"
#include "testsupport.h"

#include <QTemporaryDir>

using namespace Qt::StringLiterals;

class TestImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void foldersAreRecursiveAndFailuresListed();
    void documentsAndExportsInAFolder();
    void reimportIsUnchangedAndChangesUpdateInPlace();
    void missingPathIsAFailure();
    void cancelStopsAndKeepsWholeArticles();
    void progressIsReported();
    void samplesSeedALibrary();
    void bbcCorpus();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_open;
    LibraryStore *m_store = nullptr;
    QDir files() const { return QDir(m_dir->filePath(u"files"_s)); }
};

void TestImporter::init()
{
    m_open.reset();
    m_store = nullptr;
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QDir().mkpath(m_dir->filePath(u"files"_s));
    m_open = TestSupport::openLibrary(m_dir->filePath(u"library.sqlite"_s));
    m_store = &m_open->store();
}

void TestImporter::foldersAreRecursiveAndFailuresListed()
{
    TestSupport::writeFile(files(), u"a.txt"_s, "Alpha\n\nFirst article.");
    TestSupport::writeFile(files(), u"deep/er/b.md"_s, "# Beta\n\nSecond article.");
    TestSupport::writeFile(files(), u"deep/c.html"_s, "<title>Gamma</title><p>Third.</p>");
    TestSupport::writeFile(
        files(), u"deep/d.jsonl"_s, "{\"title\":\"Delta\",\"text\":\"Fourth.\"}\nbroken\n");
    TestSupport::writeFile(files(), u"empty.txt"_s, "");
    TestSupport::writeFile(files(), u"binary.txt"_s, QByteArray("\0\1\2\3", 4));
    TestSupport::writeFile(files(), u"photo.jpg"_s, "not picked up from folders");

    Importer importer(m_open->writer());
    const ImportSummary summary = importer.run({ files().path() });
    QCOMPARE(summary.imported, 4);
    QCOMPARE(summary.failed, 3);
    QCOMPARE(summary.files, 6);
    QCOMPARE(*m_store->articleCount(), 4);
    QStringList described;
    for (const ImportFailure &failure : summary.failures)
        described.append(failure.describe());
    QVERIFY2(described.filter(u"empty.txt: The file is empty."_s).size() == 1,
        qPrintable(described.join(u'\n')));
    QVERIFY(described.filter(u"binary.txt: This looks like a binary file"_s).size() == 1);
    QVERIFY(described.filter(u"d.jsonl, line 2: Not valid JSON"_s).size() == 1);
    QCOMPARE(summary.countsLine(), u"imported 4, updated 0, unchanged 0, failed 3"_s);
    QVERIFY(summary.firstArticleId > 0);
}

void TestImporter::documentsAndExportsInAFolder()
{
    // Word, RTF and a Nexis export among plain files: each read by its entry, a document of
    // the export that has no text named by its number.
    using namespace DocumentFixtures;
    TestSupport::writeFile(files(), u"memo.docx"_s,
        docx(wordXml(paragraph("Memo title") + paragraph("The memo's text."))));
    TestSupport::writeFile(files(), u"minutes.RTF"_s,
        "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}Minutes\\par The minutes' text.\\par}");
    const QByteArray document = "                    %1 of 3 DOCUMENTS\n\n"
                                "                    The Times\n\n"
                                "                    January 11, 2010 Monday\n\n"
                                "Headline %1\n\nBYLINE: Ann Lee\n\nLENGTH: 9 words\n\n"
                                "Text of document %1.\n\nLOAD-DATE: January 12, 2010\n\n";
    QByteArray nexis;
    for (int n = 1; n <= 3; ++n) {
        QByteArray one = document;
        one.replace("%1", QByteArray::number(n));
        if (n == 2)
            one.replace("Text of document 2.\n\n", "");
        nexis += one;
    }
    TestSupport::writeFile(files(), u"export.txt"_s, nexis);
    TestSupport::writeFile(files(), u"broken.docx"_s, "not a zip at all");

    const ImportSummary summary = Importer(m_open->writer()).run({ files().path() });
    QCOMPARE(summary.files, 4);
    QCOMPARE(summary.imported, 4);
    QCOMPARE(summary.failed, 2);
    QStringList described;
    for (const ImportFailure &failure : summary.failures)
        described.append(failure.describe());
    QVERIFY2(described.filter(u"export.txt, document 2: The document has no article text."_s).size() == 1,
        qPrintable(described.join(u'\n')));
    QVERIFY2(described.filter(u"broken.docx: The file is not a ZIP archive."_s).size() == 1,
        qPrintable(described.join(u'\n')));
    QStringList titles;
    ArticleQuery query;
    query.sort = ArticleSort::Title;
    query.order = Qt::AscendingOrder;
    const Result<QList<qint64>> ids = m_store->articleIds(query);
    QVERIFY(ids.ok());
    for (qint64 id : *ids)
        titles.append(m_store->article(id)->title);
    QCOMPARE(titles, (QStringList { u"Headline 1"_s, u"Headline 3"_s, u"Memo title"_s, u"Minutes"_s }));
}

void TestImporter::reimportIsUnchangedAndChangesUpdateInPlace()
{
    const QString path = TestSupport::writeFile(files(), u"a.txt"_s, "Alpha\n\nVersion one.");
    TestSupport::writeFile(files(), u"b.txt"_s, "Beta\n\nStays the same.");
    Importer importer(m_open->writer());
    const ImportSummary first = importer.run({ files().path() });
    QCOMPARE(first.imported, 2);
    const ImportSummary second = importer.run({ files().path() });
    QCOMPARE(second.countsLine(), u"imported 0, updated 0, unchanged 2, failed 0"_s);

    TestSupport::writeFile(files(), u"a.txt"_s, "Alpha\n\nVersion two.");
    const ImportSummary third = importer.run({ path });
    QCOMPARE(third.countsLine(), u"imported 0, updated 1, unchanged 0, failed 0"_s);
    QCOMPARE(third.firstArticleId, first.firstArticleId);
    QCOMPARE(m_store->article(first.firstArticleId)->paragraphs.front().text, u"Version two."_s);
    QCOMPARE(*m_store->articleCount(), 2);
}

void TestImporter::missingPathIsAFailure()
{
    const ImportSummary summary = Importer(m_open->writer()).run({ m_dir->filePath(u"nope.txt"_s) });
    QCOMPARE(summary.failed, 1);
    QVERIFY(summary.failures.front().reason.contains(u"no such file"_s));
}

void TestImporter::cancelStopsAndKeepsWholeArticles()
{
    for (int i = 0; i < 50; ++i)
        TestSupport::writeFile(files(), u"%1.txt"_s.arg(i, 3, 10, QChar(u'0')),
            u"Title %1\n\nBody %1."_s.arg(i).toUtf8());
    std::atomic_bool cancel(false);
    int calls = 0;
    // Cancel once the importer reports that it has started on the files.
    const ImportSummary summary
        = Importer(m_open->writer()).run({ files().path() }, &cancel, [&](int, int, const QString &) {
              if (++calls == 1)
                  cancel = true;
          });
    QVERIFY(summary.cancelled);
    QVERIFY(summary.imported < 50);
    QCOMPARE(*m_store->articleCount(), summary.imported);
    // Every stored article is whole.
    const auto ids = m_store->articleIds({});
    for (qint64 id : *ids)
        QVERIFY(!m_store->article(id)->paragraphs.isEmpty());
}

void TestImporter::progressIsReported()
{
    for (int i = 0; i < 5; ++i)
        TestSupport::writeFile(files(), u"%1.txt"_s.arg(i), u"T%1\n\nB%1"_s.arg(i).toUtf8());
    int lastDone = -1;
    int lastTotal = -1;
    Importer(m_open->writer()).run({ files().path() }, nullptr, [&](int done, int total, const QString &) {
        QVERIFY(done >= lastDone);
        lastDone = done;
        lastTotal = total;
    });
    QCOMPARE(lastTotal, 5);
    QCOMPARE(lastDone, 5);
}

void TestImporter::samplesSeedALibrary()
{
    const ImportSummary summary = Samples::importInto(m_open->writer());
    QCOMPARE(summary.failed, 0);
    QCOMPARE(summary.imported, 3);
    const Result<QList<SearchHit>> hits = m_store->search(u"Ventimiglia "_s, 5);
    QCOMPARE(hits->size(), 1);
    QCOMPARE(hits->front().article.title, u"Gilmore Girls"_s);
}

void TestImporter::bbcCorpus()
{
    GLOSS_REQUIRE_SHARED("corpus/bbc");
    const ImportSummary summary
        = Importer(m_open->writer()).run({ TestSupport::sharedPath(u"corpus/bbc"_s) });
    QCOMPARE(summary.failed, 0);
    // 2,225 articles plus the corpus README; the corpus repeats some stories word for word.
    QCOMPARE(summary.files, 2226);
    QCOMPARE(summary.imported + summary.unchanged, 2226);
    QVERIFY(summary.imported > 2100);
    QCOMPARE(summary.warnings.size(), 1); // sport/199.txt is Windows-1252
    QVERIFY(summary.warnings.front().path.endsWith(u"sport/199.txt"_s));
    const ImportSummary again
        = Importer(m_open->writer()).run({ TestSupport::sharedPath(u"corpus/bbc"_s) });
    QCOMPARE(again.imported, 0);
    QCOMPARE(again.unchanged, 2226);
}

QTEST_GUILESS_MAIN(TestImporter)
#include "tst_importer.moc"
