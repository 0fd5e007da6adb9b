#pragma once

#include "article/articleparser.h"
#include "library/library.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QDate>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QTextStream;

/// What every verb of the command line shares: its options, its usage, and opening its library.
namespace CommandLine {

QString tr(const char *text);

/// One verb's options. Each verb parses its own, so errors and --help are precise.
struct Verb
{
    QString name;
    QCommandLineParser parser;
    QCommandLineOption library;
    QCommandLineOption json;
    QCommandLineOption limit;

    Verb(const QString &verbName, const QString &description);

    /// Parses the verb's options; an exit code means "stop here" (bad options or --help).
    std::optional<int> parse(const QStringList &arguments, QTextStream &out, QTextStream &err);
    /// The usage and options, naming the verb: "Usage: gloss import [options] PATH…".
    QString helpText() const;
    /// The one file the verb takes; an empty string (after saying why) when there is not one.
    QString onlyFile(QTextStream &err, const QString &sentence) const;
    QString libraryPath() const;
};

/// Whether a verb only reads the library or writes to it: a library is checked whole before
/// anything is written into it, so that a damaged one is never made worse.
enum class Access { Read, Write };

/// The verb's library (which must exist, unless mode says otherwise); null after saying why
/// not. A library about to be written is checked whole first. A command line has no window to
/// keep responsive, so it writes on its own thread.
std::unique_ptr<Library> openExisting(const Verb &verb, QTextStream &err, Access access,
    LibraryStore::OpenMode mode = LibraryStore::OpenMode::MustExist);

/// Every article of a file, as the import would read them; report says what went wrong.
QList<Article> readArticles(const QString &path, ParseReport &report);

QJsonValue dateJson(const QDate &date);
void printJson(QTextStream &out, const QJsonValue &value);

} // namespace CommandLine
