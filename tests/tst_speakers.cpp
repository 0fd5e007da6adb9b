#include "annotation/annotationservice.h"
#include "library/librarystore.h"
#include "library/libraryworker.h"
#include "models/articlelistmodel.h"
#include "models/quotationmodel.h"
#include "models/speakerlistmodel.h"
#include "quotes/quotationservice.h"
#include "quotes/speakerindexer.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace {

Article makeArticle(const QString &path, const QString &title, const QStringList &paragraphs)
{
    Article article;
    article.sourcePath = path;
    article.title = title;
    for (const QString &text : paragraphs)
        article.paragraphs.append({ ParagraphKind::Paragraph, text });
    article.updateContentHash();
    return article;
}

const QStringList s_budget = {
    u"Finance minister Ann Lee presented the budget on Monday."_s,
    u"\"This budget puts families first,\" Ms Lee said. \"We have kept every promise.\""_s,
    u"Opposition leader Tom Hill was unimpressed. \"It is a budget of broken promises,\" he "
    "said."_s,
};

const QStringList s_match = {
    u"Coach Jo Park watched her side win again."_s,
    u"\"We defended well all night,\" Park said."_s,
    u"Tom Hill, a lifelong fan, was in the crowd. \"Best game of the season,\" he said."_s,
};

QStringList speakerNames(const QList<SpeakerSummary> &speakers)
{
    QStringList names;
    for (const SpeakerSummary &speaker : speakers)
        names.append(u"%1 %2/%3"_s.arg(speaker.name).arg(speaker.quotations).arg(speaker.articles));
    return names;
}

} // namespace

class TestSpeakers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void indexerFindsEverySpeakerOfTheLibrary();
    void indexerStopsWhenCancelledAndResumes();
    void correctionIsStoredUndoneAndRedone();
    void renameSpeakerAcrossTheLibrary();
    void correctionSurvivesReimport();
    void correctionToNobodyAndBadNames();
    void articleListFiltersBySpeaker();
    void speakerModelFiltersAndPassesTheTester();
    void quotationModelGroupsBySpeaker();
    void indexRunsOnAWorkerThread();
    void migratesVersion2Library();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_open;
    LibraryStore *m_library = nullptr;
    std::unique_ptr<AnnotationService> m_annotations;
    std::unique_ptr<QuotationService> m_quotes;
    qint64 m_budget = 0;
    qint64 m_match = 0;
    QString path() const { return m_dir->filePath(u"library.sqlite"_s); }
    QuoteAnalysis budgetAnalysis() const
    {
        Result<Article> article = m_library->article(m_budget);
        return *m_quotes->analysis(m_budget, article->body());
    }
};

void TestSpeakers::init()
{
    m_quotes.reset();
    m_annotations.reset();
    m_open.reset();
    m_library = nullptr;
    m_dir = std::make_unique<QTemporaryDir>();
    m_open = TestSupport::openLibrary(path());
    m_library = &m_open->store();
    m_budget
        = m_library->upsertArticle(makeArticle(u"/news/budget.txt"_s, u"Budget"_s, s_budget))->id;
    m_match = m_library->upsertArticle(makeArticle(u"/news/match.txt"_s, u"Match"_s, s_match))->id;
    m_annotations = std::make_unique<AnnotationService>(m_open.get());
    m_quotes = std::make_unique<QuotationService>(m_open.get());
}

void TestSpeakers::indexerFindsEverySpeakerOfTheLibrary()
{
    QCOMPARE(*m_quotes->store().articlesToIndexCount(), 2);
    QList<int> reported;
    const SpeakerIndexOutcome outcome
        = SpeakerIndexer::run(*m_library, m_open->writer(), nullptr, [&](int done, int) { reported.append(done); });
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QCOMPARE(outcome.indexed, 2);
    QCOMPARE(reported, QList<int>({ 0, 2 })); // before the first batch, and after it
    QCOMPARE(*m_quotes->store().articlesToIndexCount(), 0);
    // Surnames and pronouns resolve to the full name; Tom Hill is quoted in both articles.
    QCOMPARE(speakerNames(*m_quotes->store().speakers()),
        QStringList({ u"Ann Lee 2/1"_s, u"Tom Hill 2/2"_s, u"Jo Park 1/1"_s }));
    QCOMPARE(
        *m_quotes->store().articlesQuoting(u"Tom Hill"_s), QList<qint64>({ m_match, m_budget }));
    // A second run has nothing to do, and says nothing.
    reported.clear();
    QCOMPARE(SpeakerIndexer::run(*m_library, m_open->writer(), nullptr, [&](int done, int) { reported.append(done); })
                 .indexed,
        0);
    QVERIFY(reported.isEmpty());
}

void TestSpeakers::indexerStopsWhenCancelledAndResumes()
{
    std::atomic_bool cancel { true };
    const SpeakerIndexOutcome stopped = SpeakerIndexer::run(*m_library, m_open->writer(), &cancel);
    QVERIFY(stopped.cancelled);
    QCOMPARE(stopped.indexed, 0);
    QCOMPARE(*m_quotes->store().articlesToIndexCount(), 2);
    cancel = false;
    QCOMPARE(SpeakerIndexer::run(*m_library, m_open->writer(), &cancel).indexed, 2);
}

void TestSpeakers::correctionIsStoredUndoneAndRedone()
{
    QVERIFY(SpeakerIndexer::run(*m_library, m_open->writer()).error.isEmpty());
    const QuoteAnalysis before = budgetAnalysis();
    QCOMPARE(before.quotations.size(), 3);
    QCOMPARE(before.quotations.at(1).speaker, u"Ann Lee"_s);
    const QString quote = before.quotations.at(1).text;

    QSignalSpy changed(m_quotes.get(), &QuotationService::speakersChanged);
    QVERIFY(m_quotes->correctSpeaker(m_budget, { quote }, u"  Press   Office "_s).ok());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(budgetAnalysis().quotations.at(1).speaker, u"Press Office"_s);
    QCOMPARE(speakerNames(*m_quotes->store().speakers()),
        QStringList(
            { u"Tom Hill 2/2"_s, u"Ann Lee 1/1"_s, u"Jo Park 1/1"_s, u"Press Office 1/1"_s }));
    QCOMPARE(m_annotations->undoStack()->undoText(), u"Set Speaker to Press Office"_s);

    // A new connection sees it: it was committed at once.
    {
        auto other = LibraryStore::open(path());
        QVERIFY(other.ok());
        QCOMPARE(QuoteStore(**other).corrections(m_budget)->value(quote), u"Press Office"_s);
    }

    QVERIFY(m_open->history().undo().ok());
    QCOMPARE(changed.size(), 2);
    QCOMPARE(budgetAnalysis().quotations.at(1).speaker, u"Ann Lee"_s);
    QVERIFY(m_quotes->store().corrections(m_budget)->isEmpty());
    QCOMPARE(speakerNames(*m_quotes->store().speakers()).front(), u"Ann Lee 2/1"_s);
    QVERIFY(m_open->history().redo().ok());
    QCOMPARE(budgetAnalysis().quotations.at(1).speaker, u"Press Office"_s);

    // Correcting every quotation of a speaker at once is one step.
    const int steps = m_annotations->undoStack()->count();
    QStringList all;
    for (const Quotation &quotation : budgetAnalysis().quotations)
        all.append(quotation.text);
    QVERIFY(m_quotes->correctSpeaker(m_budget, all, u"Ann Lee"_s).ok());
    QCOMPARE(m_annotations->undoStack()->count(), steps + 1);
    for (const Quotation &quotation : budgetAnalysis().quotations)
        QCOMPARE(quotation.speaker, u"Ann Lee"_s);
    QVERIFY(m_open->history().undo().ok());
    QCOMPARE(budgetAnalysis().quotations.at(1).speaker, u"Press Office"_s);
    QCOMPARE(budgetAnalysis().quotations.at(2).speaker, u"Tom Hill"_s);
}

void TestSpeakers::renameSpeakerAcrossTheLibrary()
{
    QVERIFY(SpeakerIndexer::run(*m_library, m_open->writer()).error.isEmpty());
    QSignalSpy changed(m_quotes.get(), &QuotationService::speakersChanged);
    // Tom Hill is quoted in both articles: one step renames him everywhere.
    const Result<int> renamed = m_quotes->renameSpeaker(u"Tom Hill"_s, u"Thomas Hill"_s);
    QVERIFY2(renamed.ok(), qPrintable(renamed.error()));
    QCOMPARE(*renamed, 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.front().front().toLongLong(), 0);
    QCOMPARE(speakerNames(*m_quotes->store().speakers()),
        QStringList({ u"Ann Lee 2/1"_s, u"Thomas Hill 2/2"_s, u"Jo Park 1/1"_s }));
    QCOMPARE(m_annotations->undoStack()->undoText(), u"Rename Speaker Tom Hill to Thomas Hill"_s);

    // Merging into a speaker who exists adds their counts together.
    QCOMPARE(*m_quotes->renameSpeaker(u"Jo Park"_s, u"Thomas Hill"_s), 1);
    QCOMPARE(speakerNames(*m_quotes->store().speakers()).front(), u"Thomas Hill 3/2"_s);

    QVERIFY(m_open->history().undo().ok());
    QVERIFY(m_open->history().undo().ok());
    QCOMPARE(speakerNames(*m_quotes->store().speakers()),
        QStringList({ u"Ann Lee 2/1"_s, u"Tom Hill 2/2"_s, u"Jo Park 1/1"_s }));
    QVERIFY(m_quotes->store().corrections(m_match)->isEmpty());

    QCOMPARE(*m_quotes->renameSpeaker(u"Ann Lee"_s, u"Ann Lee"_s), 0);
    QVERIFY(!m_quotes->renameSpeaker(u"Nobody Known"_s, u"X"_s).ok());
    QVERIFY(!m_quotes->renameSpeaker(u"Ann Lee"_s, QString(300, u'y')).ok());
}

void TestSpeakers::correctionSurvivesReimport()
{
    QVERIFY(SpeakerIndexer::run(*m_library, m_open->writer()).error.isEmpty());
    const QString quote = u"It is a budget of broken promises,"_s;
    QVERIFY(m_quotes->correctSpeaker(m_budget, { quote }, u"Thomas Hill"_s).ok());

    // The same file again, edited elsewhere: same article, the correction found by its words.
    QStringList edited = s_budget;
    edited[0] = u"Finance minister Ann Lee presented her first budget on Monday morning."_s;
    const auto again
        = m_library->upsertArticle(makeArticle(u"/news/budget.txt"_s, u"Budget"_s, edited));
    QVERIFY(again.ok());
    QCOMPARE(again->id, m_budget);
    QCOMPARE(again->outcome, LibraryStore::UpsertOutcome::Updated);
    QCOMPARE(budgetAnalysis().quotations.at(2).speaker, u"Thomas Hill"_s);
    // The changed article waits for the indexer, which keeps the correction.
    QCOMPARE(*m_quotes->store().articlesToIndexCount(), 1);
    QCOMPARE(SpeakerIndexer::run(*m_library, m_open->writer()).indexed, 1);
    QCOMPARE(*m_quotes->store().articlesQuoting(u"Thomas Hill"_s), QList<qint64>({ m_budget }));
    QCOMPARE(*m_quotes->store().articlesQuoting(u"Tom Hill"_s), QList<qint64>({ m_match }));

    // A word of the quotation itself edited: still the same quotation, still corrected.
    QVERIFY(m_quotes
                ->correctSpeaker(
                    m_budget, { u"This budget puts families first,"_s }, u"Treasury press office"_s)
                .ok());
    edited[1] = u"\"This budget puts hard-working families first,\" Ms Lee said. \"We have kept "
                "every promise.\""_s;
    QVERIFY(m_library->upsertArticle(makeArticle(u"/news/budget.txt"_s, u"Budget"_s, edited)).ok());
    QCOMPARE(
        budgetAnalysis().quotations.at(0).text, u"This budget puts hard-working families first,"_s);
    QCOMPARE(budgetAnalysis().quotations.at(0).speaker, u"Treasury press office"_s);
    QCOMPARE(budgetAnalysis().quotations.at(1).speaker, u"Ann Lee"_s);
    QCOMPARE(budgetAnalysis().quotations.at(2).speaker, u"Thomas Hill"_s);
}

void TestSpeakers::correctionToNobodyAndBadNames()
{
    const QString quote = budgetAnalysis().quotations.at(0).text;
    QVERIFY(m_quotes->correctSpeaker(m_budget, { quote }, QString()).ok());
    QCOMPARE(budgetAnalysis().quotations.at(0).speaker, QString());
    QCOMPARE(m_annotations->undoStack()->undoText(), u"Clear Speaker"_s);

    const Result<void> tooLong = m_quotes->correctSpeaker(m_budget, { quote }, QString(201, u'x'));
    QVERIFY(!tooLong.ok());
    QVERIFY(tooLong.error().contains(u"200"_s));
    QVERIFY(!m_quotes->correctSpeaker(m_budget, {}, u"Someone"_s).ok());
    const Result<void> missing = m_quotes->correctSpeaker(987654, { quote }, u"Someone"_s);
    QVERIFY(!missing.ok());
    QVERIFY(!missing.error().isEmpty());
}

void TestSpeakers::articleListFiltersBySpeaker()
{
    QVERIFY(SpeakerIndexer::run(*m_library, m_open->writer()).error.isEmpty());
    ArticleListModel model(m_library);
    QAbstractItemModelTester tester(&model);
    QCOMPARE(model.rowCount(), 2);
    model.setSpeakerFilter(u"Jo Park"_s);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.speakerFilter(), u"Jo Park"_s);
    model.setSpeakerFilter(u"Tom Hill"_s);
    QCOMPARE(model.rowCount(), 2);
    model.setSpeakerFilter(u"Nobody At All"_s);
    QCOMPARE(model.rowCount(), 0);
    model.setSpeakerFilter(QString());
    QCOMPARE(model.rowCount(), 2);
    // With a search, the filter narrows the matches.
    model.setSpeakerFilter(u"Jo Park"_s);
    model.setQueryText(u"budget"_s);
    QCOMPARE(model.rowCount(), 0);
    model.setQueryText(u"season"_s);
    QCOMPARE(model.rowCount(), 1);
}

void TestSpeakers::speakerModelFiltersAndPassesTheTester()
{
    SpeakerListModel model;
    QAbstractItemModelTester tester(&model);
    QCOMPARE(model.rowCount(), 0);
    model.setStore(&m_quotes->store());
    QCOMPARE(model.rowCount(), 0); // nothing indexed yet
    QVERIFY(SpeakerIndexer::run(*m_library, m_open->writer()).error.isEmpty());
    model.reload();
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(SpeakerListModel::ColumnCount));
    QCOMPARE(model.speakerAt(0), u"Ann Lee"_s);
    QCOMPARE(model.index(1, SpeakerListModel::QuotationsColumn).data().toInt(), 2);
    QCOMPARE(model.index(1, SpeakerListModel::ArticlesColumn).data().toInt(), 2);
    QVERIFY(model.index(1, 0).data(Qt::ToolTipRole).toString().contains(u"2 articles"_s));
    // Sorted by name, by articles, back by quotations.
    model.sort(SpeakerListModel::NameColumn, Qt::AscendingOrder);
    QCOMPARE(model.speakerAt(0), u"Ann Lee"_s);
    QCOMPARE(model.speakerAt(2), u"Tom Hill"_s);
    model.sort(SpeakerListModel::NameColumn, Qt::DescendingOrder);
    QCOMPARE(model.speakerAt(0), u"Tom Hill"_s);
    model.sort(SpeakerListModel::ArticlesColumn, Qt::DescendingOrder);
    QCOMPARE(model.speakerAt(0), u"Tom Hill"_s);
    model.sort(SpeakerListModel::QuotationsColumn, Qt::AscendingOrder);
    QCOMPARE(model.speakerAt(0), u"Jo Park"_s);
    model.sort(SpeakerListModel::QuotationsColumn, Qt::DescendingOrder);
    QCOMPARE(model.speakerAt(0), u"Ann Lee"_s);
    model.setFilterText(u"park"_s);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowOf(u"Jo Park"_s), 0);
    QCOMPARE(model.rowOf(u"Ann Lee"_s), -1);
    // Typed text is literal, not a pattern.
    model.setFilterText(u"%"_s);
    QCOMPARE(model.rowCount(), 0);
    model.setStore(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestSpeakers::quotationModelGroupsBySpeaker()
{
    QuotationModel model;
    QAbstractItemModelTester tester(&model);
    model.setAnalysis(budgetAnalysis());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, 0).data(QuotationModel::SpeakerRole).toString(), u"Ann Lee"_s);
    QCOMPARE(model.rowCount(model.index(0, 0)), 2);
    QCOMPARE(model.quotationsAt(model.index(0, 0)).size(), 2);
    QCOMPARE(model.index(0, 0).data(Qt::ToolTipRole).toString(),
        u"Named in the article as Ann Lee, Lee"_s);
    const QModelIndex first = model.index(0, 0, model.index(0, 0));
    QCOMPARE(
        first.data(QuotationModel::TextRole).toString(), u"This budget puts families first,"_s);
    QCOMPARE(model.quotationsAt(first).size(), 1);
    // A correction to nobody puts the quotation under "Unknown speaker", last.
    QVERIFY(m_quotes->correctSpeaker(m_budget, { u"This budget puts families first,"_s }, {}).ok());
    model.setAnalysis(budgetAnalysis());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(2, 0).data(QuotationModel::SpeakerRole).toString(), QString());
    QVERIFY(model.index(2, 0).data().toString().startsWith(u"Unknown speaker"_s));
    const QModelIndex unknown = model.index(0, 0, model.index(2, 0));
    QVERIFY(unknown.data(QuotationModel::CorrectedRole).toBool());
    QVERIFY(unknown.data(Qt::FontRole).value<QFont>().italic());
    QVERIFY(!model.index(0, 0, model.index(0, 0)).data(QuotationModel::CorrectedRole).toBool());
    model.setAnalysis({});
    QCOMPARE(model.rowCount(), 0);
}

void TestSpeakers::indexRunsOnAWorkerThread()
{
    LibraryWorker worker;
    QSignalSpy finished(&worker, &LibraryWorker::finished);
    QSignalSpy progressed(&worker, &LibraryWorker::progressed);
    QVERIFY(worker.start(path(),
        [writer = m_open->sharedWriter()](LibraryStore &store, const std::atomic_bool &cancel,
            const LibraryWorker::Progress &progress) {
            return QVariant::fromValue(SpeakerIndexer::run(store, *writer, &cancel,
                [&](int done, int total) { progress(done, total, {}); }));
        }));
    QVERIFY(worker.isRunning());
    QVERIFY(!worker.start(path(), {})); // one job at a time
    QVERIFY(finished.wait(10000));
    QVERIFY(!worker.isRunning());
    const auto outcome = finished.front().front().value<SpeakerIndexOutcome>();
    QCOMPARE(outcome.indexed, 2);
    QVERIFY(finished.front().back().toString().isEmpty());
    QVERIFY(!progressed.isEmpty());
    QCOMPARE(*m_quotes->store().articlesToIndexCount(), 0);

    // A library that is not there is reported, not created.
    QVERIFY(worker.start(m_dir->filePath(u"missing.sqlite"_s), {}));
    QVERIFY(finished.wait(10000));
    QVERIFY(!finished.back().back().toString().isEmpty());
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"missing.sqlite"_s)));
}

void TestSpeakers::migratesVersion2Library()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"v2.sqlite"_s);
    QVERIFY(TestSupport::makeOldLibrary(file, 2, u"\"We will win,\" Ann Lee said."_s));
    auto store = Library::open(file, LibraryStore::OpenMode::MustExist);
    QVERIFY2(store.ok(), qPrintable(store.error()));
    QuoteStore quotes((*store)->store());
    QCOMPARE(*quotes.articlesToIndexCount(), 1);
    QCOMPARE(SpeakerIndexer::run((*store)->store(), (*store)->writer()).indexed, 1);
    QCOMPARE(speakerNames(*quotes.speakers()), QStringList({ u"Ann Lee 1/1"_s }));
}

QTEST_GUILESS_MAIN(TestSpeakers)
#include "tst_speakers.moc"
