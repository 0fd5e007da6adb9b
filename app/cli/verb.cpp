#include "verb.h"
#include "commandline.h"
#include "library/librarystore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace CommandLine {

QString tr(const char *text)
{
    return QCoreApplication::translate("CommandLine", text);
}

Verb::Verb(const QString &verbName, const QString &description)
    : name(verbName)
    , library(u"library"_s, tr("The library: a file (default: %1).").arg(defaultLibraryPath()),
          tr("library"))
    , json(u"json"_s, tr("Print JSON instead of text."))
    , limit(u"limit"_s, tr("Print at most this many (default 20)."), tr("count"), u"20"_s)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
}

std::optional<int> Verb::parse(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    // Drop the verb so positional arguments start after it.
    QStringList rest = arguments;
    if (rest.size() > 1)
        rest.removeAt(1);
    if (!parser.parse(rest)) {
        // One line, so scripts can show it as is; it points at the help.
        err << tr("gloss %1: %2 (see gloss %1 --help)").arg(name, parser.errorText()) << u'\n';
        return Failure;
    }
    if (parser.isSet(u"help"_s)) {
        out << helpText();
        return Success;
    }
    return std::nullopt;
}

QString Verb::helpText() const
{
    // QCommandLineParser names the program only; the verb goes after it.
    QString text = parser.helpText();
    const qsizetype lineEnd = text.indexOf(u'\n');
    QString usage = text.left(lineEnd);
    const qsizetype options = usage.indexOf(u" [options]"_s);
    if (options >= 0)
        usage = tr("Usage: gloss %1").arg(name) + usage.mid(options);
    return usage + text.mid(lineEnd);
}

QString Verb::onlyFile(QTextStream &err, const QString &sentence) const
{
    const QStringList files = parser.positionalArguments();
    if (files.size() == 1)
        return files.front();
    err << sentence << u'\n';
    return {};
}

QString Verb::libraryPath() const
{
    return parser.isSet(library) ? parser.value(library) : defaultLibraryPath();
}

/// A damaged library's sentence names the way out, still on one line.
QString withWayOut(const ResultError &error, const QString &library)
{
    if (error.kind != ErrorKind::Damaged)
        return error.text;
    return tr("%1 To save what can still be read: gloss recover --library %2 -o NEW.sqlite")
        .arg(error.text, library);
}

std::unique_ptr<Library> openExisting(
    const Verb &verb, QTextStream &err, Access access, LibraryStore::OpenMode mode)
{
    Result<std::unique_ptr<Library>> library
        = Library::open(verb.libraryPath(), mode, Library::Writing::Inline);
    if (!library) {
        err << withWayOut(library.failure(), verb.libraryPath()) << u'\n';
        return nullptr;
    }
    // The quick check at opening may have covered only part of a large file: the rest is
    // checked before anything is written, or counted.
    if (access == Access::Write && !(*library)->checkedWhole()) {
        if (auto whole = (*library)->store().checkWhole(); !whole) {
            err << withWayOut(whole.failure(), verb.libraryPath()) << u'\n';
            return nullptr;
        }
    }
    return std::move(*library);
}

QList<Article> readArticles(const QString &path, ParseReport &report)
{
    QList<Article> articles;
    report = ArticleParser::parseFile(path, [&](Article &&article) {
        articles.append(std::move(article));
        return true;
    });
    return articles;
}

QJsonValue dateJson(const QDate &date)
{
    return date.isValid() ? QJsonValue(date.toString(Qt::ISODate)) : QJsonValue();
}

void printJson(QTextStream &out, const QJsonValue &value)
{
    const QJsonDocument document
        = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    out << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
}

} // namespace CommandLine
