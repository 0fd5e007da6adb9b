#include "commandline.h"
#include "layers.h"
#include "annotation/annotationstore.h"
#include "article/articleparser.h"
#include "exporting/exporters.h"
#include "importing/annotationimporter.h"
#include "importing/importer.h"
#include "library/ftsquery.h"
#include "library/library.h"
#include "library/librarystore.h"
#include "library/librarywriter.h"
#include "quotes/quotedetector.h"
#include "quotes/quotestore.h"
#include "quotes/speakerindexer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTextStream>

#include <optional>

using namespace Qt::StringLiterals;

namespace CommandLine {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CommandLine", text);
}

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

QJsonValue dateJson(const QDate &date)
{
    return date.isValid() ? QJsonValue(date.toString(Qt::ISODate)) : QJsonValue();
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
        { u"format"_s, formatName(article.format) },
        { u"header"_s, article.rawHeader },
        { u"words"_s, article.wordCount() },
        { u"contentHash"_s, article.contentHash },
        { u"paragraphs"_s, paragraphs },
    };
    if (article.sourceIndex > 0)
        object.insert(u"line"_s, article.sourceIndex);
    return object;
}

void printJson(QTextStream &out, const QJsonValue &value)
{
    const QJsonDocument document
        = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    out << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
}

QString snippetForTerminal(QString snippet)
{
    snippet.replace(QChar(FtsQuery::SnippetStart), u'[');
    snippet.replace(QChar(FtsQuery::SnippetEnd), u']');
    return snippet;
}

// Each verb parses its own options so `gloss help VERB` style errors stay precise.
struct Verb
{
    QCommandLineParser parser;
    QCommandLineOption library { u"library"_s,
        tr("The library file (default: %1).").arg(defaultLibraryPath()), tr("file") };
    QCommandLineOption json { u"json"_s, tr("Print JSON instead of text.") };
    QCommandLineOption limit { u"limit"_s, tr("Print at most this many hits (default 20)."),
        tr("count"), u"20"_s };

    explicit Verb(const QString &description)
    {
        parser.setApplicationDescription(description);
        parser.addHelpOption();
    }

    /// Parses the verb's options; an exit code means "stop here" (bad options or --help).
    std::optional<int> parse(const QStringList &arguments, QTextStream &out, QTextStream &err)
    {
        // Drop the verb so positional arguments start after it.
        QStringList rest = arguments;
        if (rest.size() > 1)
            rest.removeAt(1);
        if (!parser.parse(rest)) {
            err << parser.errorText() << u'\n';
            return Failure;
        }
        if (parser.isSet(u"help"_s)) {
            out << parser.helpText();
            return Success;
        }
        return std::nullopt;
    }

    /// The one file the verb takes; an empty string (after saying why) when there is not one.
    QString onlyFile(QTextStream &err, const QString &sentence) const
    {
        const QStringList files = parser.positionalArguments();
        if (files.size() == 1)
            return files.front();
        err << sentence << u'\n';
        return {};
    }

    QString libraryPath() const
    {
        return parser.isSet(library) ? parser.value(library) : defaultLibraryPath();
    }
};

int runImport(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Verb verb(tr("Import article files and folders into a library."));
    verb.parser.addOption(verb.library);
    verb.parser.addPositionalArgument(u"paths"_s, tr("Files or folders to import."), tr("PATH…"));
    if (const std::optional<int> done = verb.parse(arguments, out, err))
        return *done;
    const QStringList paths = verb.parser.positionalArguments();
    if (paths.isEmpty()) {
        err << tr("Name at least one file or folder to import.") << u'\n';
        return Failure;
    }
    Result<std::unique_ptr<Library>> library = Library::open(
        verb.libraryPath(), LibraryStore::OpenMode::CreateIfMissing, Library::Writing::Inline);
    if (!library) {
        err << library.error() << u'\n';
        return Failure;
    }
    const ImportSummary summary = Importer((*library)->writer()).run(paths);
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

QList<Article> readArticles(const QString &path, ParseReport &report)
{
    QList<Article> articles;
    report = ArticleParser::parseFile(path, [&](Article &&article) {
        articles.append(std::move(article));
        return true;
    });
    return articles;
}

int runParse(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Verb verb(tr("Print how Gloss reads an article file, without a library."));
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
        err << ImportFailure { path, failure.item, failure.message }.describe() << u'\n';
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

// The verb's library, which must exist; null after saying why not. A command line has no
// window to keep responsive, so it writes on its own thread.
std::unique_ptr<Library> openExisting(const Verb &verb, QTextStream &err)
{
    Result<std::unique_ptr<Library>> library = Library::open(
        verb.libraryPath(), LibraryStore::OpenMode::MustExist, Library::Writing::Inline);
    if (!library) {
        err << library.error() << u'\n';
        return nullptr;
    }
    return std::move(*library);
}

int runStats(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Verb verb(tr("Print what a library holds."));
    verb.parser.addOption(verb.library);
    verb.parser.addOption(verb.json);
    if (const std::optional<int> done = verb.parse(arguments, out, err))
        return *done;
    const std::unique_ptr<Library> library = openExisting(verb, err);
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
    Verb verb(tr("Search a library's articles; words must all occur, \"quotes\" make a "
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
    const std::unique_ptr<Library> library = openExisting(verb, err);
    if (!library)
        return Failure;
    LibraryStore *store = &library->store();
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

int runExport(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Verb verb(tr("Export highlights, tags and notes. Exporting never changes the library."));
    verb.parser.addOption(verb.library);
    const QCommandLineOption format(u"format"_s,
        tr("md, csv, json (W3C Web Annotation), html, pdf or qdpx (REFI-QDA)."), tr("format"));
    const QCommandLineOption article(u"article"_s, tr("Only this article (repeatable)."), tr("id"));
    const QCommandLineOption tag(
        u"tag"_s, tr("Only highlights with this tag path (repeatable)."), tr("path"));
    const QCommandLineOption noSubtags(
        u"no-subtags"_s, tr("With --tag: leave out the tags below it."));
    const QCommandLineOption groupBy(
        u"group-by"_s, tr("article (default) or tag."), tr("what"), u"article"_s);
    const QCommandLineOption bom(u"bom"_s, tr("CSV: start with a byte-order mark, for Excel."));
    const QCommandLineOption perArticle(
        u"per-article"_s, tr("Markdown: one file per article, into the folder given with -o."));
    const QCommandLineOption output({ u"o"_s, u"output"_s }, tr("The file to write."), tr("file"));
    verb.parser.addOptions({ format, article, tag, noSubtags, groupBy, bom, perArticle, output });
    if (const std::optional<int> done = verb.parse(arguments, out, err))
        return *done;
    if (!verb.parser.isSet(output)) {
        err << tr("Name the file to write with -o FILE.") << u'\n';
        return Failure;
    }
    const Result<Exporters::Format> chosen
        = Exporters::formatFromName(verb.parser.isSet(format) ? verb.parser.value(format)
                : verb.parser.isSet(perArticle)               ? u"md"_s
                                                : QFileInfo(verb.parser.value(output)).suffix());
    if (!chosen) {
        err << chosen.error() << u'\n';
        return Failure;
    }
    const QString grouping = verb.parser.value(groupBy);
    if (grouping != u"article"_s && grouping != u"tag"_s) {
        err << tr("--group-by takes article or tag.") << u'\n';
        return Failure;
    }
    const std::unique_ptr<Library> library = openExisting(verb, err);
    if (!library)
        return Failure;
    LibraryStore *store = &library->store();
    ExportScope scope;
    scope.includeSubtags = !verb.parser.isSet(noSubtags);
    for (const QString &id : verb.parser.values(article)) {
        bool ok = false;
        const qint64 articleId = id.toLongLong(&ok);
        if (!ok || !store->article(articleId)) {
            err << tr("There is no article %1 in the library.").arg(id) << u'\n';
            return Failure;
        }
        scope.articleIds.append(articleId);
    }
    AnnotationStore annotations(*store);
    for (const QString &path : verb.parser.values(tag)) {
        const Result<qint64> tagId = annotations.tagIdByPath(path);
        if (!tagId || *tagId == 0) {
            err << tr("There is no tag “%1”.").arg(path) << u'\n';
            return Failure;
        }
        scope.tagIds.append(*tagId);
    }
    const Result<ExportSet> set = ExportSet::collect(*store, scope);
    if (!set) {
        err << set.error() << u'\n';
        return Failure;
    }
    if (verb.parser.isSet(perArticle)) {
        if (*chosen != Exporters::Format::Markdown) {
            err << tr("--per-article goes with the Markdown format.") << u'\n';
            return Failure;
        }
        const Result<int> files = Exporters::writeMarkdownFolder(verb.parser.value(output), *set);
        if (!files) {
            err << files.error() << u'\n';
            return Failure;
        }
        out << tr("exported %1 highlights into %2 files in %3")
                   .arg(set->highlightCount())
                   .arg(*files)
                   .arg(verb.parser.value(output))
            << u'\n';
        return Success;
    }
    Exporters::Options options;
    options.groupByTag = grouping == u"tag"_s;
    options.csvByteOrderMark = verb.parser.isSet(bom);
    const Result<void> written = Exporters::writeAtomically(
        verb.parser.value(output), Exporters::render(*chosen, *set, options));
    if (!written) {
        err << written.error() << u'\n';
        return Failure;
    }
    out << tr("exported %1 highlights from %2 articles to %3")
               .arg(set->highlightCount())
               .arg(set->articles.size())
               .arg(verb.parser.value(output))
        << u'\n';
    return Success;
}

int runImportAnnotations(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Verb verb(tr("Bring highlights back from W3C Web Annotation JSON or a REFI-QDA project."));
    verb.parser.addOption(verb.library);
    verb.parser.addPositionalArgument(u"file"_s, tr("A .json or .qdpx file."), tr("FILE"));
    if (const std::optional<int> done = verb.parse(arguments, out, err))
        return *done;
    const QString file = verb.onlyFile(err, tr("Name exactly one file of annotations."));
    if (file.isEmpty())
        return Failure;
    const std::unique_ptr<Library> library = openExisting(verb, err);
    if (!library)
        return Failure;
    LibraryStore *store = &library->store();
    const Result<AnnotationImportReport> report
        = AnnotationImporter(*store, library->writer()).importFile(file);
    if (!report) {
        err << report.error() << u'\n';
        return Failure;
    }
    out << report->countsLine() << u'\n';
    for (const QString &problem : report->problems)
        err << problem << u'\n';
    return report->unmatched + report->orphaned > 0 ? PartialFailure : Success;
}

int runQuotes(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Verb verb(tr("Print the quotations of an article file, with offsets and speakers."));
    verb.parser.addOption(verb.json);
    verb.parser.addPositionalArgument(u"file"_s, tr("The article file."), tr("FILE"));
    if (const std::optional<int> done = verb.parse(arguments, out, err))
        return *done;
    const QString file = verb.onlyFile(err, tr("Name exactly one article file."));
    if (file.isEmpty())
        return Failure;
    ParseReport report;
    const QList<Article> articles = readArticles(file, report);
    if (articles.isEmpty()) {
        err << (report.failures.isEmpty() ? tr("%1: no article.").arg(file)
                                          : ImportFailure { file, report.failures.front().item,
                                              report.failures.front().message }
                                                .describe())
            << u'\n';
        return Failure;
    }
    QJsonArray all;
    for (const Article &article : std::as_const(articles)) {
        const QString body = article.body();
        const QuoteAnalysis analysis = QuoteDetector::analyse(body);
        QJsonArray quotations;
        for (const Quotation &quotation : analysis.quotations) {
            if (verb.parser.isSet(verb.json)) {
                quotations.append(QJsonObject {
                    { u"start"_s, quotation.start },
                    { u"end"_s, quotation.end },
                    { u"text"_s, quotation.text },
                    { u"speaker"_s,
                        quotation.speaker.isEmpty() ? QJsonValue()
                                                    : QJsonValue(quotation.speaker) },
                    { u"nestedIn"_s, quotation.parent },
                });
            } else {
                out << quotation.start << u'-' << quotation.end << u"  "_s
                    << (quotation.speaker.isEmpty() ? tr("(unknown)") : quotation.speaker)
                    << (quotation.parent >= 0 ? tr("  (inside %1)").arg(quotation.parent + 1)
                                              : QString())
                    << u"\n    "_s << quotation.text << u'\n';
            }
        }
        // Who is quoted, under the fullest name, with the forms the article uses for them.
        QJsonArray speakers;
        for (const Speaker &speaker : analysis.speakers) {
            if (verb.parser.isSet(verb.json))
                speakers.append(QJsonObject { { u"name"_s, speaker.name },
                    { u"mentions"_s, QJsonArray::fromStringList(speaker.mentions) },
                    { u"quotations"_s, speaker.quotations } });
            else
                out << tr("speaker: %1 (%2), named as %3")
                           .arg(speaker.name)
                           .arg(speaker.quotations)
                           .arg(speaker.mentions.join(u", "_s))
                    << u'\n';
        }
        all.append(QJsonObject { { u"title"_s, article.title }, { u"quotations"_s, quotations },
            { u"speakers"_s, speakers } });
    }
    if (verb.parser.isSet(verb.json))
        printJson(out, all.size() == 1 ? QJsonValue(all.first()) : QJsonValue(all));
    return Success;
}

// Brings the speaker index up to date first, so the answer covers every article.
int runSpeakers(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Verb verb(tr("List the people quoted in a library, most quoted first, or the articles "
                 "quoting one of them."));
    verb.parser.addOption(verb.library);
    verb.parser.addOption(verb.json);
    verb.parser.addPositionalArgument(
        u"name"_s, tr("A speaker, to list the articles quoting them."), tr("[NAME]"));
    if (const std::optional<int> done = verb.parse(arguments, out, err))
        return *done;
    const std::unique_ptr<Library> library = openExisting(verb, err);
    if (!library)
        return Failure;
    LibraryStore *store = &library->store();
    if (const SpeakerIndexOutcome indexed = SpeakerIndexer::run(*store, library->writer());
        !indexed.error.isEmpty()) {
        err << indexed.error << u'\n';
        return Failure;
    }
    const QuoteStore quotes(*store);
    const bool json = verb.parser.isSet(verb.json);
    const QString name = verb.parser.positionalArguments().join(u' ').simplified();
    if (name.isEmpty()) {
        const Result<QList<SpeakerSummary>> speakers = quotes.speakers();
        if (!speakers) {
            err << speakers.error() << u'\n';
            return Failure;
        }
        QJsonArray array;
        for (const SpeakerSummary &speaker : *speakers) {
            if (json)
                array.append(QJsonObject { { u"name"_s, speaker.name },
                    { u"quotations"_s, speaker.quotations }, { u"articles"_s, speaker.articles } });
            else
                out << speaker.name << u'\t'
                    << (speaker.quotations == 1 ? tr("1 quotation")
                                                : tr("%1 quotations").arg(speaker.quotations))
                    << u'\t'
                    << (speaker.articles == 1 ? tr("1 article")
                                              : tr("%1 articles").arg(speaker.articles))
                    << u'\n';
        }
        if (json)
            printJson(out, array);
        return Success;
    }
    const Result<QList<qint64>> ids = quotes.articlesQuoting(name);
    const Result<QList<ArticleSummary>> articles
        = ids ? store->summaries(*ids) : Result<QList<ArticleSummary>>(ids.failure());
    if (!articles) {
        err << articles.error() << u'\n';
        return Failure;
    }
    if (articles->isEmpty()) {
        err << tr("No article quotes “%1”; `gloss speakers` lists the names.").arg(name) << u'\n';
        return Failure;
    }
    QJsonArray array;
    for (const ArticleSummary &article : *articles) {
        if (json)
            array.append(QJsonObject { { u"id"_s, article.id }, { u"title"_s, article.title },
                { u"date"_s, dateJson(article.date) }, { u"source"_s, article.source } });
        else
            out << article.title << u'\t' << article.date.toString(Qt::ISODate) << u'\t'
                << article.source << u'\n';
    }
    if (json)
        printJson(out, QJsonObject { { u"speaker"_s, name }, { u"articles"_s, array } });
    return Success;
}

} // namespace

QString defaultLibraryPath()
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (folder.isEmpty())
        folder = QDir::homePath() + u"/.local/share/gloss"_s;
    return folder + u"/library.sqlite"_s;
}

bool isVerb(const QString &argument)
{
    return argument == u"import"_s || argument == u"parse"_s || argument == u"stats"_s
        || argument == u"search"_s || argument == u"export"_s || argument == u"import-annotations"_s
        || argument == u"quotes"_s || argument == u"speakers"_s;
}

int run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Layers::install();
    const QString verb = arguments.value(1);
    int code = Failure;
    if (verb == u"import"_s)
        code = runImport(arguments, out, err);
    else if (verb == u"parse"_s)
        code = runParse(arguments, out, err);
    else if (verb == u"stats"_s)
        code = runStats(arguments, out, err);
    else if (verb == u"search"_s)
        code = runSearch(arguments, out, err);
    else if (verb == u"export"_s)
        code = runExport(arguments, out, err);
    else if (verb == u"import-annotations"_s)
        code = runImportAnnotations(arguments, out, err);
    else if (verb == u"quotes"_s)
        code = runQuotes(arguments, out, err);
    else if (verb == u"speakers"_s)
        code = runSpeakers(arguments, out, err);
    else
        err << tr("Unknown command “%1”; use import, parse, stats, search, quotes, speakers, "
                  "export or import-annotations.")
                   .arg(verb)
            << u'\n';
    out.flush();
    err.flush();
    return code;
}

} // namespace CommandLine
