#include "annotation/annotationservice.h"
#include "exporting/exporters.h"
#include "importing/annotationimporter.h"
#include "library/librarystore.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

// An RFC 4180 reader, independent of the writer, to read exports back.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                cell += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row.append(cell);
            cell.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            row.append(cell);
            rows.append(row);
            row.clear();
            cell.clear();
            ++i;
        } else {
            cell += c;
        }
    }
    if (!cell.isEmpty() || !row.isEmpty()) {
        row.append(cell);
        rows.append(row);
    }
    return rows;
}

const QString s_tricky = u"*Bold* claims_ [link](x) #hashtag > quote `code` <b>html</b> & more"_s;

} // namespace

class TestExporters : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void csvReadsBackCellByCell();
    void csvNeutralisesFormulas_data();
    void csvNeutralisesFormulas();
    void markdownEscapes_data();
    void markdownEscapes();
    void markdownDocument();
    void markdownNotesAreInert_data();
    void markdownNotesAreInert();
    void markdownKeepsSafeLinks_data();
    void markdownKeepsSafeLinks();
    void yamlFrontMatterHoldsAnyTitle();
    void qdpxHoldsControlCharacters();
    void obsidianTags_data();
    void obsidianTags();
    void htmlEscapesUserText();
    void w3cStructureAndCodePoints();
    void w3cValidatesWithTheSharedTool();
    void qdpxValidatesWithTheSharedTool();
    void zipIsReadable();
    void scopeByTagAndArticle();
    void atomicWriteRefusesFolders();
    void pdfIsPaginated();
    void roundTrip_data();
    void roundTrip();
    void importingTwiceAddsNothing();
    void foreignAnnotationsAreReported();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Library> m_open;
    LibraryStore *m_library = nullptr;
    std::unique_ptr<AnnotationService> m_service;
    qint64 m_first = 0;
    qint64 m_second = 0;
    QString m_emojiBody;
    ExportSet all() const { return *ExportSet::collect(*m_library, {}); }
};

void TestExporters::initTestCase()
{
    m_open = TestSupport::openLibrary(m_dir.filePath(u"l.sqlite"_s));
    m_library = &m_open->store();
    Article first;
    first.sourcePath = m_dir.filePath(u"first.txt"_s);
    first.title = u"Budget *day*"_s;
    first.date = QDate(2024, 3, 5);
    first.paragraphs
        = { { ParagraphKind::Paragraph, u"Before 😀 emoji, \"the quote\" said Ann Lee."_s },
              { ParagraphKind::Paragraph, s_tricky },
              { ParagraphKind::Paragraph, u"=SUM(A1:A9) looks like a formula."_s },
              { ParagraphKind::Paragraph, u"שלום עולם and more text"_s } };
    first.updateContentHash();
    m_first = m_library->upsertArticle(first)->id;
    m_emojiBody = first.body();
    Article second;
    second.sourcePath = m_dir.filePath(u"second.txt"_s);
    second.url = u"https://news.example/second"_s;
    second.title = u"Second"_s;
    second.date = QDate(2024, 1, 1);
    second.paragraphs = { { ParagraphKind::Paragraph, u"Another article, quoting Bo Chen."_s } };
    second.updateContentHash();
    m_second = m_library->upsertArticle(second)->id;

    m_service = std::make_unique<AnnotationService>(m_open.get());
    auto mark = [&](qint64 article, const QString &body, const QString &text) {
        const int start = int(body.indexOf(text));
        return *m_service->createHighlight(article, body, start, start + int(text.size()));
    };
    const qint64 quote = mark(m_first, m_emojiBody, u"the quote"_s);
    QVERIFY(m_service->addTag(quote, u"Speaker/Ann Lee"_s).ok());
    QVERIFY(m_service->setNote(quote, u"Check *this*\n<script>alert(1)</script>"_s).ok());
    const qint64 tricky = mark(m_first, m_emojiBody, s_tricky);
    QVERIFY(m_service->addTag(tricky, u"Odd, \"quoted\" tag"_s).ok());
    mark(m_first, m_emojiBody, u"=SUM(A1:A9)"_s);
    mark(m_first, m_emojiBody, u"עולם"_s);
    const qint64 other = mark(m_second, second.body(), u"Bo Chen"_s);
    QVERIFY(m_service->addTag(other, u"Speaker/Bo Chen"_s).ok());
}

void TestExporters::csvReadsBackCellByCell()
{
    const QString text = QString::fromUtf8(Exporters::csv(all()));
    const QList<QStringList> rows = parseCsv(text);
    QCOMPARE(rows.size(), 6); // header + 5 highlights
    QCOMPARE(rows.front().size(), 16);
    QCOMPARE(rows.front().at(3), u"quote"_s);
    for (const QStringList &row : rows)
        QCOMPARE(row.size(), 16);
    // Newest article first; highlights in text order.
    const QStringList quote = rows.at(1);
    QCOMPARE(quote.at(0), u"Budget *day*"_s);
    QCOMPARE(quote.at(1), u"2024-03-05"_s);
    QCOMPARE(quote.at(3), u"the quote"_s);
    QCOMPARE(quote.at(9), u"Speaker/Ann Lee"_s);
    QCOMPARE(quote.at(10), u"Ann Lee"_s);
    QCOMPARE(quote.at(11), u"Check *this*\n<script>alert(1)</script>"_s);
    // Positions in code points: the emoji before the quote counts once.
    const int utf16 = int(m_emojiBody.indexOf(u"the quote"_s));
    QCOMPARE(quote.at(6).toInt(), utf16 - 1);
    QCOMPARE(rows.at(2).at(3), s_tricky);
    QCOMPARE(rows.at(2).at(9), u"Odd, \"quoted\" tag"_s);
    QCOMPARE(rows.at(3).at(3), u"'=SUM(A1:A9)"_s);
    QVERIFY(!Exporters::csv(all()).startsWith("\xEF\xBB\xBF"));
    Exporters::Options bom;
    bom.csvByteOrderMark = true;
    QVERIFY(Exporters::csv(all(), bom).startsWith("\xEF\xBB\xBF"));
}

void TestExporters::csvNeutralisesFormulas_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("cell");
    QTest::addRow("equals") << u"=SUM(A1:A9)"_s << u"'=SUM(A1:A9)"_s;
    QTest::addRow("plus") << u"+1"_s << u"'+1"_s;
    QTest::addRow("minus") << u"-2"_s << u"'-2"_s;
    QTest::addRow("at") << u"@cmd"_s << u"'@cmd"_s;
    QTest::addRow("tab") << u"\tx"_s << u"'\tx"_s;
    QTest::addRow("quotes-and-comma") << u"a \"b\", c"_s << u"\"a \"\"b\"\", c\""_s;
    QTest::addRow("plain") << u"plain"_s << u"plain"_s;
    QTest::addRow("carriage-return") << u"\r=1"_s << u"\"'\r=1\""_s;
    QTest::addRow("space-first") << u"  =HYPERLINK(\"x\")"_s << u"\"'  =HYPERLINK(\"\"x\"\")\""_s;
    QTest::addRow("no-break-space-first") << u"\u00A0@SUM(1)"_s << u"'\u00A0@SUM(1)"_s;
    QTest::addRow("full-width-equals") << u"\uFF1D1+1"_s << u"'\uFF1D1+1"_s;
    QTest::addRow("dash-inside-kept") << u"a-b"_s << u"a-b"_s;
}

void TestExporters::csvNeutralisesFormulas()
{
    QFETCH(QString, value);
    QFETCH(QString, cell);
    QCOMPARE(Exporters::csvCell(value), cell);
}

void TestExporters::markdownEscapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("escaped");
    QTest::addRow("emphasis") << u"*a* _b_"_s << u"\\*a\\* \\_b\\_"_s;
    QTest::addRow("link") << u"[x](y)"_s << u"\\[x\\](y)"_s;
    QTest::addRow("heading") << u"# not a heading"_s << u"\\# not a heading"_s;
    QTest::addRow("quote") << u"> not a quote"_s << u"\\> not a quote"_s;
    QTest::addRow("list") << u"- item"_s << u"\\- item"_s;
    QTest::addRow("ordered") << u"1. item"_s << u"1\\. item"_s;
    QTest::addRow("code") << u"`x`"_s << u"\\`x\\`"_s;
    QTest::addRow("html") << u"<b>x</b>"_s << u"\\<b\\>x\\</b\\>"_s;
    QTest::addRow("entity") << u"&amp;"_s << u"\\&amp;"_s;
    QTest::addRow("dash-inside-kept") << u"a - b"_s << u"a - b"_s;
}

void TestExporters::markdownEscapes()
{
    QFETCH(QString, text);
    QFETCH(QString, escaped);
    QCOMPARE(Exporters::escapeMarkdown(text), escaped);
}

void TestExporters::markdownDocument()
{
    ExportScope scope;
    scope.articleIds = { m_first };
    const QString text
        = QString::fromUtf8(Exporters::markdown(*ExportSet::collect(*m_library, scope)));
    QVERIFY2(
        text.startsWith(u"---\ntitle: \"Budget *day*\"\ndate: 2024-03-05\n"_s), qPrintable(text));
    QVERIFY(text.contains(u"  - \"Speaker/Ann_Lee\"\n"_s));
    QVERIFY(text.contains(u"# Budget \\*day\\*\n"_s));
    QVERIFY(text.contains(u"> the quote\n"_s));
    QVERIFY(text.contains(u"#Speaker/Ann_Lee · Speaker: Ann Lee"_s));
    // The note stays Markdown, but its raw HTML is made text.
    QVERIFY(text.contains(u"Check *this*\n&lt;script>alert(1)&lt;/script>"_s));
    QVERIFY(!text.contains(u"\n<script>"_s));
    QVERIFY(
        text.contains(u"> \\*Bold\\* claims\\_ \\[link\\](x) \\#hashtag \\> quote \\`code\\`"_s));
    Exporters::Options byTag;
    byTag.groupByTag = true;
    const QString grouped = QString::fromUtf8(Exporters::markdown(all(), byTag));
    QVERIFY(grouped.contains(u"# Speaker/Bo Chen\n\n> Bo Chen\n"_s));
    QVERIFY(grouped.contains(u"*Second*, 2024-01-01"_s));
    QVERIFY(grouped.contains(u"# Untagged"_s));
}

namespace {

/// The HTML a CommonMark renderer makes of Markdown, raw HTML allowed (so the export itself
/// must be inert, whatever the reader's settings); empty without cmark-gfm.
QString rendered(const QString &markdown)
{
    const QString cmark = QStandardPaths::findExecutable(u"cmark-gfm"_s);
    if (cmark.isEmpty())
        return {};
    QProcess process;
    process.start(cmark, { u"--unsafe"_s, u"-e"_s, u"autolink"_s });
    process.write(markdown.toUtf8());
    process.closeWriteChannel();
    process.waitForFinished(10000);
    return QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace

void TestExporters::markdownNotesAreInert_data()
{
    QTest::addColumn<QString>("note");
    QTest::addRow("script") << u"<script>alert(1)</script>"_s;
    QTest::addRow("backslash-before-tag") << u"\\<script>alert(1)</script>"_s;
    QTest::addRow("two-backslashes") << u"\\\\<img src=x onerror=alert(1)>"_s;
    QTest::addRow("comment") << u"<!-- x --><iframe src=\"https://e.x\"></iframe>"_s;
    QTest::addRow("html-block") << u"<div\nonclick=alert(1)>x</div>"_s;
    QTest::addRow("javascript-link") << u"[click](javascript:alert(1))"_s;
    QTest::addRow("mixed-case") << u"[click](JaVaScRiPt:alert(1))"_s;
    QTest::addRow("tab-in-scheme") << u"[click](java&#9;script:alert(1))"_s;
    QTest::addRow("entity-letter") << u"[click](&#106;avascript:alert(1))"_s;
    QTest::addRow("hex-entity") << u"[click](&#x6A;avascript&colon;alert(1))"_s;
    QTest::addRow("escaped-colon") << u"[click](javascript\\:alert(1))"_s;
    QTest::addRow("angle-destination") << u"[click](<javascript:alert(1)>)"_s;
    QTest::addRow("leading-space") << u"[click](   javascript:alert(1))"_s;
    QTest::addRow("nested-brackets") << u"[a [b](javascript:alert(1))"_s;
    QTest::addRow("balanced-brackets") << u"[a [b] c](javascript:alert(1))"_s;
    QTest::addRow("definition-next-line") << u"[go][r]\n\n[r]:\n  javascript:alert(1)"_s;
    QTest::addRow("definition-angle") << u"[r]\n\n[r]: <javascript:alert(1)>"_s;
    QTest::addRow("long-destination") << u"[x](javascript:"_s + u"a"_s.repeated(5000) + u")"_s;
    QTest::addRow("data-image") << u"![x](data:image/svg+xml;base64,PHN2Zz4=)"_s;
    QTest::addRow("vbscript") << u"[x](vbscript:msgbox(1))"_s;
    QTest::addRow("file") << u"[x](file:///etc/passwd)"_s;
    QTest::addRow("reference") << u"[click][r]\n\n[r]: javascript:alert(1)"_s;
    QTest::addRow("autolink") << u"<javascript:alert(1)>"_s;
    QTest::addRow("many-brackets") << u"["_s.repeated(5000) + u"](javascript:x)"_s;
    QTest::addRow("many-openings") << u"]("_s.repeated(20000) + u"javascript:x)"_s;
}

void TestExporters::markdownNotesAreInert()
{
    QFETCH(QString, note);
    const QString markdown = Exporters::inertNoteMarkdown(note);
    QVERIFY2(!markdown.contains(u'<'), qPrintable(markdown.left(200)));
    const QString html = rendered(markdown);
    if (html.isEmpty())
        QSKIP("cmark-gfm is not installed; the Markdown was checked, not its rendering");
    const QString lower = html.toLower();
    for (const QString &live : { u"<script"_s, u"<img"_s, u"<iframe"_s, u"<div"_s, u"<!--"_s,
             u"href=\"javascript"_s, u"href=\"java%09script"_s, u"href=\"vbscript"_s,
             u"src=\"data:"_s, u"href=\"file:"_s }) {
        QVERIFY2(!lower.contains(live), qPrintable(html.left(300)));
    }
    // Whatever stays a link goes to a safe place.
    for (qsizetype at = lower.indexOf(u"href=\""_s); at >= 0; at = lower.indexOf(u"href=\""_s, at + 1)) {
        const QString target = lower.mid(at + 6, 12);
        QVERIFY2(target.startsWith(u"http"_s) || target.startsWith(u"mailto:"_s),
            qPrintable(html.left(300)));
    }
}

void TestExporters::markdownKeepsSafeLinks_data()
{
    QTest::addColumn<QString>("note");
    QTest::addRow("web") << u"See [the story](https://example.com/a_(b)) *now*"_s;
    QTest::addRow("relative") << u"[notes](notes/a.md#part)"_s;
    QTest::addRow("mail") << u"[write](mailto:desk@example.com)"_s;
    QTest::addRow("brackets-alone") << u"a [sic] b"_s;
}

void TestExporters::markdownKeepsSafeLinks()
{
    QFETCH(QString, note);
    QCOMPARE(Exporters::inertNoteMarkdown(note), note);
}

void TestExporters::yamlFrontMatterHoldsAnyTitle()
{
    // Titles come from pages and feeds: "&#1;", a bell, CR, NEL and the line separators.
    const QString title = u"A\u0001B\u0007C\rD\u0085E\u2028F\u2029G\uFEFFH \"q\" \\ end"_s;
    Article article;
    article.sourcePath = m_dir.filePath(u"controls.txt"_s);
    article.title = title;
    article.url = u"https://example.com/\u0001x"_s;
    article.paragraphs = { { ParagraphKind::Paragraph, u"Some text to mark."_s } };
    article.updateContentHash();
    const qint64 id = m_library->upsertArticle(article)->id;
    const qint64 mark = *m_service->createHighlight(id, article.body(), 0, 4);
    ExportScope scope;
    scope.articleIds = { id };
    const QString text = QString::fromUtf8(Exporters::markdown(*ExportSet::collect(*m_library, scope)));
    const QString front = text.section(u"---\n"_s, 1, 1);
    QVERIFY2(front.startsWith(u"title: \""_s), qPrintable(front));
    // One line per key, nothing YAML would read as a break or refuse.
    const QString titleLine = front.section(u'\n', 0, 0);
    for (const QChar c : titleLine)
        QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x85 && c.unicode() != 0x2028
                && c.unicode() != 0x2029 && c.unicode() != 0xFEFF,
            qPrintable(titleLine));
    QVERIFY(m_service->deleteHighlight(mark));
    const QString python = QStandardPaths::findExecutable(u"python3"_s);
    if (python.isEmpty())
        QSKIP("python3 is not installed to read the front matter back");
    QProcess reader;
    reader.start(python, { u"-c"_s,
        u"import sys, yaml, json; d = yaml.safe_load(sys.stdin.read()); "
        "print(json.dumps([d['title'], d['source']]))"_s });
    reader.write(front.toUtf8());
    reader.closeWriteChannel();
    QVERIFY(reader.waitForFinished(10000));
    if (reader.exitCode() != 0 && reader.readAllStandardError().contains("No module named"))
        QSKIP("python3-yaml is not installed");
    const QJsonArray back = QJsonDocument::fromJson(reader.readAllStandardOutput()).array();
    QCOMPARE(back.at(0).toString(), title);
    QCOMPARE(back.at(1).toString(), article.url);
}

void TestExporters::qdpxHoldsControlCharacters()
{
    Article article;
    article.sourcePath = m_dir.filePath(u"xml.txt"_s);
    article.title = u"Bell\u0007 and \u0001 in a title"_s;
    article.paragraphs = { { ParagraphKind::Paragraph, u"Emoji 😀 then text."_s } };
    article.updateContentHash();
    const qint64 id = m_library->upsertArticle(article)->id;
    // A name cut at 80 characters may split a surrogate pair; a note may hold controls.
    const QString body = article.body();
    const qint64 mark = *m_service->createHighlight(id, body, 0, int(body.size()) - 1);
    QVERIFY(m_service->setNote(mark, u"note \u0008 with backspace"_s));
    ExportScope scope;
    scope.articleIds = { id };
    const QByteArray archive = Exporters::qdpx(*ExportSet::collect(*m_library, scope));
    const QString file = m_dir.filePath(u"controls.qdpx"_s);
    QVERIFY(Exporters::writeAtomically(file, archive));
    QVERIFY(m_service->deleteHighlight(mark));
    const QString validator = TestSupport::sharedPath(u"tools/validate-qdpx"_s);
    if (!QFileInfo::exists(validator))
        QSKIP("../shared/tools/validate-qdpx is not here");
    QProcess process;
    process.start(validator, { file });
    QVERIFY(process.waitForFinished(60000));
    QVERIFY2(process.exitCode() == 0,
        QByteArray(process.readAllStandardOutput() + process.readAllStandardError()).constData());
}

void TestExporters::obsidianTags_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("tag");
    QTest::addRow("hierarchy") << u"Speaker/Milo Ventimiglia"_s << u"#Speaker/Milo_Ventimiglia"_s;
    QTest::addRow("punctuation-dropped") << u"Odd, \"quoted\" tag"_s << u"#Odd_quoted_tag"_s;
    QTest::addRow("digits-only") << u"2024"_s << u"#_2024"_s;
    QTest::addRow("unicode-kept") << u"Thème/Été"_s << u"#Thème/Été"_s;
}

void TestExporters::obsidianTags()
{
    QFETCH(QString, path);
    QFETCH(QString, tag);
    QCOMPARE(Exporters::obsidianTag(path), tag);
}

void TestExporters::htmlEscapesUserText()
{
    const QString text = QString::fromUtf8(Exporters::html(all()));
    QVERIFY(text.startsWith(u"<!DOCTYPE html>"_s));
    QVERIFY(!text.contains(u"<script>"_s));
    QVERIFY(text.contains(u"&lt;script&gt;alert(1)&lt;/script&gt;"_s));
    QVERIFY(text.contains(u"&lt;b&gt;html&lt;/b&gt;"_s));
    QVERIFY(!text.contains(u"http"_s) || text.contains(u"https://news.example/second"_s));
    QVERIFY(!text.contains(u"<link"_s)); // no external resources
    QVERIFY(text.contains(u"<li><a href=\"#a0\">Budget *day*</a></li>"_s));
}

void TestExporters::w3cStructureAndCodePoints()
{
    const QJsonObject collection = QJsonDocument::fromJson(Exporters::w3cJson(all())).object();
    QCOMPARE(collection.value(u"type"_s).toString(), u"AnnotationCollection"_s);
    QCOMPARE(collection.value(u"total"_s).toInt(), 5);
    const QJsonArray items = collection.value(u"first"_s).toObject().value(u"items"_s).toArray();
    QCOMPARE(items.size(), 5);
    QJsonObject quote;
    for (const QJsonValue &item : items) {
        const QJsonArray selectors
            = item.toObject().value(u"target"_s).toObject().value(u"selector"_s).toArray();
        if (selectors.at(0).toObject().value(u"exact"_s).toString() == u"the quote"_s)
            quote = item.toObject();
    }
    QVERIFY(!quote.isEmpty());
    const QJsonObject target = quote.value(u"target"_s).toObject();
    QVERIFY(target.value(u"source"_s).toString().startsWith(u"file:///"_s));
    const QJsonObject position = target.value(u"selector"_s).toArray().at(1).toObject();
    QCOMPARE(position.value(u"type"_s).toString(), u"TextPositionSelector"_s);
    // Count code points independently: UCS-4 length of the text before the quote.
    const QString before = m_emojiBody.left(m_emojiBody.indexOf(u"the quote"_s));
    QCOMPARE(position.value(u"start"_s).toInt(), int(before.toUcs4().size()));
    QCOMPARE(position.value(u"end"_s).toInt() - position.value(u"start"_s).toInt(), 9);
    const QJsonArray bodies = quote.value(u"body"_s).toArray();
    QCOMPARE(bodies.size(), 2);
    QCOMPARE(bodies.at(0).toObject().value(u"purpose"_s).toString(), u"tagging"_s);
    QCOMPARE(bodies.at(0).toObject().value(u"value"_s).toString(), u"Speaker/Ann Lee"_s);
    QCOMPARE(bodies.at(1).toObject().value(u"purpose"_s).toString(), u"commenting"_s);
}

void TestExporters::w3cValidatesWithTheSharedTool()
{
    GLOSS_REQUIRE_SHARED("tools/validate-w3c-annotations");
    const QString file = m_dir.filePath(u"export.json"_s);
    QVERIFY(Exporters::writeAtomically(file, Exporters::w3cJson(all())).ok());
    QProcess tool;
    tool.start(TestSupport::sharedPath(u"tools/validate-w3c-annotations"_s), { file });
    QVERIFY(tool.waitForFinished(60000));
    const QString output
        = QString::fromUtf8(tool.readAllStandardOutput() + tool.readAllStandardError());
    if (output.contains(u"needs Python's jsonschema"_s))
        QSKIP("python3-jsonschema is not installed");
    QVERIFY2(tool.exitCode() == 0, qPrintable(output));
}

void TestExporters::qdpxValidatesWithTheSharedTool()
{
    GLOSS_REQUIRE_SHARED("tools/validate-qdpx");
    if (QStandardPaths::findExecutable(u"xmllint"_s).isEmpty())
        QSKIP("xmllint (libxml2-utils) is not installed");
    const QString file = m_dir.filePath(u"export.qdpx"_s);
    QVERIFY(Exporters::writeAtomically(file, Exporters::qdpx(all())).ok());
    QProcess tool;
    tool.start(TestSupport::sharedPath(u"tools/validate-qdpx"_s), { file });
    QVERIFY(tool.waitForFinished(60000));
    const QString output
        = QString::fromUtf8(tool.readAllStandardOutput() + tool.readAllStandardError());
    QVERIFY2(tool.exitCode() == 0, qPrintable(output));
    QVERIFY2(output.contains(u"5 selections, valid"_s), qPrintable(output));
}

void TestExporters::zipIsReadable()
{
    // An independent reader: Python's zipfile, as QDA tools' importers would open it.
    const QString python = QStandardPaths::findExecutable(u"python3"_s);
    if (python.isEmpty())
        QSKIP("python3 is not installed");
    const QString file = m_dir.filePath(u"check.qdpx"_s);
    QVERIFY(Exporters::writeAtomically(file, Exporters::qdpx(all())).ok());
    QProcess reader;
    reader.start(python,
        { u"-c"_s,
            u"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
            "assert z.testzip() is None; "
            "print(sorted(n.split('/')[0] for n in z.namelist()))"_s,
            file });
    QVERIFY(reader.waitForFinished(30000));
    QCOMPARE(reader.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(reader.readAllStandardOutput()).trimmed(),
        u"['project.qde', 'sources', 'sources']"_s);
}

void TestExporters::scopeByTagAndArticle()
{
    const qint64 speaker = *m_service->store().tagIdByPath(u"Speaker"_s);
    ExportScope byTag;
    byTag.tagIds = { speaker };
    const ExportSet withSubtags = *ExportSet::collect(*m_library, byTag);
    QCOMPARE(withSubtags.highlightCount(), 2);
    QCOMPARE(withSubtags.articles.size(), 2);
    byTag.includeSubtags = false;
    QCOMPARE(ExportSet::collect(*m_library, byTag)->highlightCount(), 0);
    ExportScope oneArticle;
    oneArticle.articleIds = { m_second };
    QCOMPARE(ExportSet::collect(*m_library, oneArticle)->highlightCount(), 1);
    // Exporting never writes: the library file is unchanged by a collect.
    QCOMPARE(m_library->stats()->count(u"highlights"_s), 5);
}

void TestExporters::atomicWriteRefusesFolders()
{
    const Result<void> folder = Exporters::writeAtomically(m_dir.path(), "x");
    QVERIFY(!folder.ok());
    QVERIFY(folder.error().contains(u"folder"_s));
    const QString file = TestSupport::writeFile(QDir(m_dir.path()), u"old.md"_s, "old");
    const Result<void> missing = Exporters::writeAtomically(m_dir.filePath(u"nope/x.md"_s), "x");
    QVERIFY(!missing.ok());
    QVERIFY(Exporters::writeAtomically(file, "new").ok());
    QCOMPARE(TestSupport::readFile(file), QByteArray("new"));
}

void TestExporters::pdfIsPaginated()
{
    const QByteArray bytes = Exporters::pdf(all());
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.count("/Type /Page\n") + bytes.count("/Type /Page ") + bytes.count("/Type /Page>")
        >= 1);
    if (const QString keep = qEnvironmentVariable("GLOSS_PDF"); !keep.isEmpty())
        QVERIFY(Exporters::writeAtomically(keep, bytes).ok());
}

void TestExporters::roundTrip_data()
{
    QTest::addColumn<QString>("format");
    QTest::addRow("w3c-json") << u"json"_s;
    QTest::addRow("refi-qdpx") << u"qdpx"_s;
}

void TestExporters::roundTrip()
{
    // Export, import into an empty library with the same articles, export again: the same.
    QFETCH(QString, format);
    const Exporters::Format chosen = *Exporters::formatFromName(format);
    const QByteArray first = Exporters::render(chosen, all());
    const QString file = m_dir.filePath(u"round."_s + format);
    QVERIFY(Exporters::writeAtomically(file, first).ok());

    QTemporaryDir other;
    auto freshLibrary = Library::open(other.filePath(u"fresh.sqlite"_s));
    QVERIFY(freshLibrary.ok());
    LibraryStore *fresh = &(*freshLibrary)->store();
    for (const ExportArticle &entry : all().articles) {
        Article copy = entry.article;
        copy.id = 0;
        QVERIFY(fresh->upsertArticle(copy).ok());
    }
    // Cancelled, it imports nothing.
    const std::atomic_bool cancelled { true };
    const Result<AnnotationImportReport> stopped
        = AnnotationImporter(*fresh, (*freshLibrary)->writer()).importFile(file, &cancelled);
    QVERIFY(!stopped.ok());
    QVERIFY(stopped.error().contains(u"nothing was imported"_s));
    QCOMPARE(ExportSet::collect(*fresh, {})->highlightCount(), 0);

    QList<int> steps;
    const Result<AnnotationImportReport> report = AnnotationImporter(*fresh, (*freshLibrary)->writer()).importFile(
        file, nullptr, [&](int done, int total) { steps.append(done * 100 + total); });
    QVERIFY2(report.ok(), qPrintable(report.error()));
    QVERIFY2(report->problems.isEmpty(), qPrintable(report->problems.join(u'\n')));
    QCOMPARE(report->added, 5);
    QVERIFY(!steps.isEmpty());
    QCOMPARE(steps.back() % 100, steps.back() / 100); // the last report is "all done"
    const ExportSet again = *ExportSet::collect(*fresh, {});
    QCOMPARE(again.highlightCount(), 5);
    // Compare what each format carries, highlight by highlight.
    auto summary = [](const ExportSet &set, bool withColour) {
        QStringList lines;
        for (const ExportArticle &entry : set.articles) {
            for (const ExportHighlight &h : entry.highlights)
                lines.append(QStringList { entry.article.title, h.highlight.anchor.exact,
                    QString::number(h.highlight.anchor.start),
                    QString::number(h.highlight.anchor.end), h.tagPaths.join(u';'),
                    h.highlight.note, withColour ? h.highlight.color : QString() }
                                 .join(u'|'));
        }
        lines.sort();
        return lines;
    };
    QCOMPARE(summary(again, format == u"json"_s), summary(all(), format == u"json"_s));
    if (format == u"json"_s)
        QCOMPARE(Exporters::render(chosen, again), first);
}

void TestExporters::importingTwiceAddsNothing()
{
    const QString file = m_dir.filePath(u"twice.json"_s);
    QVERIFY(Exporters::writeAtomically(file, Exporters::w3cJson(all())).ok());
    const Result<AnnotationImportReport> report = AnnotationImporter(*m_library, m_open->writer()).importFile(file);
    QVERIFY2(report.ok(), qPrintable(report.error()));
    QCOMPARE(report->added, 0);
    QCOMPARE(report->duplicates, 5);
    QCOMPARE(m_library->stats()->count(u"highlights"_s), 5);
    const QString qdpxFile = m_dir.filePath(u"twice.qdpx"_s);
    QVERIFY(Exporters::writeAtomically(qdpxFile, Exporters::qdpx(all())).ok());
    QCOMPARE(AnnotationImporter(*m_library, m_open->writer()).importFile(qdpxFile)->added, 0);
    QCOMPARE(m_library->stats()->count(u"highlights"_s), 5);
}

void TestExporters::foreignAnnotationsAreReported()
{
    // Another tool's annotation on an article we have, one on an article we lack, one whose
    // quote is gone, and a file that is not JSON at all.
    const QString source = QUrl::fromLocalFile(m_dir.filePath(u"first.txt"_s)).toString();
    const QByteArray foreign = QStringLiteral(R"([
      {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://hyp.example/1",
       "type": "Annotation", "body": {"type": "TextualBody", "value": "Fresh", "purpose": "tagging"},
       "target": {"source": "%1", "selector": {"type": "TextQuoteSelector", "exact": "Ann Lee"}}},
      {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://hyp.example/2",
       "type": "Annotation", "target": {"source": "https://elsewhere.example/x",
       "selector": {"type": "TextQuoteSelector", "exact": "anything"}}},
      {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://hyp.example/3",
       "type": "Annotation", "target": {"source": "%1",
       "selector": {"type": "TextQuoteSelector", "exact": "words that were never there"}}}
    ])")
                                   .arg(source)
                                   .toUtf8();
    const QString file = TestSupport::writeFile(QDir(m_dir.path()), u"foreign.json"_s, foreign);
    const int before = m_library->stats()->count(u"highlights"_s);
    const Result<AnnotationImportReport> report = AnnotationImporter(*m_library, m_open->writer()).importFile(file);
    QVERIFY2(report.ok(), qPrintable(report.error()));
    QCOMPARE(report->added, 2); // the placed one and the orphan
    QCOMPARE(report->orphaned, 1);
    QCOMPARE(report->unmatched, 1);
    QCOMPARE(report->problems.size(), 2);
    QVERIFY(report->problems.filter(u"https://hyp.example/2: no article"_s).size() == 1);
    QVERIFY(
        report->problems.filter(u"https://hyp.example/3: its text was not found"_s).size() == 1);
    QCOMPARE(m_library->stats()->count(u"highlights"_s), before + 2);
    const qint64 fresh = *AnnotationStore(*m_library).tagIdByPath(u"Fresh"_s);
    QVERIFY(fresh != 0);
    const QString junk = TestSupport::writeFile(QDir(m_dir.path()), u"junk.json"_s, "{not json");
    QVERIFY(!AnnotationImporter(*m_library, m_open->writer()).importFile(junk).ok());
}

QTEST_MAIN(TestExporters)
#include "tst_exporters.moc"
