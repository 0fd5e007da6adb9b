#include "commandline.h"
#include "layers.h"
#include "verb.h"
#include "verbs.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace CommandLine {

const QList<VerbEntry> &verbs()
{
    static const QList<VerbEntry> table = {
        { u"import"_s, tr("Import article files and folders into a library."), &runImport },
        { u"parse"_s, tr("Show how Gloss reads an article file, without a library."), &runParse },
        { u"stats"_s, tr("Show what a library holds, after checking it whole."), &runStats },
        { u"search"_s, tr("Search a library's articles."), &runSearch },
        { u"quotes"_s, tr("List the quotations of an article file and who said them."),
            &runQuotes },
        { u"speakers"_s, tr("List the people quoted in a library, or the articles quoting one."),
            &runSpeakers },
        { u"export"_s, tr("Export highlights, tags and notes (Markdown, CSV, HTML, PDF, W3C, "
                          "REFI-QDA)."),
            &runExport },
        { u"import-annotations"_s,
            tr("Bring highlights in from W3C Web Annotation or Hypothesis JSON, or a REFI-QDA "
               "project's codings."),
            &runImportAnnotations },
        { u"import-project"_s,
            tr("Open a REFI-QDA project (.qdpx, .qde): sources, codebook and codings."),
            &runImportProject },
        { u"recover"_s, tr("Copy what can be read of a damaged library into a new one."),
            &runRecover },
    };
    return table;
}

namespace {

// The edit distance of two short words, for "did you mean".
int distance(const QString &a, const QString &b)
{
    QList<int> previous(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        QList<int> current(b.size() + 1);
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a.at(i - 1) == b.at(j - 1) ? 0 : 1);
            current[j] = std::min({ previous[j] + 1, current[j - 1] + 1, substitution });
        }
        previous = current;
    }
    return previous.back();
}

} // namespace

QString helpText()
{
    QString text = tr("Usage: gloss [--library LIBRARY] [FILE…]\n"
                      "       gloss VERB [options]\n\n"
                      "Gloss reads, highlights and annotates news articles. Without a verb it "
                      "opens the window\n(importing and showing FILEs, if given). With one it "
                      "runs without a window:\n\n");
    qsizetype widest = 0;
    for (const VerbEntry &verb : verbs())
        widest = std::max(widest, verb.name.size());
    for (const VerbEntry &verb : verbs())
        text += u"  "_s + verb.name.leftJustified(widest + 2) + verb.summary + u'\n';
    text += tr("\nOptions:\n"
               "  --library LIBRARY  the library to open (default: %1)\n"
               "  -h, --help         show this help; gloss VERB --help shows a verb's\n"
               "  -v, --version      show the version\n")
                .arg(defaultLibraryPath());
    return text;
}

QString suggestionFor(const QString &word)
{
    QString best;
    int bestDistance = 3;
    for (const VerbEntry &verb : verbs()) {
        const int d = distance(word.toLower(), verb.name);
        if (d < bestDistance || (verb.name.startsWith(word.toLower()) && !word.isEmpty())) {
            best = verb.name;
            bestDistance = std::min(d, bestDistance);
        }
    }
    return best;
}

QString defaultLibraryPath()
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (folder.isEmpty())
        folder = QDir::homePath() + u"/.local/share/gloss"_s;
    return folder + u"/library.sqlite"_s;
}

bool isVerb(const QString &argument)
{
    for (const VerbEntry &verb : verbs()) {
        if (verb.name == argument)
            return true;
    }
    return argument == u"help"_s || argument == u"--help"_s || argument == u"-h"_s
        || argument == u"--version"_s || argument == u"-v"_s;
}

int run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Layers::install();
    const QString verb = arguments.value(1);
    int code = Failure;
    const auto found = std::find_if(verbs().cbegin(), verbs().cend(),
        [&](const VerbEntry &entry) { return entry.name == verb; });
    if (found != verbs().cend()) {
        code = found->run(arguments, out, err);
    } else if (verb == u"--version"_s || verb == u"-v"_s) {
        out << u"gloss "_s << QStringLiteral(GLOSS_VERSION) << u'\n';
        code = Success;
    } else if (verb == u"--help"_s || verb == u"-h"_s || verb == u"help"_s) {
        const QString about = arguments.value(2);
        const auto named = std::find_if(verbs().cbegin(), verbs().cend(),
            [&](const VerbEntry &entry) { return entry.name == about; });
        if (named != verbs().cend())
            code = named->run({ arguments.value(0), about, u"--help"_s }, out, err);
        else {
            out << helpText();
            code = Success;
        }
    } else {
        const QString suggestion = suggestionFor(verb);
        err << (suggestion.isEmpty()
                       ? tr("gloss: “%1” is not a verb of gloss (see gloss --help).").arg(verb)
                       : tr("gloss: “%1” is not a verb of gloss; did you mean “%2”? (see gloss "
                            "--help)")
                             .arg(verb, suggestion))
            << u'\n';
    }
    out.flush();
    err.flush();
    return code;
}

} // namespace CommandLine
