// Hostile and unlucky conditions, through the gloss program as a user meets them: damaged
// libraries, healthy libraries that cannot be used, full disks, bombs and bad positions. Each
// failure must say what was not done, exit non-zero and leave the files as they were.
#include "annotation/annotationservice.h"
#include "library/librarycheck.h"
#include "library/librarystore.h"
#include "library/schema.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStorageInfo>

#include <sys/stat.h>
#include <unistd.h>
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
    void healthyLibrariesAreNotCalledDamaged();
    void foreignTablesAreLeftAsTheyWere();
    void devicesAndPipesAreNotRead();
    void exportOnFullDiskKeepsTheOldFile();
    void exportPastFileSizeLimitKeepsTheOldFile();

private:
    /// A library of many articles, closed and checkpointed, so every table spans pages.
    QString makeLibrary(const QString &name = QStringLiteral("lib.sqlite"));
    /// makeLibrary with a highlight (tagged, with a note) on every paragraph of every article.
    QString makeAnnotatedLibrary(int highlights = 1000000);
    /// Checks that an export which cannot be written whole fails, says so and keeps the file.
    void exportFailsWhole(const QString &target, const QStringList &wrapper, int highlights);

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

QString TestHostile::makeAnnotatedLibrary(int highlights)
{
    const QString path = makeLibrary();
    auto library = TestSupport::openLibrary(path, Library::Writing::Inline);
    AnnotationService service(library.get());
    const Result<QList<qint64>> ids = library->store().articleIds(ArticleQuery {});
    if (!ids)
        qFatal("cannot list the test articles");
    for (const qint64 id : *ids) {
        const QString body = library->store().article(id)->body();
        for (qsizetype at = body.indexOf(u"We counted"_s); at >= 0 && highlights-- > 0;
            at = body.indexOf(u"We counted"_s, at + 1)) {
            const Result<qint64> highlight = service.createHighlight(id, body, int(at), int(at) + 10);
            if (!highlight || !service.addTag(*highlight, u"Counting"_s)
                || !service.setNote(*highlight,
                    u"A note on the count, long enough that every export of them all is larger "
                    "than a small disk. "_s.repeated(3)))
                qFatal("cannot annotate the test library");
        }
    }
    return path;
}

void TestHostile::exportFailsWhole(
    const QString &target, const QStringList &wrapper, int highlights)
{
    const QString library = makeAnnotatedLibrary(highlights);
    // The old export, small, is there before the new one, large, fails.
    const QByteArray old = "an older export the user keeps\n";
    TestSupport::writeFile(QDir(QFileInfo(target).absolutePath()), QFileInfo(target).fileName(), old);
    for (const QString &format : { u"csv"_s, u"json"_s, u"md"_s, u"html"_s, u"qdpx"_s }) {
        QStringList arguments = wrapper;
        arguments << QString::fromUtf8(GLOSS_BINARY) << u"export"_s << u"--library"_s << library
                  << u"--format"_s << format << u"-o"_s << target;
        QProcess process;
        process.start(arguments.takeFirst(), arguments);
        QVERIFY(process.waitForFinished(60000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 1,
            qPrintable(format + u": "_s + err));
        QVERIFY2(err.contains(u"not"_s) || err.contains(u"Cannot"_s), qPrintable(err));
        QVERIFY(!process.readAllStandardOutput().contains("exported"));
        QCOMPARE(TestSupport::readFile(target), old);
        // No half-written temporary file is left beside it either.
        QCOMPARE(QDir(QFileInfo(target).absolutePath()).entryList({ u"notes*"_s }, QDir::Files),
            QStringList { u"notes.out"_s });
    }
}

void TestHostile::healthyLibrariesAreNotCalledDamaged()
{
    const QString library = makeLibrary();
    const QByteArray before = digest(library);
    // Held alone by another program: locked, and left alone.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"holder"_s);
        db.setDatabaseName(library);
        QVERIFY(db.open());
        QSqlQuery hold(db);
        QVERIFY(hold.exec(u"PRAGMA locking_mode = EXCLUSIVE"_s));
        QVERIFY(hold.exec(u"BEGIN EXCLUSIVE"_s));
        const Run locked = gloss({ u"stats"_s, u"--library"_s, library },
            {}, [] {
                QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
                return environment;
            }());
        QCOMPARE(locked.code, 1);
        QVERIFY2(locked.err.contains(u"locked"_s), qPrintable(locked.err));
        QVERIFY(!locked.err.contains(u"damaged"_s));
        QVERIFY(hold.exec(u"ROLLBACK"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"holder"_s);
    QCOMPARE(digest(library), before);

    // A read-only file (permissions mean nothing to root, who may write anyway).
    if (geteuid() != 0) {
        QFile::setPermissions(library, QFile::ReadOwner);
        const Run readOnly = gloss({ u"stats"_s, u"--library"_s, library });
        QFile::setPermissions(library, QFile::ReadOwner | QFile::WriteOwner);
        QCOMPARE(readOnly.code, 1);
        QVERIFY2(readOnly.err.contains(u"read-only"_s), qPrintable(readOnly.err));
    }

    // A read-only disk, and a disk with no room left: mounted where the kernel allows it.
    const QString mountPoint = m_dir->filePath(u"disk"_s);
    QDir().mkpath(mountPoint);
    if (QProcess::execute(u"mount"_s, { u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=2m"_s, u"tmpfs"_s, mountPoint }) != 0)
        QSKIP("cannot mount a small file system here (needs root)");
    const auto unmount = qScopeGuard([&] { QProcess::execute(u"umount"_s, { mountPoint }); });
    const QString onDisk = mountPoint + u"/lib.sqlite"_s;
    QVERIFY(QFile::copy(library, onDisk));
    QVERIFY(QProcess::execute(u"mount"_s, { u"-o"_s, u"remount,ro"_s, mountPoint }) == 0);
    const Run readOnlyDisk = gloss({ u"stats"_s, u"--library"_s, onDisk });
    QCOMPARE(readOnlyDisk.code, 1);
    QVERIFY2(readOnlyDisk.err.contains(u"cannot be written"_s) || readOnlyDisk.err.contains(u"read-only"_s),
        qPrintable(readOnlyDisk.err));
    QVERIFY(!readOnlyDisk.err.contains(u"damaged"_s));
    QVERIFY(QProcess::execute(u"mount"_s, { u"-o"_s, u"remount,rw"_s, mountPoint }) == 0);
    // Full to the last byte: no room for the journal's shared memory file.
    QFile filler(mountPoint + u"/filler"_s);
    QVERIFY(filler.open(QIODevice::WriteOnly));
    const QByteArray block(4096, 'x');
    while (filler.write(block) == block.size() && filler.flush()) { }
    filler.close();
    const Run full = gloss({ u"stats"_s, u"--library"_s, onDisk });
    QCOMPARE(full.code, 1);
    QVERIFY2(full.err.contains(u"no room"_s), qPrintable(full.err));
    QVERIFY(!full.err.contains(u"damaged"_s));
    QCOMPARE(digest(onDisk), before);
}

void TestHostile::foreignTablesAreLeftAsTheyWere()
{
    // Gloss's mark but another program's tables: refused, and not even switched to WAL.
    const QString file = m_dir->filePath(u"marked.sqlite"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"marker"_s);
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA application_id = %1"_s.arg(Schema::ApplicationId)));
        QVERIFY(query.exec(u"PRAGMA user_version = 3"_s));
        QVERIFY(query.exec(u"CREATE TABLE recipes(name)"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"marker"_s);
    const QByteArray before = digest(file);
    const Run run = gloss({ u"import"_s, u"--library"_s, file, TestSupport::writeFile(QDir(m_dir->path()), u"x.txt"_s, "Title\n\nBody text.") });
    QCOMPARE(run.code, 1);
    QVERIFY2(run.err.contains(u"left untouched"_s) || run.err.contains(u"was left"_s), qPrintable(run.err));
    QCOMPARE(digest(file), before);
    QVERIFY(!QFileInfo::exists(file + u"-wal"_s));
}

void TestHostile::devicesAndPipesAreNotRead()
{
    const QString fifo = m_dir->filePath(u"pipe.txt"_s);
    QCOMPARE(mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    for (const QString &path : { u"/dev/zero"_s, fifo }) {
        const Run parsed = gloss({ u"parse"_s, path });
        QVERIFY2(parsed.code != 0 && parsed.code != -1, qPrintable(path));
        QVERIFY2(parsed.err.contains(u"not a regular file"_s), qPrintable(parsed.err));
        const Run imported = gloss({ u"import"_s, u"--library"_s, m_dir->filePath(u"l.sqlite"_s), path });
        QVERIFY2(imported.code != 0 && imported.code != -1, qPrintable(path));
        QVERIFY2(imported.err.contains(u"not a regular file"_s), qPrintable(imported.err));
    }
}

void TestHostile::exportOnFullDiskKeepsTheOldFile()
{
    // A real full disk: a small memory file system, where the kernel allows mounting one.
    const QString mountPoint = m_dir->filePath(u"small"_s);
    QDir().mkpath(mountPoint);
    if (QProcess::execute(u"mount"_s, { u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=64k"_s, u"tmpfs"_s,
            mountPoint }) != 0)
        QSKIP("cannot mount a small file system here (needs root); the file size limit test "
              "covers the same path");
    const auto unmount = qScopeGuard([&] { QProcess::execute(u"umount"_s, { mountPoint }); });
    // Nearly full: room for the old file and a page more, so the new one is cut short.
    const QString target = mountPoint + u"/notes.out"_s;
    TestSupport::writeFile(QDir(mountPoint), u"notes.out"_s, "an older export the user keeps\n");
    QFile filler(mountPoint + u"/filler"_s);
    QVERIFY(filler.open(QIODevice::WriteOnly));
    const QByteArray block(1024, 'x');
    while (QStorageInfo(mountPoint).bytesAvailable() > 4096 && filler.write(block) == block.size())
        filler.flush();
    filler.close();
    // An export smaller than a write buffer fails only when it is flushed, at the end.
    exportFailsWhole(target, {}, 22);
    QDir(m_dir->path()).remove(u"lib.sqlite"_s);
    exportFailsWhole(target, {}, 1000000);
}

void TestHostile::exportPastFileSizeLimitKeepsTheOldFile()
{
    // A write past the process's file size limit fails (EFBIG) as one on a full disk does.
    if (QStandardPaths::findExecutable(u"prlimit"_s).isEmpty())
        QSKIP("prlimit (util-linux) is not installed");
    exportFailsWhole(m_dir->filePath(u"out/notes.out"_s), { u"prlimit"_s, u"--fsize=2048"_s }, 22);
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
