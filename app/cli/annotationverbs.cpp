#include "verbs.h"
#include "commandline.h"
#include "verb.h"
#include "annotation/annotationstore.h"
#include "exporting/exporters.h"
#include "importing/annotationimporter.h"
#include "library/librarystore.h"
#include "library/librarywriter.h"

#include <QFileInfo>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace CommandLine {

int runExport(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Verb verb(u"export"_s, tr("Export highlights, tags and notes. Exporting never changes the library."));
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
    const std::unique_ptr<Library> library = openExisting(verb, err, Access::Read);
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

namespace {

/// Prints what an import did: the counts on standard output, each line of what was not
/// placed (and what is worth knowing) on standard error. Anything not placed is a partial
/// failure: a script must not take it for a whole import.
int reportImport(const AnnotationImportReport &report, QTextStream &out, QTextStream &err)
{
    out << report.countsLine() << u'\n';
    for (const QString &note : report.notes)
        err << tr("note: %1").arg(note) << u'\n';
    for (const QString &problem : report.problems)
        err << problem << u'\n';
    return report.everythingPlaced() ? Success : PartialFailure;
}

int runAnnotationImport(const QStringList &arguments, QTextStream &out, QTextStream &err,
    bool project)
{
    Verb verb(project ? u"import-project"_s : u"import-annotations"_s,
        project ? tr("Open a REFI-QDA project (.qdpx or .qde, from NVivo, ATLAS.ti, MAXQDA, "
                     "QualCoder…): its text sources become articles (or are matched to the same "
                     "text in the library), its codebook tags, its codings highlights.")
                : tr("Bring highlights in from W3C Web Annotation or Hypothesis JSON, or the "
                     "codings of a REFI-QDA project onto the articles already in the library."));
    verb.parser.addOption(verb.library);
    const QCommandLineOption article(u"article"_s,
        tr("Put web annotations on this article, whatever page they name."), tr("id"));
    const QCommandLineOption sources(u"sources"_s,
        tr("A folder holding source files the project names but does not contain."), tr("folder"));
    verb.parser.addOption(sources);
    if (!project)
        verb.parser.addOption(article);
    verb.parser.addPositionalArgument(u"file"_s,
        project ? tr("A .qdpx or .qde file.") : tr("A .json, .qdpx or .qde file."), tr("FILE"));
    if (const std::optional<int> done = verb.parse(arguments, out, err))
        return *done;
    AnnotationImportOptions options;
    options.sourcesFolder = verb.parser.value(sources);
    if (!project && verb.parser.isSet(article)) {
        bool ok = false;
        options.article = verb.parser.value(article).toLongLong(&ok);
        if (!ok || options.article <= 0) {
            err << tr("--article takes an article id (see gloss search).") << u'\n';
            return Failure;
        }
    }
    const QString file = verb.onlyFile(err,
        project ? tr("Name exactly one project file.") : tr("Name exactly one file of annotations."));
    if (file.isEmpty())
        return Failure;
    const std::unique_ptr<Library> library = openExisting(verb, err, Access::Write,
        project ? LibraryStore::OpenMode::CreateIfMissing : LibraryStore::OpenMode::MustExist);
    if (!library)
        return Failure;
    if (options.article > 0 && !library->store().article(options.article)) {
        err << tr("There is no article %1 in the library.").arg(options.article) << u'\n';
        return Failure;
    }
    AnnotationImporter importer(library->store(), library->writer(), options);
    const Result<AnnotationImportReport> report
        = project ? importer.importProject(file) : importer.importFile(file);
    if (!report) {
        err << report.error() << u'\n';
        return Failure;
    }
    return reportImport(*report, out, err);
}

} // namespace

int runImportAnnotations(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    return runAnnotationImport(arguments, out, err, false);
}

int runImportProject(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    return runAnnotationImport(arguments, out, err, true);
}

} // namespace CommandLine
