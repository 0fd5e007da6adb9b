#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
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

} // namespace TestSupport

#define GLOSS_REQUIRE_SHARED(relative)                                                             \
    do {                                                                                           \
        if (!TestSupport::hasShared(QStringLiteral(relative)))                                     \
            QSKIP("../shared is not here; this test needs " relative);                             \
    } while (false)
