#include "verbs.h"
#include "commandline.h"
#include "verb.h"
#include "article/articleparser.h"
#include "importing/importer.h"
#include "library/librarystore.h"
#include "library/librarywriter.h"
#include "quotes/quotedetector.h"
#include "quotes/quotestore.h"
#include "quotes/speakerindexer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace CommandLine {

int runQuotes(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Verb verb(u"quotes"_s, tr("Print the quotations of an article file, with offsets and speakers."));
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
        err << (report.failures.isEmpty()
                       ? tr("%1: no article.").arg(file)
                       : ImportFailure::from(file, report.failures.front()).describe())
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
    Verb verb(u"speakers"_s, tr("List the people quoted in a library, most quoted first, or the articles "
                 "quoting one of them."));
    verb.parser.addOption(verb.library);
    verb.parser.addOption(verb.json);
    verb.parser.addPositionalArgument(
        u"name"_s, tr("A speaker, to list the articles quoting them."), tr("[NAME]"));
    if (const std::optional<int> done = verb.parse(arguments, out, err))
        return *done;
    const std::unique_ptr<Library> library = openExisting(verb, err, Access::Write);
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

} // namespace CommandLine
