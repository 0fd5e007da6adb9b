// Hostile and unlucky conditions, through the gloss program as a user meets them: damaged
// libraries, healthy libraries that cannot be used, full disks, bombs and bad positions. Each
// failure must say what was not done, exit non-zero and leave the files as they were.
#include "library/librarycheck.h"
#include "library/librarystore.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using TestSupport::gloss;
using TestSupport::Run;

namespace {

QByteArray digest(const QString &path)
{
    return QCryptographicHash::hash(TestSupport::readFile(path), QCryptographicHash::Sha256);
}

} // namespace

class TestHostile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void damagedLibraryIsNoticedAndRecovered_data();
    void damagedLibraryIsNoticedAndRecovered();
    void wholeCheckFindsWhatQuickCheckSkipped();
    void recoverRefusesToOverwrite();

private:
    /// A library of many articles, closed and checkpointed, so every table spans pages.
    QString makeLibrary(const QString &name = QStringLiteral("lib.sqlite"));

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestHostile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

QString TestHostile::makeLibrary(const QString &name)
{
    const QDir dir(m_dir->path());
    TestSupport::writeArticles(dir, u"in"_s, 120);
    const QString library = dir.filePath(name);
    const Run imported = gloss({ u"import"_s, u"--library"_s, library, dir.filePath(u"in"_s) });
    if (imported.code != 0)
        qFatal("cannot make the test library: %s", qPrintable(imported.err));
    return library;
}

void TestHostile::damagedLibraryIsNoticedAndRecovered_data()
{
    QTest::addColumn<QString>("object");
    QTest::addRow("articles") << u"articles"_s;
    QTest::addRow("article_texts") << u"article_texts"_s;
    QTest::addRow("fts-index") << u"articles_fts_data"_s;
    QTest::addRow("index") << u"articles_by_title"_s;
}

void TestHostile::damagedLibraryIsNoticedAndRecovered()
{
    QFETCH(QString, object);
    const QString library = makeLibrary();
    QVERIFY(TestSupport::damagePage(library, object));
    const QByteArray damaged = digest(library);

    // Opening says what is wrong, in one sentence that names the damage.
    Result<std::unique_ptr<LibraryStore>> store = LibraryStore::open(library);
    QVERIFY(!store);
    QCOMPARE(store.kind(), ErrorKind::Damaged);
    QVERIFY2(store.error().contains(u"damaged"_s), qPrintable(store.error()));

    // Nothing reports success on it, and nothing writes into it.
    const QString more = TestSupport::writeFile(
        QDir(m_dir->path()), u"more.txt"_s, "One more\n\n\"Yes,\" said Kim.\n");
    for (const QStringList &arguments :
        { QStringList { u"import"_s, u"--library"_s, library, more },
            QStringList { u"stats"_s, u"--library"_s, library },
            QStringList { u"search"_s, u"--library"_s, library, u"ballots"_s } }) {
        const Run run = gloss(arguments);
        QVERIFY2(run.code == 1, qPrintable(arguments.join(u' ') + u": "_s + run.out));
        QVERIFY2(run.err.contains(u"damaged"_s), qPrintable(run.err));
        QVERIFY2(run.err.contains(u"gloss recover"_s), qPrintable(run.err));
        QCOMPARE(digest(library), damaged);
    }

    // The way out: what can be read goes into a new library, which is whole.
    const QString saved = m_dir->filePath(u"saved.sqlite"_s);
    const Run recovered
        = gloss({ u"recover"_s, u"--library"_s, library, u"-o"_s, saved });
    QVERIFY2(recovered.code == 0, qPrintable(recovered.err));
    QVERIFY2(recovered.out.contains(u"recovered"_s), qPrintable(recovered.out));
    QCOMPARE(digest(library), damaged);
    Result<std::unique_ptr<LibraryStore>> fresh = LibraryStore::open(saved);
    QVERIFY2(fresh, qPrintable(fresh.error()));
    QVERIFY((*fresh)->checkWhole());
    const Result<int> count = (*fresh)->articleCount();
    QVERIFY(count);
    // A page of articles lost holds some rows; damage elsewhere loses none of them.
    if (object == u"articles"_s)
        QVERIFY2(*count > 0 && *count <= 120, qPrintable(QString::number(*count)));
    else
        QCOMPARE(*count, 120);
    const Run search = gloss({ u"search"_s, u"--library"_s, saved, u"ballots"_s, u"--json"_s });
    QCOMPARE(search.code, 0);
    QVERIFY(search.out.contains(u"Article number"_s));
}

void TestHostile::wholeCheckFindsWhatQuickCheckSkipped()
{
    const QString library = makeLibrary();
    QVERIFY(TestSupport::damagePage(library, u"article_texts"_s));
    // Opened as a worker does (already checked by the opener), the store trusts the file
    // until the whole check runs; then the damage is named, and the writer refuses.
    Result<std::unique_ptr<LibraryStore>> store = LibraryStore::open(library,
        LibraryStore::OpenMode::MustExist, LibraryStore::Verification::AlreadyChecked);
    QVERIFY2(store, qPrintable(store.error()));
    QVERIFY(!(*store)->checkedWhole());
    const Result<void> whole = (*store)->checkWhole();
    QVERIFY(!whole);
    QCOMPARE(whole.kind(), ErrorKind::Damaged);

    // A check the user stops decides nothing.
    const QString healthy = makeLibrary(u"healthy.sqlite"_s);
    Result<std::unique_ptr<LibraryStore>> good = LibraryStore::open(healthy,
        LibraryStore::OpenMode::MustExist, LibraryStore::Verification::AlreadyChecked);
    QVERIFY(good);
    std::atomic_bool stop(true);
    const Result<void> stopped = (*good)->checkWhole(&stop);
    QVERIFY(!stopped);
    QCOMPARE(stopped.kind(), ErrorKind::Cancelled);
    QVERIFY(!(*good)->checkedWhole());
    QVERIFY((*good)->checkWhole());
    QVERIFY((*good)->checkedWhole());
}

void TestHostile::recoverRefusesToOverwrite()
{
    const QString library = makeLibrary();
    const QString existing
        = TestSupport::writeFile(QDir(m_dir->path()), u"keep.sqlite"_s, "my own file");
    const Run run = gloss({ u"recover"_s, u"--library"_s, library, u"-o"_s, existing });
    QCOMPARE(run.code, 1);
    QVERIFY2(run.err.contains(u"already exists"_s), qPrintable(run.err));
    QCOMPARE(TestSupport::readFile(existing), QByteArray("my own file"));
    const Run missing = gloss({ u"recover"_s, u"--library"_s, library });
    QCOMPARE(missing.code, 1);
    QVERIFY(missing.err.contains(u"-o"_s));
}

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
