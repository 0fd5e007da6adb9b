#include "verbs.h"
#include "commandline.h"
#include "verb.h"
#include "article/articleparser.h"
#include "article/inputformats.h"
#include "importing/importer.h"
#include "library/ftsquery.h"
#include "library/librarycheck.h"
#include "library/librarystore.h"
#include "library/librarywriter.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace CommandLine {

namespace {

QString kindName(ParagraphKind kind)
{
    switch (kind) {
    case ParagraphKind::Heading:
        return u"heading"_s;
    case ParagraphKind::Caption:
        return u"caption"_s;
    case ParagraphKind::Preformatted:
        return u"preformatted"_s;
    case ParagraphKind::Paragraph:
        break;
    }
    return u"paragraph"_s;
}

QJsonObject articleJson(const Article &article)
{
    QJsonArray paragraphs;
    for (const Paragraph &paragraph : article.paragraphs)
        paragraphs.append(
            QJsonObject { { u"kind"_s, kindName(paragraph.kind) }, { u"text"_s, paragraph.text } });
    QJsonObject object {
        { u"title"_s, article.title },
        { u"date"_s, dateJson(article.date) },
        { u"authors"_s, QJsonArray::fromStringList(article.authors) },
        { u"site"_s, article.site },
        { u"url"_s, article.url },
        { u"format"_s, InputFormats::of(article.format).key },
        { u"formatName"_s, formatName(article.format) },
        { u"header"_s, article.rawHeader },
        { u"words"_s, article.wordCount() },
        { u"contentHash"_s, article.contentHash },
        { u"paragraphs"_s, paragraphs },
    };
    // Where in a file holding many the article was: its line, or its document.
    const ItemUnit unit = InputFormats::of(article.format).unit;
    if (article.sourceIndex > 0 && unit != ItemUnit::None)
        object.insert(unit == ItemUnit::Document ? u"document"_s : u"line"_s, article.sourceIndex);
    return object;
}

QString snippetForTerminal(QString snippet)
{
    snippet.replace(QChar(FtsQuery::SnippetStart), u'[');
    snippet.replace(QChar(FtsQuery::SnippetEnd), u']');
    return snippet;
}

} // namespace

int runImport(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Verb verb(u"import"_s,
        tr("Import article files and folders into a library.") + u"\n\n"_s
            + InputFormats::helpText());
    verb.parser.addOption(verb.library);
    verb.parser.addPositionalArgument(u"paths"_s, tr("Files or folders to import."), tr("PATH…"));
    if (const std::optional<int> done = verb.parse(arguments, out, err))
        return *done;
    const QStringList paths = verb.parser.positionalArguments();
    if (paths.isEmpty()) {
        err << tr("Name at least one file or folder to import.") << u'\n';
        return Failure;
    }
    const std::unique_ptr<Library> library
        = openExisting(verb, err, Access::Write, LibraryStore::OpenMode::CreateIfMissing);
    if (!library)
        return Failure;
    const ImportSummary summary = Importer(library->writer()).run(paths);
    out << summary.countsLine() << u'\n';
    for (const ImportFailure &failure : summary.failures)
        err << failure.describe() << u'\n';
    for (const ImportFailure &warning : summary.warnings)
        err << tr("warning: %1").arg(warning.describe()) << u'\n';
    if (!summary.fatalError.isEmpty()) {
        err << summary.fatalError << u'\n';
        return Failure;
    }
    return summary.failed > 0 ? PartialFailure : Success;
}

int runParse(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Verb verb(u"parse"_s,
        tr("Print how Gloss reads an article file, without a library.") + u"\n\n"_s
            + InputFormats::helpText());
    verb.parser.addOption(verb.json);
    verb.parser.addPositionalArgument(u"file"_s, tr("The article file."), tr("FILE"));
    if (const std::optional<int> done = verb.parse(arguments, out, err))
        return *done;
    const QString path = verb.onlyFile(err, tr("Name exactly one file to parse."));
    if (path.isEmpty())
        return Failure;
    if (!QFileInfo::exists(path)) {
        err << tr("%1: There is no such file.").arg(path) << u'\n';
        return Failure;
    }
    ParseReport report;
    const QList<Article> articles = readArticles(path, report);
    for (const QString &warning : report.warnings)
        err << tr("warning: %1: %2").arg(path, warning) << u'\n';
    for (const ParseFailure &failure : report.failures)
        err << ImportFailure::from(path, failure).describe() << u'\n';
    if (verb.parser.isSet(verb.json)) {
        QJsonArray array;
        for (const Article &article : std::as_const(articles))
            array.append(articleJson(article));
        printJson(out, array);
    } else {
        for (const Article &article : std::as_const(articles)) {
            out << tr("Title: %1").arg(article.title) << u'\n';
            out << tr("Date: %1")
                       .arg(article.date.isValid() ? article.date.toString(Qt::ISODate)
                                                   : tr("(none)"))
                << u'\n';
            if (!article.authors.isEmpty())
                out << tr("Authors: %1").arg(article.authors.join(u", "_s)) << u'\n';
            if (!article.site.isEmpty())
                out << tr("Site: %1").arg(article.site) << u'\n';
            out << tr("Format: %1").arg(formatName(article.format)) << u'\n';
            out << tr("Paragraphs: %1").arg(article.paragraphs.size()) << u"\n\n"_s;
            for (const Paragraph &paragraph : article.paragraphs)
                out << u'[' << kindName(paragraph.kind) << u"] "_s << paragraph.text << u'\n';
            out << u'\n';
        }
    }
    if (articles.isEmpty())
        return Failure;
    return report.failures.isEmpty() ? Success : PartialFailure;
}

int runStats(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Verb verb(u"stats"_s, tr("Print what a library holds."));
    verb.parser.addOption(verb.library);
    verb.parser.addOption(verb.json);
    if (const std::optional<int> done = verb.parse(arguments, out, err))
        return *done;
    const std::unique_ptr<Library> library = openExisting(verb, err, Access::Write);
    if (!library)
        return Failure;
    LibraryStore *store = &library->store();
    const Result<LibraryStats> stats = store->stats();
    if (!stats) {
        err << stats.error() << u'\n';
        return Failure;
    }
    if (verb.parser.isSet(verb.json)) {
        QJsonObject object {
            { u"articles"_s, stats->articles },
            { u"words"_s, double(stats->words) },
            { u"sourceFiles"_s, stats->sourceFiles },
            { u"undated"_s, stats->undated },
            { u"oldest"_s, dateJson(stats->oldest) },
            { u"newest"_s, dateJson(stats->newest) },
        };
        for (const auto &[name, count] : stats->counts)
            object.insert(name, double(count));
        printJson(out, object);
    } else {
        out << tr("articles: %1").arg(stats->articles) << u'\n' << tr("words: %1").arg(stats->words)
            << u'\n' << tr("source files: %1").arg(stats->sourceFiles) << u'\n'
            << tr("undated: %1").arg(stats->undated) << u'\n';
        for (const auto &[name, count] : stats->counts)
            out << u"%1: %2"_s.arg(name).arg(count) << u'\n';
        if (stats->oldest.isValid())
            out << tr("dates: %1 to %2")
                       .arg(
                           stats->oldest.toString(Qt::ISODate), stats->newest.toString(Qt::ISODate))
                << u'\n';
    }
    return Success;
}

int runSearch(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Verb verb(u"search"_s, tr("Search a library's articles; words must all occur, \"quotes\" make a "
                 "phrase, -word excludes."));
    verb.parser.addOption(verb.library);
    verb.parser.addOption(verb.json);
    verb.parser.addOption(verb.limit);
    verb.parser.addPositionalArgument(u"query"_s, tr("What to look for."), tr("QUERY…"));
    if (const std::optional<int> done = verb.parse(arguments, out, err))
        return *done;
    const QString query = verb.parser.positionalArguments().join(u' ');
    if (query.trimmed().isEmpty()) {
        err << tr("Give something to search for.") << u'\n';
        return Failure;
    }
    bool ok = false;
    const int limit = verb.parser.value(verb.limit).toInt(&ok);
    if (!ok || limit <= 0) {
        err << tr("--limit takes a whole number above zero.") << u'\n';
        return Failure;
    }
    const std::unique_ptr<Library> library = openExisting(verb, err, Access::Read);
    if (!library)
        return Failure;
    LibraryStore *store = &library->store();
    if (const QString note = FtsQuery::limitNote(query); !note.isEmpty())
        err << note << u'\n';
    // A trailing space stops the last word from being read as a prefix: the shell gives whole
    // words, not a query being typed.
    const Result<QList<SearchHit>> hits = store->search(query + u' ', limit);
    if (!hits) {
        err << hits.error() << u'\n';
        return Failure;
    }
    if (verb.parser.isSet(verb.json)) {
        QJsonArray array;
        for (const SearchHit &hit : *hits) {
            array.append(QJsonObject {
                { u"id"_s, double(hit.article.id) },
                { u"title"_s, hit.article.title },
                { u"date"_s, dateJson(hit.article.date) },
                { u"source"_s, hit.article.source },
                { u"words"_s, hit.article.words },
                { u"snippet"_s, snippetForTerminal(hit.article.snippet) },
                { u"rank"_s, hit.position },
            });
        }
        printJson(out, QJsonObject { { u"query"_s, query }, { u"hits"_s, array } });
    } else {
        int rank = 0;
        for (const SearchHit &hit : *hits) {
            const ArticleSummary &article = hit.article;
            out << ++rank << u". "_s << article.title << u"  ("_s
                << (article.date.isValid() ? article.date.toString(Qt::ISODate) + u", "_s
                                           : QString())
                << article.source << u", #"_s << article.id << u")\n"_s;
            out << u"   "_s << snippetForTerminal(article.snippet) << u'\n';
        }
        if (hits->isEmpty())
            out << tr("No article matches.") << u'\n';
    }
    return Success;
}

int runRecover(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Verb verb(u"recover"_s,
        tr("Copy what can still be read of a damaged library into a new library file. The "
           "damaged one is only read."));
    verb.parser.addOption(verb.library);
    const QCommandLineOption output(
        { u"o"_s, u"output"_s }, tr("The new library file to make."), tr("file"));
    verb.parser.addOption(output);
    if (const std::optional<int> done = verb.parse(arguments, out, err))
        return *done;
    if (!verb.parser.isSet(output)) {
        err << tr("Name the new library with -o FILE.") << u'\n';
        return Failure;
    }
    const Result<LibraryCheck::Recovered> recovered
        = LibraryCheck::recover(verb.libraryPath(), verb.parser.value(output),
            [&](const QString &step) { err << step << u'\n'; });
    if (!recovered) {
        err << recovered.error() << u'\n';
        return Failure;
    }
    out << tr("recovered %1 articles, %2 highlights and %3 tags into %4")
               .arg(recovered->articles)
               .arg(recovered->highlights)
               .arg(recovered->tags)
               .arg(recovered->path)
        << u'\n';
    return Success;
}

} // namespace CommandLine
