// Exchange with other tools: REFI-QDA projects as NVivo, ATLAS.ti, MAXQDA, QualCoder and qc
// write them, W3C Web Annotation and Hypothesis JSON. Real files from ../shared where present;
// the rest built here, one convention or one hostile case at a time.
#include "annotation/annotationservice.h"
#include "annotation/annotationstore.h"
#include "core/zipreader.h"
#include "core/zipwriter.h"
#include "exporting/exporters.h"
#include "exporting/exportset.h"
#include "importing/annotationimporter.h"
#include "importing/importer.h"
#include "importing/refiproject.h"
#include "importing/webannotationreader.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace {

const QString s_codes = uR"(<CodeBook><Codes>
  <Code guid="c0000000-0000-0000-0000-000000000001" name="Economy" isCodable="true" color="#F80">
    <Description>Money matters</Description>
    <Code guid="c0000000-0000-0000-0000-000000000002" name="Tax/Spend" isCodable="true"/>
  </Code>
  <Code guid="c0000000-0000-0000-0000-000000000003" name="Unused" isCodable="false" color="#112233"/>
</Codes></CodeBook>)"_s;

/// A project document around the given sources (and anything else after them).
QByteArray projectXml(const QString &sources, const QString &origin = u"Test tool"_s,
    const QString &extra = {}, const QString &attributes = {})
{
    return uR"(<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Test" origin="%1" %4>
<Users><User guid="u0000000-0000-0000-0000-000000000001" name="Ana"/></Users>
%2
<Sources>%3</Sources>
%5
</Project>)"_s.arg(origin, s_codes, sources, attributes, extra)
        .toUtf8();
}

QString selection(const QString &guid, qint64 start, qint64 end, const QString &name,
    const QString &inner = u"<Coding guid=\"g1\"><CodeRef targetGUID=\"c0000000-0000-0000-0000-000000000002\"/></Coding>"_s)
{
    return uR"(<PlainTextSelection guid="%1" name="%2" startPosition="%3" endPosition="%4" creatingUser="u0000000-0000-0000-0000-000000000001">%5</PlainTextSelection>)"_s
        .arg(guid, name.toHtmlEscaped())
        .arg(start)
        .arg(end)
        .arg(inner);
}

QString rawSelection(const QString &guid, const QString &start, const QString &end)
{
    return uR"(<PlainTextSelection guid="%1" name="x" startPosition="%2" endPosition="%3"/>)"_s.arg(guid, start, end);
}

QString textSource(const QString &guid, const QString &name, const QString &path,
    const QString &selections)
{
    return uR"(<TextSource guid="%1" name="%2" plainTextPath="%3">%4</TextSource>)"_s.arg(guid, name, path, selections);
}

/// The code points of a text, as other tools count them.
qint64 codePoints(const QString &text)
{
    return text.toUcs4().size();
}

} // namespace

class TestInterop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    // Real projects and annotations from other tools.
    void qcDemoProjectOpens();
    void atlasProjectReportsWhatIsMissing();
    void recogitoAnnotationsFindTheirPage();
    void w3cSuiteSamples();
    // REFI-QDA, one convention at a time.
    void archiveNamesAsToolsWriteThem_data();
    void archiveNamesAsToolsWriteThem();
    void lineEndsAndMarks_data();
    void lineEndsAndMarks();
    void emojiAndRightToLeft();
    void badPositions_data();
    void badPositions();
    void notesAsToolsAttachThem();
    void codebookComesWhole();
    void projectMatchesTextAlreadyThere();
    void hostileProjects_data();
    void hostileProjects();
    void projectRoundTrip();
    void cancelLeavesTheLibraryAsItWas();
    // Web annotations.
    void refinedSelectors();
    void bodies();
    void hypothesisShapes_data();
    void hypothesisShapes();
    void positionsAreHonest();
    void distinctAnnotationsStayDistinct();
    void unreadableFilesAreRefused();

private:
    std::unique_ptr<Library> library();
    QString writeProject(const QByteArray &xml, const QList<QPair<QString, QByteArray>> &files,
        const QString &projectName = u"project.qde"_s);
    Result<AnnotationImportReport> openProject(const QString &path, AnnotationImportOptions options = {});
    Result<AnnotationImportReport> importAnnotations(const QString &path, AnnotationImportOptions options = {});
    QList<Highlight> highlights();
    qint64 addArticle(const QString &title, const QString &body, const QString &url = {});
    QString writeJson(const QByteArray &json);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
    int m_files = 0;
};

void TestInterop::init()
{
    m_library.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    m_library = TestSupport::openLibrary(m_dir->filePath(u"lib.sqlite"_s), Library::Writing::Inline);
}

QString TestInterop::writeProject(const QByteArray &xml,
    const QList<QPair<QString, QByteArray>> &files, const QString &projectName)
{
    ZipWriter zip;
    zip.addFile(projectName, xml);
    for (const auto &[name, bytes] : files)
        zip.addFile(name, bytes);
    return TestSupport::writeFile(QDir(m_dir->path()), u"p%1.qdpx"_s.arg(++m_files), zip.finish());
}

Result<AnnotationImportReport> TestInterop::openProject(const QString &path, AnnotationImportOptions options)
{
    return AnnotationImporter(m_library->store(), m_library->writer(), std::move(options)).importProject(path);
}

Result<AnnotationImportReport> TestInterop::importAnnotations(const QString &path, AnnotationImportOptions options)
{
    return AnnotationImporter(m_library->store(), m_library->writer(), std::move(options)).importFile(path);
}

QList<Highlight> TestInterop::highlights()
{
    QList<Highlight> all;
    const Result<QHash<qint64, QList<Highlight>>> byArticle = AnnotationStore(m_library->store()).allHighlights();
    if (byArticle) {
        for (const QList<Highlight> &list : *byArticle)
            all += list;
    }
    std::sort(all.begin(), all.end(), [](const Highlight &a, const Highlight &b) { return a.id < b.id; });
    return all;
}

qint64 TestInterop::addArticle(const QString &title, const QString &body, const QString &url)
{
    Article article;
    article.sourcePath = m_dir->filePath(u"a%1.txt"_s.arg(++m_files));
    article.title = title;
    article.url = url;
    for (const QString &line : body.split(u'\n'))
        article.paragraphs.append({ ParagraphKind::Paragraph, line });
    article.updateContentHash();
    const Result<LibraryStore::Upserted> stored = m_library->store().upsertArticle(article);
    return stored ? stored->id : 0;
}

QString TestInterop::writeJson(const QByteArray &json)
{
    return TestSupport::writeFile(QDir(m_dir->path()), u"a%1.json"_s.arg(++m_files), json);
}

// ---------------------------------------------------------------------------------------------

void TestInterop::qcDemoProjectOpens()
{
    GLOSS_REQUIRE_SHARED("interop/qdpx/qc-demo.qdpx");
    const QString file = TestSupport::sharedPath(u"interop/qdpx/qc-demo.qdpx"_s);
    const Result<AnnotationImportReport> report = openProject(file);
    QVERIFY2(report, qPrintable(report.error()));
    QCOMPARE(report->sources, 2);
    QCOMPARE(report->sourcesAdded, 2);
    QCOMPARE(report->codes, 262);
    QCOMPARE(report->codesAdded, 262);
    QCOMPARE(report->found, 158);
    QCOMPARE(report->added, 158);
    QVERIFY2(report->everythingPlaced(), qPrintable(report->problems.join(u'\n')));
    // qc selects whole lines ("line:N"): every highlight starts where a line starts.
    for (const Highlight &highlight : highlights()) {
        const QString body = *m_library->store().body(highlight.articleId);
        QVERIFY(highlight.anchor.start == 0 || body.at(highlight.anchor.start - 1) == u'\n');
        QCOMPARE(highlight.status, AnchorStatus::Exact);
        QVERIFY(!highlight.tagIds.isEmpty());
        QCOMPARE(highlight.annotator, u"cp"_s);
    }
    // Opened again, it adds nothing.
    const Result<AnnotationImportReport> again = openProject(file);
    QVERIFY(again);
    QCOMPARE(again->added, 0);
    QCOMPARE(again->duplicates, 158);
    QCOMPARE(again->sourcesMatched, 2);
}

void TestInterop::atlasProjectReportsWhatIsMissing()
{
    GLOSS_REQUIRE_SHARED("interop/qdpx/skyloom-TestProject.qdpx");
    const QString file = TestSupport::sharedPath(u"interop/qdpx/skyloom-TestProject.qdpx"_s);
    const Result<AnnotationImportReport> report = openProject(file);
    QVERIFY2(report, qPrintable(report.error()));
    // Its text files are not in the archive: each source and coding is named, none dropped.
    QVERIFY(report->sourcesMissing > 0);
    QCOMPARE(report->added, 0);
    QVERIFY(report->notPlaced >= 6);
    QVERIFY(!report->everythingPlaced());
    QVERIFY(report->problems.join(u'\n').contains(u"is not in the archive"_s));
    // Pictures, video and PDF regions are counted as not read.
    QVERIFY(report->notes.join(u'\n').contains(u"video"_s));
    // The codebook comes whole, colours and descriptions with it.
    QCOMPARE(report->codes, 14);
    QCOMPARE(report->codesAdded, 14);
    const QList<Tag> tags = *AnnotationStore(m_library->store()).tags();
    QCOMPARE(tags.size(), 14);
    QVERIFY(std::any_of(tags.cbegin(), tags.cend(), [](const Tag &t) { return !t.description.isEmpty(); }));
    QVERIFY(std::any_of(tags.cbegin(), tags.cend(), [](const Tag &t) { return t.color.startsWith(u'#'); }));

    // Given the folder where the user keeps the texts, the sources found there come in.
    const QDir texts(m_dir->filePath(u"texts"_s));
    TestSupport::writeFile(texts, u"Simon.txt"_s, QByteArray("Simon says ").repeated(100));
    AnnotationImportOptions options;
    options.sourcesFolder = texts.absolutePath();
    const Result<AnnotationImportReport> relinked = openProject(file, options);
    QVERIFY2(relinked, qPrintable(relinked.error()));
    QCOMPARE(relinked->sourcesAdded, 1);
    QCOMPARE(relinked->added, 3);
}

void TestInterop::recogitoAnnotationsFindTheirPage()
{
    GLOSS_REQUIRE_SHARED("interop/w3c/recogito/annotations.w3c.json");
    const ImportSummary page = Importer(m_library->writer())
                                   .run({ TestSupport::sharedPath(u"interop/w3c/recogito/index.html"_s) });
    QCOMPARE(page.imported, 1);
    const QString file = TestSupport::sharedPath(u"interop/w3c/recogito/annotations.w3c.json"_s);
    // Its annotations name the site, not the page: unmatched, each said.
    const Result<AnnotationImportReport> unmatched = importAnnotations(file);
    QVERIFY(unmatched);
    QCOMPARE(unmatched->unmatched, 5);
    QCOMPARE(unmatched->problems.size(), 5);
    // Put on the page by hand, each finds its words (their whitespace collapsed or not).
    AnnotationImportOptions options;
    options.article = page.firstArticleId;
    const Result<AnnotationImportReport> placed = importAnnotations(file, options);
    QVERIFY2(placed, qPrintable(placed.error()));
    QCOMPARE(placed->added, 5);
    QVERIFY2(placed->everythingPlaced(), qPrintable(placed->problems.join(u'\n')));
    const QString body = *m_library->store().body(page.firstArticleId);
    for (const Highlight &highlight : highlights()) {
        QCOMPARE(body.mid(highlight.anchor.start, highlight.anchor.end - highlight.anchor.start),
            highlight.anchor.exact);
        QVERIFY(!highlight.annotator.isEmpty());
    }
}

void TestInterop::w3cSuiteSamples()
{
    GLOSS_REQUIRE_SHARED("interop/w3c/web-annotation-tests/correct/anno1.json");
    const QDir correct(TestSupport::sharedPath(u"interop/w3c/web-annotation-tests/correct"_s));
    int read = 0;
    for (const QString &name : correct.entryList({ u"*.json"_s }, QDir::Files)) {
        const Result<WebAnnotationFile> file
            = WebAnnotationReader::read(TestSupport::readFile(correct.filePath(name)));
        if (!file) {
            // Only a collection whose pages are elsewhere holds nothing to read, and says so.
            QVERIFY2(file.error().contains(u"not in the file"_s), qPrintable(name + u": "_s + file.error()));
            continue;
        }
        QVERIFY2(file->found >= 1, qPrintable(name));
        // Everything found is taken or said not to be.
        QVERIFY(file->annotations.size() + file->skipped.size() >= file->found);
        ++read;
    }
    QVERIFY(read >= 40);
    // Placed where the suite's text quote says, on an article holding it.
    const QString quoteFile = correct.filePath(u"anno26.json"_s);
    const QString exact = WebAnnotationReader::read(TestSupport::readFile(quoteFile))->annotations.front().target.exact;
    const qint64 id = addArticle(u"Page one"_s, u"Before it. "_s + exact + u" After it."_s, u"http://example.org/page1"_s);
    const Result<AnnotationImportReport> report = importAnnotations(quoteFile);
    QVERIFY(report);
    QCOMPARE(report->added, 1);
    QCOMPARE(highlights().front().articleId, id);

    const QDir incorrect(TestSupport::sharedPath(u"interop/w3c/web-annotation-tests/incorrect"_s));
    for (const QString &name : incorrect.entryList({ u"*.json"_s }, QDir::Files)) {
        const Result<WebAnnotationFile> file
            = WebAnnotationReader::read(TestSupport::readFile(incorrect.filePath(name)));
        // Refused with a sentence, or read with what cannot be used said: never silence.
        if (!file)
            QVERIFY2(!file.error().isEmpty(), qPrintable(name));
        else
            QVERIFY2(file->found >= 1, qPrintable(name));
    }
}

// ---------------------------------------------------------------------------------------------

void TestInterop::archiveNamesAsToolsWriteThem_data()
{
    QTest::addColumn<QString>("projectName");
    QTest::addColumn<QString>("member");
    QTest::addColumn<QString>("path");
    QTest::addRow("nvivo-capitals") << u"Project.qde"_s << u"Sources/ABC.txt"_s << u"internal://abc.txt"_s;
    QTest::addRow("lower-case") << u"project.qde"_s << u"sources/abc.txt"_s << u"internal://abc.txt"_s;
    QTest::addRow("bare-name") << u"project.qde"_s << u"sources/abc.txt"_s << u"abc.txt"_s;
    QTest::addRow("top-level-file") << u"project.qde"_s << u"abc.txt"_s << u"internal://abc.txt"_s;
    QTest::addRow("other-name.qde") << u"My project.qde"_s << u"sources/abc.txt"_s << u"internal://abc.txt"_s;
    QTest::addRow("absolute") << u"project.qde"_s << QString() << u"absolute://ABSOLUTE"_s;
    QTest::addRow("relative") << u"project.qde"_s << QString() << u"relative:///abc.txt"_s;
}

void TestInterop::archiveNamesAsToolsWriteThem()
{
    QFETCH(QString, projectName);
    QFETCH(QString, member);
    QFETCH(QString, path);
    const QString text = u"The mayor said the budget would pass. Then it did."_s;
    QList<QPair<QString, QByteArray>> files;
    if (!member.isEmpty())
        files.append({ member, text.toUtf8() });
    QString attributes;
    if (path.contains(u"ABSOLUTE"_s))
        path.replace(u"ABSOLUTE"_s, TestSupport::writeFile(QDir(m_dir->path()), u"outside/abc.txt"_s, text.toUtf8()));
    if (path.startsWith(u"relative"_s)) {
        TestSupport::writeFile(QDir(m_dir->filePath(u"base"_s)), u"abc.txt"_s, text.toUtf8());
        attributes = u"basePath=\"%1\""_s.arg(m_dir->filePath(u"base"_s));
    }
    const QString file = writeProject(
        projectXml(textSource(u"s1"_s, u"Budget.txt"_s, path,
                       selection(u"sel1"_s, 4, 9, u"mayor"_s)),
            u"Tool"_s, {}, attributes),
        files, projectName);
    const Result<AnnotationImportReport> report = openProject(file);
    QVERIFY2(report, qPrintable(report.error()));
    QVERIFY2(report->everythingPlaced(), qPrintable(report->problems.join(u'\n')));
    QCOMPARE(report->added, 1);
    QCOMPARE(highlights().front().anchor.exact, u"mayor"_s);
    const Result<Article> article = m_library->store().article(highlights().front().articleId);
    QCOMPARE(article->title, u"Budget"_s);
}

void TestInterop::lineEndsAndMarks_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("origin");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    const QByteArray crlf = "First line here.\r\nSecond line, the quote is here.\r\nThird line.\r\n";
    // Counting CRLF as two: "Second" starts at 18; counting it once, at 17.
    QTest::addRow("nvivo-counts-crlf-twice") << crlf << u"NVivo 14"_s << qint64(18) << qint64(24)
                                             << u"Second"_s << u"Second"_s;
    QTest::addRow("atlas-counts-crlf-once") << crlf << u"ATLAS.ti 23"_s << qint64(17) << qint64(23)
                                            << u"Second"_s << u"Second"_s;
    // Another tool counting once: the name quoting the text says so.
    QTest::addRow("evidence-over-default") << crlf << u"MAXQDA 24"_s << qint64(17) << qint64(23)
                                           << u"Second"_s << u"Second"_s;
    QTest::addRow("third-line-twice") << crlf << u"NVivo"_s << qint64(51) << qint64(56)
                                      << u"Third"_s << u"Third"_s;
    const QByteArray bom = "\xEF\xBB\xBFOne two three four.";
    QTest::addRow("bom-not-counted") << bom << u"QualCoder 3.5"_s << qint64(4) << qint64(13)
                                     << u"two three"_s << u"two three"_s;
    QTest::addRow("bom-counted") << bom << u"Some reader"_s << qint64(5) << qint64(14)
                                 << u"two three"_s << u"two three"_s;
    QTest::addRow("label-not-quote") << crlf << u"NVivo"_s << qint64(18) << qint64(24)
                                     << u"Opening of line two"_s << u"Second"_s;
    const QByteArray cut = "Alpha beta gamma delta epsilon zeta eta theta.\r\nNext.";
    QTest::addRow("name-cut-with-ellipsis") << cut << u"ATLAS.ti"_s << qint64(6) << qint64(46)
                                            << u"beta gamma delta…"_s << u"beta gamma delta epsilon zeta eta theta."_s;
}

void TestInterop::lineEndsAndMarks()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, origin);
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(QString, name);
    QFETCH(QString, expected);
    const QString file = writeProject(
        projectXml(textSource(u"s1"_s, u"Lines"_s, u"internal://s1.txt"_s, selection(u"a"_s, start, end, name)), origin),
        { { u"sources/s1.txt"_s, bytes } });
    const Result<AnnotationImportReport> report = openProject(file);
    QVERIFY2(report, qPrintable(report.error()));
    QVERIFY2(report->everythingPlaced(), qPrintable(report->problems.join(u'\n')));
    QCOMPARE(highlights().front().anchor.exact, expected);
    // Stored with "\n" line ends and no mark.
    const QString body = *m_library->store().body(highlights().front().articleId);
    QVERIFY(!body.contains(u'\r'));
    QVERIFY(!body.contains(QChar(0xFEFF)));
}

void TestInterop::emojiAndRightToLeft()
{
    // Code points, not UTF-16 units: the selection after two emoji lands on its word.
    const QString text = u"Start 😀 and 🎉 then שלום עולם end."_s;
    const qsizetype hebrew = text.indexOf(u"שלום"_s);
    const qint64 start = codePoints(text.left(hebrew));
    const QString file = writeProject(projectXml(textSource(u"s1"_s, u"Emoji"_s, u"internal://s1.txt"_s,
                                                     selection(u"a"_s, start, start + 9, u"שלום עולם"_s))),
        { { u"sources/s1.txt"_s, text.toUtf8() } });
    const Result<AnnotationImportReport> report = openProject(file);
    QVERIFY2(report && report->everythingPlaced(), qPrintable(report ? report->problems.join(u'\n') : report.error()));
    QCOMPARE(highlights().front().anchor.exact, u"שלום עולם"_s);

    // A W3C position on the second emoji lands on it, counted in code points...
    const qint64 article = highlights().front().articleId;
    const qint64 party = codePoints(text.left(text.indexOf(u"🎉"_s)));
    const QByteArray w3c = uR"({"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:x:1",
        "type": "Annotation", "target": {"source": "urn:none", "selector":
        {"type": "TextPositionSelector", "start": %1, "end": %2}}})"_s.arg(party).arg(party + 1).toUtf8();
    AnnotationImportOptions onIt;
    onIt.article = article;
    QVERIFY(importAnnotations(writeJson(w3c), onIt));
    QCOMPARE(highlights().back().anchor.exact, u"🎉"_s);
    // ...and as Hypothesis counts, in UTF-16 units, with its quote to prove it.
    const qsizetype units = text.indexOf(u"🎉"_s);
    const QByteArray hypothesis = uR"({"id": "h1", "uri": "urn:none", "text": "party", "tags": [],
        "target": [{"source": "urn:none", "selector": [{"type": "TextPositionSelector", "start": %1,
        "end": %2}, {"type": "TextQuoteSelector", "exact": "🎉 then"}]}]})"_s.arg(units).arg(units + 7).toUtf8();
    const Result<AnnotationImportReport> placed = importAnnotations(writeJson(hypothesis), onIt);
    QVERIFY(placed);
    QCOMPARE(placed->added, 1);
    QCOMPARE(highlights().back().anchor.exact, u"🎉 then"_s);
    QCOMPARE(highlights().back().status, AnchorStatus::Exact);
}

void TestInterop::badPositions_data()
{
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("end");
    QTest::addColumn<QString>("reason");
    QTest::addRow("negative") << u"-4"_s << u"3"_s << u"negative"_s;
    QTest::addRow("not-a-number") << u"four"_s << u"9"_s << u"not a whole number"_s;
    QTest::addRow("missing") << QString() << u"9"_s << u"missing"_s;
    QTest::addRow("reversed") << u"9"_s << u"4"_s << u"before it starts"_s;
    QTest::addRow("past-the-end") << u"4"_s << u"900"_s << u"past the end"_s;
    QTest::addRow("empty") << u"4"_s << u"4"_s << u"selects no text"_s;
    QTest::addRow("spaces-only") << u"3"_s << u"4"_s << u"only spaces"_s;
}

void TestInterop::badPositions()
{
    QFETCH(QString, start);
    QFETCH(QString, end);
    QFETCH(QString, reason);
    const QString text = u"The mayor said the budget would pass."_s;
    const QString file = writeProject(
        projectXml(textSource(u"s1"_s, u"Budget"_s, u"internal://s1.txt"_s,
            rawSelection(u"bad"_s, start, end) + selection(u"good"_s, 4, 9, u"mayor"_s))),
        { { u"sources/s1.txt"_s, text.toUtf8() } });
    const Result<AnnotationImportReport> report = openProject(file);
    QVERIFY2(report, qPrintable(report.error()));
    QCOMPARE(report->found, 2);
    QCOMPARE(report->added, 1);
    QCOMPARE(report->notPlaced, 1);
    QVERIFY2(report->problems.join(u'\n').contains(reason), qPrintable(report->problems.join(u'\n')));
    // Nothing wrong was stored: the one highlight is the good one, exactly.
    QCOMPARE(highlights().size(), 1);
    QCOMPARE(highlights().front().anchor.exact, u"mayor"_s);
    QVERIFY(highlights().front().anchor.start >= 0);
}

void TestInterop::notesAsToolsAttachThem()
{
    const QString text = u"Alpha beta gamma delta epsilon zeta."_s;
    const QString sources = uR"(<TextSource guid="s1" name="Notes" plainTextPath="internal://s1.txt">
        <NoteRef targetGUID="n-qualcoder"/>
        %1 %2 %3
    </TextSource>)"_s.arg(selection(u"nvivo-sel"_s, 0, 5, u"Alpha"_s, {}),
        selection(u"maxqda-sel"_s, 6, 10, u"beta"_s, u"<Description>A memo on beta</Description>"_s),
        selection(u"ref-sel"_s, 11, 16, u"gamma"_s,
            u"<Coding guid=\"g2\"><CodeRef targetGUID=\"c0000000-0000-0000-0000-000000000001\"/></Coding><NoteRef targetGUID=\"n-ref\"/>"_s));
    const QString notes = uR"(<Notes>
        <Note guid="n-nvivo" name="annotation"><PlainTextContent>NVivo's annotation on alpha</PlainTextContent></Note>
        <Note guid="n-qualcoder" name="memo"><PlainTextContent>QualCoder's note on delta</PlainTextContent>
            <PlainTextSelection guid="qs" startPosition="17" endPosition="22"/></Note>
        <Note guid="n-ref"><PlainTextContent>A referenced note</PlainTextContent></Note>
        <Note guid="n-file" plainTextPath="internal://memo.txt"/>
        </Notes>
        <Links><Link guid="l1" originGUID="n-nvivo" targetGUID="nvivo-sel"/></Links>)"_s;
    const QString file = writeProject(projectXml(sources, u"NVivo"_s, notes),
        { { u"sources/s1.txt"_s, text.toUtf8() }, { u"sources/memo.txt"_s, "A project memo." } });
    const Result<AnnotationImportReport> report = openProject(file);
    QVERIFY2(report && report->everythingPlaced(), qPrintable(report ? report->problems.join(u'\n') : report.error()));
    QHash<QString, QString> noteOf;
    for (const Highlight &highlight : highlights())
        noteOf.insert(highlight.anchor.exact, highlight.note);
    QCOMPARE(noteOf.value(u"Alpha"_s), u"NVivo's annotation on alpha"_s);
    QCOMPARE(noteOf.value(u"beta"_s), u"A memo on beta"_s);
    QCOMPARE(noteOf.value(u"gamma"_s), u"A referenced note"_s);
    QCOMPARE(noteOf.value(u"delta"_s), u"QualCoder's note on delta"_s);
    // A note attached to nothing is said, not lost.
    QVERIFY(report->notes.join(u'\n').contains(u"A project memo."_s));
}

void TestInterop::codebookComesWhole()
{
    const QString file = writeProject(projectXml(QString()), {});
    const Result<AnnotationImportReport> report = openProject(file);
    QVERIFY2(report, qPrintable(report.error()));
    QCOMPARE(report->codes, 3);
    QCOMPARE(report->codesAdded, 3);
    QStringList paths;
    QString color;
    QString description;
    const QList<Tag> tags = *AnnotationStore(m_library->store()).tags();
    for (const Tag &tag : tags) {
        paths.append(tag.path);
        if (tag.path == u"Economy"_s) {
            color = tag.color;
            description = tag.description;
        }
    }
    // A "/" in a name is not a level (Gloss's paths are joined with it).
    QCOMPARE(paths, (QStringList { u"Economy"_s, u"Economy/Tax-Spend"_s, u"Unused"_s }));
    QCOMPARE(color, u"#ff8800"_s);
    QCOMPARE(description, u"Money matters"_s);
    // The same codebook again: merged by path, nothing new.
    QCOMPARE(openProject(file)->codesAdded, 0);
}

void TestInterop::projectMatchesTextAlreadyThere()
{
    // The library has the article, with other line breaks and spacing than the project's copy.
    const qint64 id = addArticle(u"Council report"_s,
        u"The council met on Monday.\nThe mayor said the budget would pass."_s);
    const QString text = u"The council met on Monday.\r\n\r\n   The mayor said the budget would pass.\r\n"_s;
    const qint64 start = text.indexOf(u"mayor"_s);
    const QString file = writeProject(projectXml(textSource(u"s1"_s, u"Other name"_s, u"internal://s1.txt"_s,
                                                     selection(u"a"_s, start, start + 5, u"mayor"_s)),
                                          u"NVivo"_s),
        { { u"sources/s1.txt"_s, text.toUtf8() } });
    // Codings onto the articles already there (import-annotations), or the whole project.
    const Result<AnnotationImportReport> report = importAnnotations(file);
    QVERIFY2(report && report->everythingPlaced(), qPrintable(report ? report->problems.join(u'\n') : report.error()));
    QCOMPARE(report->sourcesMatched, 1);
    QCOMPARE(highlights().size(), 1);
    QCOMPARE(highlights().front().articleId, id);
    QCOMPARE(highlights().front().anchor.exact, u"mayor"_s);
    QCOMPARE(*m_library->store().articleCount(), 1);
    // A source the library lacks: named, with what was not placed, and nothing imported.
    const QString other = writeProject(projectXml(textSource(u"s2"_s, u"Unknown"_s, u"internal://s2.txt"_s,
                                           selection(u"b"_s, 0, 3, u"Wholly"_s))),
        { { u"sources/s2.txt"_s, "Wholly different words appear here." } });
    const Result<AnnotationImportReport> unmatched = importAnnotations(other);
    QVERIFY(unmatched);
    QCOMPARE(unmatched->unmatched, 1);
    QVERIFY(unmatched->problems.join(u'\n').contains(u"Open Project"_s));
}

void TestInterop::hostileProjects_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<QString>("sentence");
    QTest::addRow("entity-bomb") << QByteArray(R"(<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<Project name="&c;"/>)") << u"DTD"_s;
    QTest::addRow("deep-nesting") << (QByteArray("<Project name=\"x\">") + QByteArray("<Sources>").repeated(300))
                                  << u"deep"_s;
    QTest::addRow("not-xml") << QByteArray("{\"json\": true}") << u"not a REFI-QDA project"_s;
    QTest::addRow("broken-xml") << QByteArray("<Project name=\"x\"><Sources></Project>") << u"not well-formed"_s;
    QTest::addRow("other-root") << QByteArray("<html><body/></html>") << u"not a REFI-QDA project"_s;
}

void TestInterop::hostileProjects()
{
    QFETCH(QByteArray, xml);
    QFETCH(QString, sentence);
    const QString file = writeProject(xml, { { u"../../escape.txt"_s, "climbing" } });
    const Result<AnnotationImportReport> report = openProject(file);
    QVERIFY(!report);
    QVERIFY2(report.error().contains(sentence), qPrintable(report.error()));
    QCOMPARE(*m_library->store().articleCount(), 0);
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"../../escape.txt"_s)));
    // A zip without a project file says so (not "no project.qde" for every other fault).
    ZipWriter zip;
    zip.addFile(u"sources/a.txt"_s, "text");
    const QString noProject = TestSupport::writeFile(QDir(m_dir->path()), u"none.qdpx"_s, zip.finish());
    QVERIFY(openProject(noProject).error().contains(u"no project file"_s));
}

void TestInterop::projectRoundTrip()
{
    // Emoji, right-to-left text and tags through export, open in an empty library, export.
    const qint64 id = addArticle(u"Round trip"_s, u"Emoji 😀 first.\nשלום עולם said Dana.\nLast line."_s);
    AnnotationService service(m_library.get());
    const QString body = *m_library->store().body(id);
    for (const QString &words : { u"😀 first"_s, u"שלום עולם"_s, u"Last"_s }) {
        const int start = int(body.indexOf(words));
        const Result<qint64> highlight = service.createHighlight(id, body, start, start + int(words.size()));
        QVERIFY(highlight);
        QVERIFY(service.addTag(*highlight, u"Theme/Sub theme"_s));
        QVERIFY(service.setNote(*highlight, u"note on "_s + words));
    }
    const auto exported = [](LibraryStore &store) {
        QByteArray archive = Exporters::qdpx(*ExportSet::collect(store, {}));
        QString xml = QString::fromUtf8(*ZipReader::open(archive)->read(u"project.qde"_s));
        // Times of export differ; nothing else may.
        xml.remove(QRegularExpression(uR"( (creation|modified)DateTime="[^"]*")"_s));
        return xml;
    };
    const QString first = exported(m_library->store());
    const QString file = TestSupport::writeFile(QDir(m_dir->path()), u"round.qdpx"_s,
        Exporters::qdpx(*ExportSet::collect(m_library->store(), {})));
    QTemporaryDir other;
    auto fresh = TestSupport::openLibrary(other.filePath(u"fresh.sqlite"_s), Library::Writing::Inline);
    const Result<AnnotationImportReport> report
        = AnnotationImporter(fresh->store(), fresh->writer()).importProject(file);
    QVERIFY2(report && report->everythingPlaced(), qPrintable(report ? report->problems.join(u'\n') : report.error()));
    QCOMPARE(report->added, 3);
    const QString second = exported(fresh->store());
    if (second != first) {
        TestSupport::writeFile(QDir(m_dir->path()), u"first.qde"_s, first.toUtf8());
        TestSupport::writeFile(QDir(m_dir->path()), u"second.qde"_s, second.toUtf8());
        QProcess::execute(u"diff"_s, { m_dir->filePath(u"first.qde"_s), m_dir->filePath(u"second.qde"_s) });
    }
    QCOMPARE(second, first);
}

void TestInterop::cancelLeavesTheLibraryAsItWas()
{
    GLOSS_REQUIRE_SHARED("interop/qdpx/qc-demo.qdpx");
    const std::atomic_bool cancelled { true };
    const Result<AnnotationImportReport> stopped
        = AnnotationImporter(m_library->store(), m_library->writer())
              .importProject(TestSupport::sharedPath(u"interop/qdpx/qc-demo.qdpx"_s), &cancelled);
    QVERIFY(!stopped);
    QCOMPARE(stopped.kind(), ErrorKind::Cancelled);
    QCOMPARE(*m_library->store().articleCount(), 0);
    QCOMPARE(AnnotationStore(m_library->store()).tags()->size(), 0);
    // Stopped half way (after the articles), it takes all of it back.
    std::atomic_bool halfway { false };
    const Result<AnnotationImportReport> taken
        = AnnotationImporter(m_library->store(), m_library->writer())
              .importProject(TestSupport::sharedPath(u"interop/qdpx/qc-demo.qdpx"_s), &halfway,
                  [&](int done, int) {
                      if (done >= 2)
                          halfway = true;
                  });
    QVERIFY(!taken);
    QCOMPARE(*m_library->store().articleCount(), 0);
    QCOMPARE(AnnotationStore(m_library->store()).tags()->size(), 0);
    QCOMPARE(highlights().size(), 0);
}

// ---------------------------------------------------------------------------------------------

void TestInterop::refinedSelectors()
{
    const QString body = u"Paragraph one is here. Paragraph two has the words we want inside it."_s;
    const qint64 id = addArticle(u"Refined"_s, body, u"http://example.org/refined"_s);
    const qint64 second = body.indexOf(u"Paragraph two"_s);
    const qint64 words = body.indexOf(u"the words"_s) - second;
    const QByteArray json = uR"([
      {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:r:1", "type": "Annotation",
       "target": {"source": "http://example.org/refined", "selector": {"type": "FragmentSelector",
         "conformsTo": "http://tools.ietf.org/rfc/rfc5147", "value": "char=%1,%2",
         "refinedBy": {"type": "TextPositionSelector", "start": %3, "end": %4}}}},
      {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:r:2", "type": "Annotation",
       "target": {"source": "http://example.org/refined", "selector": {"type": "XPathSelector",
         "value": "/html/body/p[2]", "refinedBy": {"type": "TextQuoteSelector", "exact": "inside"}}}},
      {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:r:3", "type": "Annotation",
       "target": {"source": "http://example.org/refined", "selector": {"type": "RangeSelector",
         "startSelector": {"type": "TextQuoteSelector", "exact": "one"},
         "endSelector": {"type": "TextQuoteSelector", "exact": "Paragraph two"}}}}
    ])"_s.arg(second).arg(body.size()).arg(words).arg(words + 9).toUtf8();
    const Result<AnnotationImportReport> report = importAnnotations(writeJson(json));
    QVERIFY2(report && report->everythingPlaced(), qPrintable(report ? report->problems.join(u'\n') : report.error()));
    const QList<Highlight> placed = highlights();
    QCOMPARE(placed.size(), 3);
    QCOMPARE(placed.at(0).anchor.exact, u"the words"_s);
    QCOMPARE(placed.at(0).articleId, id);
    QCOMPARE(placed.at(1).anchor.exact, u"inside"_s);
    // From the start of one to the start of the other, its edges' spaces left out.
    QCOMPARE(placed.at(2).anchor.exact, u"one is here."_s);
}

void TestInterop::bodies()
{
    addArticle(u"Bodies"_s, u"A sentence worth keeping, and more."_s, u"http://example.org/b"_s);
    const QByteArray json = uR"({"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:b:1",
      "type": "Annotation", "motivation": "tagging",
      "body": ["http://example.org/evidence", {"type": "TextualBody", "value": "Economy"},
               {"type": "TextualBody", "value": "Worth a look", "purpose": "commenting"},
               {"type": "SpecificResource", "purpose": "tagging", "source": "http://example.org/cities#Paris"},
               {"type": "Choice", "items": [{"type": "TextualBody", "value": "First choice", "purpose": "describing"},
                                             {"type": "TextualBody", "value": "Second", "purpose": "describing"}]}],
      "creator": {"type": "Person", "name": "Ana"},
      "target": {"source": "http://example.org/b", "selector": {"type": "TextQuoteSelector", "exact": "worth keeping"}}})"_s.toUtf8();
    const Result<AnnotationImportReport> report = importAnnotations(writeJson(json));
    QVERIFY2(report && report->added == 1, qPrintable(report ? report->problems.join(u'\n') : report.error()));
    const Highlight highlight = highlights().front();
    // An IRI body is a link, never text of the note.
    QCOMPARE(highlight.links, QStringList { u"http://example.org/evidence"_s });
    QCOMPARE(highlight.note, u"Worth a look\n\nFirst choice"_s);
    QCOMPARE(highlight.annotator, u"Ana"_s);
    QStringList paths;
    const QList<Tag> tags = *AnnotationStore(m_library->store()).tags();
    for (const Tag &tag : tags)
        paths.append(tag.path);
    QCOMPARE(paths, (QStringList { u"Economy"_s, u"Paris"_s }));
    // The link goes out again as an IRI body.
    const QString exported = QString::fromUtf8(Exporters::w3cJson(*ExportSet::collect(m_library->store(), {})));
    QVERIFY(exported.contains(u"        \"http://example.org/evidence\""_s));
}

void TestInterop::hypothesisShapes_data()
{
    QTest::addColumn<QByteArray>("wrapper");
    QTest::addRow("one") << QByteArray("%1");
    QTest::addRow("array") << QByteArray("[%1, %2]");
    QTest::addRow("search-response") << QByteArray("{\"total\": 2, \"rows\": [%1, %2]}");
    QTest::addRow("client-export") << QByteArray(
        "{\"export_date\": \"2024-01-02T03:04:05Z\", \"export_userid\": \"acct:ana@hypothes.is\", "
        "\"client_version\": \"1.0\", \"annotations\": [%1, %2]}");
}

void TestInterop::hypothesisShapes()
{
    QFETCH(QByteArray, wrapper);
    addArticle(u"Hypothesis page"_s, u"Some words to annotate on the page."_s, u"https://example.com/page"_s);
    const QString annotation = uR"({"id": "hyp1", "uri": "https://example.com/page", "user": "acct:ana@hypothes.is",
      "created": "2024-01-02T03:04:05.123456+00:00", "updated": "2024-01-03T03:04:05+00:00",
      "text": "My **note**", "tags": ["Economy", "Follow up"], "document": {"title": ["Hypothesis page"]},
      "target": [{"source": "https://example.com/page", "selector": [
        {"type": "RangeSelector", "startContainer": "/p[1]", "startOffset": 5, "endContainer": "/p[1]", "endOffset": 10},
        {"type": "TextPositionSelector", "start": 5, "end": 10},
        {"type": "TextQuoteSelector", "exact": "words", "prefix": "Some ", "suffix": " to"}]}]})"_s;
    const QString reply = uR"({"id": "hyp2", "uri": "https://example.com/page", "user": "acct:bo@hypothes.is",
      "text": "I agree", "tags": [], "references": ["hyp1"], "target": [{"source": "https://example.com/page"}]})"_s;
    QString json = QString::fromUtf8(wrapper).arg(annotation);
    if (json.contains(u"%2"_s))
        json = json.arg(reply);
    const Result<AnnotationImportReport> report = importAnnotations(writeJson(json.toUtf8()));
    QVERIFY2(report && report->everythingPlaced(), qPrintable(report ? report->problems.join(u'\n') : report.error()));
    QCOMPARE(report->kind, u"Hypothesis"_s);
    QCOMPARE(report->added, 1);
    const Highlight highlight = highlights().front();
    QCOMPARE(highlight.anchor.exact, u"words"_s);
    QCOMPARE(highlight.status, AnchorStatus::Exact);
    QCOMPARE(highlight.annotator, u"ana"_s);
    QCOMPARE(highlight.created.date(), QDate(2024, 1, 2));
    QCOMPARE(highlight.tagIds.size(), 2);
    if (wrapper.contains("%2"))
        QCOMPARE(highlight.note, u"My **note**\n\nReply from bo: I agree"_s);
    else
        QCOMPARE(highlight.note, u"My **note**"_s);
}

void TestInterop::positionsAreHonest()
{
    const QString body = u"The quick brown fox jumps over the lazy dog. The fox again."_s;
    addArticle(u"Honest"_s, body, u"http://example.org/h"_s);
    const auto annotation = [](const QString &id, const QString &selectors) {
        return uR"({"@context": "http://www.w3.org/ns/anno.jsonld", "id": "%1", "type": "Annotation",
          "target": {"source": "http://example.org/h", "selector": [%2]}})"_s.arg(id, selectors);
    };
    const QString json = u"["_s
        // A negative start: the positions are said to be wrong and not used; the quote places it.
        + annotation(u"urn:h:1"_s, uR"({"type": "TextPositionSelector", "start": -1, "end": 9},
            {"type": "TextQuoteSelector", "exact": "quick"})"_s)
        // Reversed, with no quote: nothing to place it by.
        + u","_s + annotation(u"urn:h:2"_s, uR"({"type": "TextPositionSelector", "start": 9, "end": 4})"_s)
        // Positions that do not hold the quote: found by its words, and not called exact.
        + u","_s + annotation(u"urn:h:3"_s, uR"({"type": "TextPositionSelector", "start": 0, "end": 3},
            {"type": "TextQuoteSelector", "exact": "fox", "prefix": "The ", "suffix": " again"})"_s)
        // Words not in the text: kept as an orphan with no positions.
        + u","_s + annotation(u"urn:h:4"_s, uR"({"type": "TextQuoteSelector", "exact": "a cat sat"})"_s)
        // No selector at all.
        + u","_s + uR"({"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:h:5", "type": "Annotation",
            "target": {"source": "http://example.org/h"}})"_s
        + u"]"_s;
    const Result<AnnotationImportReport> report = importAnnotations(writeJson(json.toUtf8()));
    QVERIFY(report);
    QCOMPARE(report->found, 5);
    QCOMPARE(report->added, 3);
    QCOMPARE(report->orphaned, 1);
    QCOMPARE(report->notPlaced, 2);
    const QString problems = report->problems.join(u'\n');
    QVERIFY2(report->notes.join(u'\n').contains(u"start -1"_s), qPrintable(report->notes.join(u'\n')));
    QVERIFY(problems.contains(u"urn:h:2"_s));
    QVERIFY(problems.contains(u"urn:h:5"_s));
    for (const Highlight &highlight : highlights()) {
        QVERIFY(highlight.anchor.start >= 0);
        QVERIFY(highlight.anchor.end >= highlight.anchor.start);
        if (highlight.origin == u"urn:h:3"_s) {
            QCOMPARE(highlight.anchor.start, int(body.lastIndexOf(u"fox"_s)));
            QCOMPARE(highlight.status, AnchorStatus::Moved);
        }
        if (highlight.origin == u"urn:h:1"_s)
            QVERIFY(highlight.status != AnchorStatus::Exact);
    }
    // The orphan goes out with its quote and without positions; CSV leaves them empty.
    const QString w3c = QString::fromUtf8(Exporters::w3cJson(*ExportSet::collect(m_library->store(), {})));
    QVERIFY(!w3c.contains(u"\"start\": -"_s));
    QCOMPARE(w3c.count(u"TextPositionSelector"_s), 2);
    // The command line says it was not all placed.
    const TestSupport::Run run = TestSupport::gloss({ u"import-annotations"_s, u"--library"_s,
        m_dir->filePath(u"other.sqlite"_s), writeJson(json.toUtf8()) });
    QVERIFY(run.code != 0);
}

void TestInterop::distinctAnnotationsStayDistinct()
{
    addArticle(u"Distinct"_s, u"Two people marked these same words."_s, u"http://example.org/d"_s);
    const auto annotation = [](const QString &id) {
        return uR"({"@context": "http://www.w3.org/ns/anno.jsonld", "id": "%1", "type": "Annotation",
          "target": {"source": "http://example.org/d", "selector": {"type": "TextQuoteSelector", "exact": "same words"}}})"_s
            .arg(id);
    };
    const QString file = writeJson((u"["_s + annotation(u"urn:d:ana"_s) + u","_s + annotation(u"urn:d:bo"_s) + u"]"_s).toUtf8());
    const Result<AnnotationImportReport> report = importAnnotations(file);
    QVERIFY(report);
    QCOMPARE(report->added, 2);
    QCOMPARE(highlights().size(), 2);
    const Result<AnnotationImportReport> again = importAnnotations(file);
    QCOMPARE(again->added, 0);
    QCOMPARE(again->duplicates, 2);
}

void TestInterop::unreadableFilesAreRefused()
{
    // A device has no end; a pipe may never send one: neither is read.
    const Result<AnnotationImportReport> device = importAnnotations(u"/dev/zero"_s);
    QVERIFY(!device);
    QVERIFY2(device.error().contains(u"not a regular file"_s), qPrintable(device.error()));
    const QString fifo = m_dir->filePath(u"pipe.json"_s);
    QCOMPARE(mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const Result<AnnotationImportReport> pipe = importAnnotations(fifo);
    QVERIFY(!pipe);
    QVERIFY(pipe.error().contains(u"not a regular file"_s));
    QVERIFY(!openProject(fifo));
    // Larger than anything real, it is refused without being read.
    const QString huge = m_dir->filePath(u"huge.json"_s);
    QFile file(huge);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(AnnotationImporter::MaximumJsonFile + 10));
    file.close();
    const Result<AnnotationImportReport> big = importAnnotations(huge);
    QVERIFY(!big);
    QVERIFY2(big.error().contains(u"larger than"_s), qPrintable(big.error()));
    // Empty and binary files get their own sentence.
    QVERIFY(importAnnotations(writeJson(QByteArray())).error().contains(u"empty"_s));
    QVERIFY(importAnnotations(writeJson(QByteArray("\x00\x01\x02garbage", 10))).error().contains(u"not valid JSON"_s));
}

QTEST_GUILESS_MAIN(TestInterop)
#include "tst_interop.moc"
