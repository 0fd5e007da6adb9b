#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QTest>

#include "cli/layers.h"
#include "library/library.h"
#include "library/libraryhistory.h"
#include "library/librarywriter.h"
#include "library/schema.h"

/// Helpers shared by the test executables.
namespace TestSupport {

/// Every test program connects the layers before its first library opens, as main() does.
inline const bool s_layersInstalled = [] {
    Layers::install();
    return true;
}();

/// The read-only shared corpus beside the project; tests that use it skip without it.
inline QString sharedDir()
{
    return QString::fromUtf8(GLOSS_SHARED_DIR);
}

inline bool hasShared(const QString &relative)
{
    return QFileInfo::exists(sharedDir() + u'/' + relative);
}

inline QString sharedPath(const QString &relative)
{
    return sharedDir() + u'/' + relative;
}

/// Opens (or creates) a library as the window does: a writer thread of its own. Fails the test
/// program when it cannot.
inline std::unique_ptr<Library> openLibrary(const QString &path,
    Library::Writing writing = Library::Writing::OwnThread,
    LibraryStore::OpenMode mode = LibraryStore::OpenMode::CreateIfMissing)
{
    Result<std::unique_ptr<Library>> library = Library::open(path, mode, writing);
    if (!library)
        qFatal("cannot open the test library: %s", qPrintable(library.error()));
    return std::move(*library);
}

/// Saves a picture of a widget as it is drawn, into $GLOSS_SHOTS/name.png when that variable
/// names a folder: to look at a changed view as a user would. Does nothing otherwise.
template<typename Widget>
inline void shoot(Widget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("GLOSS_SHOTS");
    if (folder.isEmpty() || !widget)
        return;
    QDir().mkpath(folder);
    widget->grab().save(QDir(folder).filePath(name + QStringLiteral(".png")));
}

/// Writes bytes to dir/name (creating folders) and returns the absolute path.
inline QString writeFile(const QDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.absoluteFilePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write test file");
    file.write(bytes);
    return path;
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

/// Makes a library file at an older schema version with the real migration steps, holding
/// one article (id 7, title "Old one") whose body is given. False if any step failed.
inline bool makeOldLibrary(const QString &path, int version, const QString &body)
{
    bool ok = false;
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
        db.setDatabaseName(path);
        if (db.open() && Schema::migrate(QStringLiteral("old"), 0, version).ok()) {
            QSqlQuery article(db);
            QSqlQuery text(db);
            ok = article.prepare(QStringLiteral(
                     "INSERT INTO articles (id, source_path, content_hash, format, title, kinds, "
                     "words, source_label, imported_at, updated_at) VALUES (7, '/a.txt', 'h', "
                     "'plain text', 'Old one', 'p', 2, 'a.txt', 'x', 'x')"))
                && article.exec()
                && text.prepare(QStringLiteral(
                    "INSERT INTO article_texts (id, title, body) VALUES (7, 'Old one', ?)"));
            text.addBindValue(body);
            ok = ok && text.exec();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("old"));
    return ok;
}

/// Overwrites the first page of a table or index with noise, as a bad sector or a stray write
/// would; the library must be closed. False if the object or the file was not found.
inline bool damagePage(const QString &library, const QString &object)
{
    qint64 page = 0;
    qint64 pageSize = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("pages"));
        db.setDatabaseName(library);
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(QStringLiteral("SELECT rootpage FROM sqlite_master WHERE name = ?"));
            query.addBindValue(object);
            if (query.exec() && query.next())
                page = query.value(0).toLongLong();
            QSqlQuery size(db);
            if (size.exec(QStringLiteral("PRAGMA page_size")) && size.next())
                pageSize = size.value(0).toLongLong();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("pages"));
    QFile file(library);
    if (page < 1 || pageSize < 512 || !file.open(QIODevice::ReadWrite)
        || !file.seek((page - 1) * pageSize))
        return false;
    QByteArray noise(pageSize, '\0');
    for (qint64 i = 0; i < pageSize; ++i)
        noise[i] = char((i * 131 + 17) & 0xFF);
    return file.write(noise) == pageSize;
}

/// Writes `count` articles of several paragraphs into dir/folder, enough that every table of
/// a library holding them spans many pages. Returns the folder.
inline QString writeArticles(const QDir &dir, const QString &folder, int count)
{
    for (int i = 0; i < count; ++i) {
        QByteArray body = "Article number " + QByteArray::number(i) + "\n\n";
        for (int p = 0; p < 6; ++p) {
            body += "\"We counted " + QByteArray::number(i * 7 + p)
                + " ballots,\" said Maria Lopez, the clerk of the county, in paragraph "
                + QByteArray::number(p) + " of a long and careful story.\n\n";
        }
        writeFile(dir, folder + QStringLiteral("/a%1.txt").arg(i), body);
    }
    return dir.filePath(folder);
}

#ifdef GLOSS_BINARY
/// What one run of the gloss program printed and returned.
struct Run
{
    int code = -1; ///< -1 when it did not finish in time
    QString out;
    QString err;
};

/// Runs the gloss program built beside the tests, with input on its standard input.
inline Run gloss(const QStringList &arguments, const QByteArray &input = {},
    const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProgram(QString::fromUtf8(GLOSS_BINARY));
    process.setArguments(arguments);
    process.setProcessEnvironment(environment);
    process.start();
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    Run run;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}
#endif

} // namespace TestSupport

#define GLOSS_REQUIRE_SHARED(relative)                                                             \
    do {                                                                                           \
        if (!TestSupport::hasShared(QStringLiteral(relative)))                                     \
            QSKIP("../shared is not here; this test needs " relative);                             \
    } while (false)
