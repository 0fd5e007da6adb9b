#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QTest>

/// Helpers shared by the test executables.
namespace TestSupport {

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

} // namespace TestSupport

#define GLOSS_REQUIRE_SHARED(relative)                                                             \
    do {                                                                                           \
        if (!TestSupport::hasShared(QStringLiteral(relative)))                                     \
            QSKIP("../shared is not here; this test needs " relative);                             \
    } while (false)
