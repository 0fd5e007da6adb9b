#pragma once

#include "article.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

/// Why one item of a file could not be read: `item` is the line of a JSON Lines file or the
/// document of an export holding many (as `unit` says), else 0 for the whole file.
struct ParseFailure
{
    int item = 0;
    QString message;
    ItemUnit unit = ItemUnit::None;
};

struct ParseReport
{
    int articles = 0;
    QStringList warnings; ///< read, but not cleanly (encoding guessed, …)
    QList<ParseFailure> failures; ///< nothing from these was kept
    bool cancelled = false;
};

/// Receives each parsed article; returns false to stop reading the file.
using ArticleSink = std::function<bool(Article &&article)>;

/// Reads article files of every supported format, each by the reader its entry in
/// InputFormats names. Pure functions over bytes and files: no library, no widgets, safe on
/// any thread.
namespace ArticleParser {

/// Files larger than this are refused rather than read whole, unless their format reads from
/// the file as it goes (JSON Lines, Word, PDF; see InputFormat::maximumSize).
constexpr qint64 MaximumFileSize = 64 * 1024 * 1024;

/// True for the file names a folder import picks up.
bool isSupportedFileName(const QString &fileName);

/// Parses a file into the sink. Each article comes with source path, index, format and hash set.
ParseReport parseFile(const QString &path, const ArticleSink &sink);

/// Parses in-memory bytes as if read from a file of that name, for tests and the `parse` verb.
ParseReport parseBytes(const QByteArray &bytes, const QString &fileName, const ArticleSink &sink);

} // namespace ArticleParser
