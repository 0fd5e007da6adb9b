// Exchange with other tools at scale: 20,000 web annotations (tags and quote selectors) into the
// BBC library, and a REFI-QDA project of 5,000 sources and 50,000 codings opened into an empty
// library. The files are generated as another tool would write them (no Gloss ids).
#include "benchsupport.h"

#include "annotation/annotationstore.h"
#include "core/zipwriter.h"
#include "importing/annotationimporter.h"
#include "importing/importer.h"
#include "library/library.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;
using namespace Bench;

namespace {

QString jsonString(const QString &text)
{
    QString out = u"\""_s;
    for (const QChar c : text) {
        if (c == u'"' || c == u'\\')
            out += u'\\';
        if (c == u'\n') {
            out += u"\\n"_s;
            continue;
        }
        out += c;
    }
    return out + u'"';
}

/// A library of the BBC corpus, or of generated articles of the same count without it.
std::unique_ptr<Library> corpusLibrary(const QString &work)
{
    const QString path = work + u"/exchange.sqlite"_s;
    for (const QString &suffix : { QString(), u"-wal"_s, u"-shm"_s })
        QFile::remove(path + suffix);
    Result<std::unique_ptr<Library>> library
        = Library::open(path, LibraryStore::OpenMode::CreateIfMissing, Library::Writing::Inline);
    if (!library)
        return nullptr;
    QString corpus = QString::fromUtf8(GLOSS_SHARED_DIR) + u"/corpus/bbc"_s;
    if (!QFileInfo::exists(corpus)) {
        corpus = work + u"/generated"_s;
        generateCorpus(corpus, 2225);
    }
    const ImportSummary summary = Importer((*library)->writer()).run({ corpus });
    out() << "  (library of " << summary.imported << " articles from " << corpus << ")\n";
    return std::move(*library);
}

} // namespace

void benchExchange(const QString &work)
{
    QRandomGenerator random(2024);
    std::unique_ptr<Library> library = corpusLibrary(work);
    if (!library) {
        out() << "exchange: cannot make the library\n";
        return;
    }
    const QList<qint64> ids = *library->store().articleIds(ArticleQuery {});

    // 1. 20,000 W3C annotations: a quote selector and one or two of 200 tags each.
    QString json = u"["_s;
    for (int i = 0; i < 20000; ++i) {
        const qint64 id = ids.at(int(random.bounded(int(ids.size()))));
        const Article article = *library->store().article(id);
        const QString body = article.body();
        const int length = 20 + int(random.bounded(60));
        const int start = int(random.bounded(std::max(1, int(body.size()) - length)));
        const QString exact = body.mid(start, length);
        if (i > 0)
            json += u",\n"_s;
        json += uR"({"@context": "http://www.w3.org/ns/anno.jsonld", "id": "http://tool.example/a/%1",
 "type": "Annotation", "motivation": "tagging",
 "body": [{"type": "TextualBody", "purpose": "tagging", "value": "Code %2"}, {"type": "TextualBody", "purpose": "tagging", "value": "Theme %3/Sub %4"}],
 "target": {"source": "urn:sha256:%5", "selector": {"type": "TextQuoteSelector", "exact": %6}}})"_s
                    .arg(i)
                    .arg(random.bounded(200))
                    .arg(random.bounded(10))
                    .arg(random.bounded(20))
                    .arg(article.contentHash, jsonString(exact));
    }
    json += u"]"_s;
    const QString w3c = work + u"/annotations.json"_s;
    {
        QFile file(w3c);
        if (!file.open(QIODevice::WriteOnly))
            return;
        file.write(json.toUtf8());
    }
    QElapsedTimer timer;
    timer.start();
    const Result<AnnotationImportReport> web
        = AnnotationImporter(library->store(), library->writer()).importFile(w3c);
    const double webSeconds = timer.nsecsElapsed() / 1e9;
    out() << "Import 20,000 W3C annotations (tags, quote selectors) into the library: " << webSeconds
          << " s (goal < 3 s); " << (web ? web->countsLine() : web.error()) << '\n';

    // 2. A project of 5,000 sources with 10 codings each over 100 codes, into an empty library.
    QString xml = uR"(<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Bench" origin="Bench tool">
<Users><User guid="00000000-0000-0000-0000-0000000000aa" name="Coder"/></Users>
<CodeBook><Codes>)"_s;
    for (int c = 0; c < 100; ++c)
        xml += u"<Code guid=\"00000000-0000-0000-0001-%1\" name=\"Code %2\" isCodable=\"true\"/>"_s
                   .arg(c, 12, 10, QChar(u'0'))
                   .arg(c);
    xml += u"</Codes></CodeBook>\n<Sources>\n"_s;
    ZipWriter zip;
    for (int s = 0; s < 5000; ++s) {
        QString text;
        for (int p = 0; p < 6; ++p)
            text += sentence(random) + u' ' + sentence(random) + u'\n';
        const QString guid = u"00000000-0000-0000-0002-%1"_s.arg(s, 12, 10, QChar(u'0'));
        zip.addFile(u"sources/"_s + guid + u".txt"_s, text.toUtf8());
        xml += u"<TextSource guid=\"%1\" name=\"Source %2\" plainTextPath=\"internal://%1.txt\">\n"_s.arg(guid).arg(s);
        const qint64 length = text.toUcs4().size();
        for (int k = 0; k < 10; ++k) {
            const qint64 start = random.bounded(std::max<qint64>(1, length - 40));
            xml += u"<PlainTextSelection guid=\"00000000-0000-0003-%1-%2\" name=\"s\" startPosition=\"%3\" endPosition=\"%4\" creatingUser=\"00000000-0000-0000-0000-0000000000aa\">"
                   "<Coding guid=\"00000000-0000-0004-%1-%2\"><CodeRef targetGUID=\"00000000-0000-0000-0001-%5\"/></Coding></PlainTextSelection>\n"_s
                       .arg(s, 4, 10, QChar(u'0'))
                       .arg(k, 12, 10, QChar(u'0'))
                       .arg(start)
                       .arg(start + 30)
                       .arg(int(random.bounded(100)), 12, 10, QChar(u'0'));
        }
        xml += u"</TextSource>\n"_s;
    }
    xml += u"</Sources>\n</Project>\n"_s;
    zip.addFile(u"project.qde"_s, xml.toUtf8());
    const QString project = work + u"/bench.qdpx"_s;
    {
        QFile file(project);
        if (!file.open(QIODevice::WriteOnly))
            return;
        file.write(zip.finish());
    }
    const QString emptyPath = work + u"/project.sqlite"_s;
    for (const QString &suffix : { QString(), u"-wal"_s, u"-shm"_s })
        QFile::remove(emptyPath + suffix);
    Result<std::unique_ptr<Library>> empty
        = Library::open(emptyPath, LibraryStore::OpenMode::CreateIfMissing, Library::Writing::Inline);
    if (!empty)
        return;
    timer.restart();
    const Result<AnnotationImportReport> opened
        = AnnotationImporter((*empty)->store(), (*empty)->writer()).importProject(project);
    const double projectSeconds = timer.nsecsElapsed() / 1e9;
    out() << "Open a REFI-QDA project of 5,000 sources and 50,000 codings into an empty library: "
          << projectSeconds << " s (goal < 10 s); "
          << (opened ? opened->countsLine() : opened.error()) << '\n';
    // The same project into the BBC library: each source looked for among its articles.
    timer.restart();
    const Result<AnnotationImportReport> intoFull
        = AnnotationImporter(library->store(), library->writer()).importProject(project);
    out() << "The same project into the 2,225-article library: " << timer.nsecsElapsed() / 1e9
          << " s; " << (intoFull ? intoFull->countsLine() : intoFull.error()) << '\n';
}
