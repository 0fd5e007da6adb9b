#include "article/articleparser.h"
#include "article/formatparsers.h"
#include "testsupport.h"

#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace {

struct Parsed
{
    QList<Article> articles;
    ParseReport report;
};

Parsed parseBytes(const QByteArray &bytes, const QString &name)
{
    Parsed parsed;
    parsed.report = ArticleParser::parseBytes(bytes, name, [&](Article &&article) {
        parsed.articles.append(std::move(article));
        return true;
    });
    return parsed;
}

Parsed parsePath(const QString &path)
{
    Parsed parsed;
    parsed.report = ArticleParser::parseFile(path, [&](Article &&article) {
        parsed.articles.append(std::move(article));
        return true;
    });
    return parsed;
}

int countKind(const Article &article, ParagraphKind kind)
{
    return int(std::count_if(article.paragraphs.cbegin(), article.paragraphs.cend(),
        [kind](const Paragraph &p) { return p.kind == kind; }));
}

} // namespace

class TestParsers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void seedArticleFromResources();
    void seedArticleFromShared();
    void pageChromeIsStripped_data();
    void pageChromeIsStripped();
    void bbcArticle();
    void bbcWindows1252Article();
    void plainTextTitleRules_data();
    void plainTextTitleRules();
    void markdownWithFrontMatter();
    void inlineMarkdownIsStripped_data();
    void inlineMarkdownIsStripped();
    void htmlArticleElement();
    void htmlLargestBlockWithoutArticle();
    void htmlScriptsAndEntities();
    void jsonLinesEachLineAnArticle();
    void edgeCases_data();
    void edgeCases();
    void crlfAndBomGiveSameArticle();
    void tenMegabyteFile();
    void bodyIsParagraphsJoined();
    void supportedNames();
};

void TestParsers::seedArticleFromResources()
{
    const Parsed parsed = parsePath(u":/samples/gilmore-girls-ventimiglia.txt"_s);
    QCOMPARE(parsed.articles.size(), 1);
    QVERIFY(parsed.report.failures.isEmpty());
    const Article &article = parsed.articles.front();
    QCOMPARE(article.title, u"Gilmore Girls"_s);
    QCOMPARE(article.date, QDate(2021, 9, 16));
    QCOMPARE(article.format, ArticleFormat::NewsDump);
    QCOMPARE(article.paragraphs.size(), 11);
    QCOMPARE(countKind(article, ParagraphKind::Caption), 1);
    QCOMPARE(article.paragraphs.at(3).kind, ParagraphKind::Caption);
    QVERIFY(article.paragraphs.at(3).text.endsWith(u"| Credit: Warner Bros. TV"_s));
    QVERIFY(article.paragraphs.front().text.startsWith(u"It was a rocky romantic road"_s));
    QCOMPARE(article.paragraphs.back().text, u"Listen to Ventimiglia on the podcast above."_s);
    QVERIFY(article.rawHeader.contains(u"Close this dialog window"_s));
    QCOMPARE(article.contentHash.size(), 64);
}

void TestParsers::seedArticleFromShared()
{
    GLOSS_REQUIRE_SHARED("corpus/seed");
    const QStringList files
        = QDir(TestSupport::sharedPath(u"corpus/seed"_s)).entryList({ u"*.txt"_s }, QDir::Files);
    QVERIFY(!files.isEmpty());
    const Parsed parsed = parsePath(TestSupport::sharedPath(u"corpus/seed/"_s) + files.front());
    QCOMPARE(parsed.articles.size(), 1);
    QCOMPARE(parsed.articles.front().title, u"Gilmore Girls"_s);
    QCOMPARE(parsed.articles.front().paragraphs.size(), 11);
}

void TestParsers::pageChromeIsStripped_data()
{
    QTest::addColumn<QString>("headline");
    QTest::addColumn<QString>("title");
    QTest::addRow("seed") << u"Gilmore Girls Close this dialog window Streaming Options"_s
                          << u"Gilmore Girls"_s;
    QTest::addRow("leading-skip") << u"Skip to content Budget vote delayed"_s
                                  << u"Budget vote delayed"_s;
    QTest::addRow("trailing-advert")
        << u"Storm hits coast Advertisement"_s << u"Storm hits coast"_s;
    QTest::addRow("several") << u"Advertisement Rates rise again Sign up Close this dialog window"_s
                             << u"Rates rise again"_s;
    QTest::addRow("dangling-separator")
        << u"Rates rise again | Subscribe"_s << u"Rates rise again"_s;
    QTest::addRow("real-word-inside-kept")
        << u"Why I will not sign up for the draft"_s << u"Why I will not sign up for the draft"_s;
    QTest::addRow("only-chrome") << u"Close this dialog window Advertisement"_s << QString();
}

void TestParsers::pageChromeIsStripped()
{
    QFETCH(QString, headline);
    QFETCH(QString, title);
    QCOMPARE(FormatParsers::stripPageChrome(headline), title);
}

void TestParsers::bbcArticle()
{
    GLOSS_REQUIRE_SHARED("corpus/bbc/business/001.txt");
    const Parsed parsed = parsePath(TestSupport::sharedPath(u"corpus/bbc/business/001.txt"_s));
    QCOMPARE(parsed.articles.size(), 1);
    const Article &article = parsed.articles.front();
    QCOMPARE(article.title, u"Ad sales boost Time Warner profit"_s);
    QVERIFY(!article.date.isValid());
    QCOMPARE(article.format, ArticleFormat::PlainText);
    QVERIFY(article.paragraphs.size() > 3);
    QVERIFY(article.paragraphs.front().text.startsWith(u"Quarterly profits at US media giant"_s));
}

void TestParsers::bbcWindows1252Article()
{
    GLOSS_REQUIRE_SHARED("corpus/bbc/sport/199.txt");
    const Parsed parsed = parsePath(TestSupport::sharedPath(u"corpus/bbc/sport/199.txt"_s));
    QCOMPARE(parsed.articles.size(), 1);
    QCOMPARE(parsed.report.warnings.size(), 1);
    QVERIFY(parsed.report.warnings.front().contains(u"Windows-1252"_s));
    QVERIFY(!parsed.articles.front().body().contains(QChar(0xFFFD)));
}

void TestParsers::plainTextTitleRules_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("title");
    QTest::addColumn<int>("paragraphs");
    QTest::addRow("bbc-layout") << QByteArray("Short title\n\nFirst para.\n\nSecond para.")
                                << u"Short title"_s << 2;
    QTest::addRow("no-title-line")
        << QByteArray("This file starts straight away with a long sentence of body text that is "
                      "far too long to be anybody's headline, running on and on and on past any "
                      "reasonable length.\n\nAnother paragraph.")
        << u"my notes file"_s << 2;
    QTest::addRow("wrapped-lines-joined")
        << QByteArray("Title\n\nline one\nline two\n\nnext") << u"Title"_s << 2;
    QTest::addRow("leading-blank-lines") << QByteArray("\n\n\nTitle\n\nBody") << u"Title"_s << 1;
}

void TestParsers::plainTextTitleRules()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, title);
    QFETCH(int, paragraphs);
    const Parsed parsed = parseBytes(bytes, u"/tmp/my_notes-file.txt"_s);
    QCOMPARE(parsed.articles.size(), 1);
    QCOMPARE(parsed.articles.front().title, title);
    QCOMPARE(parsed.articles.front().paragraphs.size(), paragraphs);
}

void TestParsers::markdownWithFrontMatter()
{
    const QByteArray markdown = "---\n"
                                "title: \"A *quoted* title\"\n"
                                "date: 2024-03-05T10:00:00Z\n"
                                "author: [Ann Lee, Bo Chen]\n"
                                "url: https://example.org/story\n"
                                "tags: [politics, budget]\n"
                                "---\n"
                                "# Ignored heading because the front matter has a title\n\n"
                                "The **minister** said _nothing_ new, see [the report](http://x).\n"
                                "A second line of the same paragraph.\n\n"
                                "## Background\n\n"
                                "- first point\n"
                                "- second point\n\n"
                                "> A quoted block\n\n"
                                "![Protesters outside parliament](photo.jpg)\n\n"
                                "```\ncode line\n```\n";
    const Parsed parsed = parseBytes(markdown, u"story.md"_s);
    QCOMPARE(parsed.articles.size(), 1);
    const Article &article = parsed.articles.front();
    QCOMPARE(article.title, u"A *quoted* title"_s);
    QCOMPARE(article.date, QDate(2024, 3, 5));
    QCOMPARE(article.authors, (QStringList { u"Ann Lee"_s, u"Bo Chen"_s }));
    QCOMPARE(article.url, u"https://example.org/story"_s);
    QCOMPARE(article.format, ArticleFormat::Markdown);
    QStringList texts;
    for (const Paragraph &p : article.paragraphs)
        texts.append(p.text);
    QCOMPARE(texts,
        (QStringList { u"Ignored heading because the front matter has a title"_s,
            u"The minister said nothing new, see the report. A second line of "
            "the same paragraph."_s,
            u"Background"_s, u"• first point"_s, u"• second point"_s, u"A quoted block"_s,
            u"Protesters outside parliament"_s, u"code line"_s }));
    QCOMPARE(article.paragraphs.at(0).kind, ParagraphKind::Heading);
    QCOMPARE(article.paragraphs.at(2).kind, ParagraphKind::Heading);
    QCOMPARE(article.paragraphs.at(6).kind, ParagraphKind::Caption);
}

void TestParsers::inlineMarkdownIsStripped_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("shown");
    QTest::addRow("strong") << u"a **b** c"_s << u"a b c"_s;
    QTest::addRow("emphasis") << u"a *b* and _c_"_s << u"a b and c"_s;
    QTest::addRow("snake_case-kept") << u"snake_case_name"_s << u"snake_case_name"_s;
    QTest::addRow("arithmetic-kept") << u"2 * 3 * 4"_s << u"2 * 3 * 4"_s;
    QTest::addRow("code") << u"run `ls -la` now"_s << u"run ls -la now"_s;
    QTest::addRow("link") << u"[text](http://a.b/c)"_s << u"text"_s;
    QTest::addRow("escapes") << u"\\*not emphasis\\* \\[x\\]"_s << u"*not emphasis* [x]"_s;
    QTest::addRow("html") << u"a <b>bold</b> word"_s << u"a bold word"_s;
    // Escapes are never parked in placeholder characters: past any count, text stays text,
    // and the user's own private-use characters stay theirs.
    QTest::addRow("many-escapes") << u"\\*"_s.repeated(9000) + u" Alpha beta 123"_s
                                  << u"*"_s.repeated(9000) + u" Alpha beta 123"_s;
    QTest::addRow("private-use-kept") << u"logo \uE000\uE001\uF8FF \\* x"_s
                                      << u"logo \uE000\uE001\uF8FF * x"_s;
}

void TestParsers::inlineMarkdownIsStripped()
{
    QFETCH(QString, markdown);
    QFETCH(QString, shown);
    QCOMPARE(FormatParsers::stripInlineMarkdown(markdown), shown);
}

void TestParsers::htmlArticleElement()
{
    const Parsed parsed = parsePath(u":/samples/field-notes-on-quotes.html"_s);
    QCOMPARE(parsed.articles.size(), 1);
    const Article &article = parsed.articles.front();
    QCOMPARE(article.title, u"Field notes on quoting sources"_s);
    QCOMPARE(article.date, QDate(2026, 11, 20));
    QCOMPARE(article.site, u"Gloss Samples"_s);
    QCOMPARE(article.authors, QStringList { u"The Gloss team"_s });
    const QString body = article.body();
    QVERIFY(!body.contains(u"Archive"_s)); // navigation dropped
    QVERIFY(!body.contains(u"never run"_s)); // script dropped
    QVERIFY(!body.contains(u"rights reserved"_s)); // footer dropped
    QVERIFY(body.contains(u"“A quotation without a speaker"_s)); // entities decoded
    QVERIFY(body.contains(u"a dropped qualifier, a changed tense —"_s));
    QCOMPARE(article.paragraphs.front().text.left(20), u"A saved web page car"_s);
    QCOMPARE(countKind(article, ParagraphKind::Heading), 1);
    QCOMPARE(countKind(article, ParagraphKind::Caption), 1);
}

void TestParsers::htmlLargestBlockWithoutArticle()
{
    const QByteArray html = "<html><head><title>Budget day - The Daily</title>"
                            "<meta property=\"og:site_name\" content=\"The Daily\"></head><body>"
                            "<div class=menu><p>Home</p><p>World</p></div>"
                            "<div class=story><h1>Budget day</h1>"
                            "<p>The chancellor set out plans for the coming year.</p>"
                            "<p>Opposition parties said the plans went too far.</p></div>"
                            "<div class=related><p>More stories</p></div>"
                            "<time datetime=\"2023-10-01\">1 October</time></body></html>";
    const Parsed parsed = parseBytes(html, u"page.html"_s);
    QCOMPARE(parsed.articles.size(), 1);
    const Article &article = parsed.articles.front();
    QCOMPARE(article.title, u"Budget day"_s); // site suffix removed from <title>
    QCOMPARE(article.date, QDate(2023, 10, 1));
    QStringList texts;
    for (const Paragraph &p : article.paragraphs)
        texts.append(p.text);
    QCOMPARE(texts,
        (QStringList { u"The chancellor set out plans for the coming year."_s,
            u"Opposition parties said the plans went too far."_s }));
}

void TestParsers::htmlScriptsAndEntities()
{
    const QByteArray html = "<body><article><p>Less &lt;than&gt; &amp; &#8220;more&#x201D; "
                            "&unknown; 5 < 6</p><script>var a = '<p>not text</p>';</script>"
                            "<style>p { color: red }</style><!-- <p>comment</p> -->"
                            "<p>Line<br>break</p></article></body>";
    const Parsed parsed = parseBytes(html, u"x.htm"_s);
    QCOMPARE(parsed.articles.size(), 1);
    const Article &article = parsed.articles.front();
    QCOMPARE(article.title, u"x"_s);
    QCOMPARE(article.paragraphs.size(), 3);
    QCOMPARE(article.paragraphs.at(0).text, u"Less <than> & “more” &unknown; 5 < 6"_s);
    QCOMPARE(article.paragraphs.at(1).text, u"Line"_s);
    QCOMPARE(article.paragraphs.at(2).text, u"break"_s);
}

void TestParsers::jsonLinesEachLineAnArticle()
{
    const QByteArray jsonl
        = "{\"title\": \"One\", \"text\": \"First para.\\n\\nSecond para.\", \"date_publish\": "
          "\"2020-01-02 10:00:00\", \"authors\": [\"A. Writer\"], \"source_domain\": "
          "\"news.example\", "
          "\"url\": \"https://news.example/1\"}\n"
          "{not json}\n"
          "\n"
          "{\"title\": \"Two\", \"maintext\": \"Line one\\nLine two\", \"date\": \"2021-05-06\"}\n"
          "{\"title\": \"No text\"}\n";
    const Parsed parsed = parseBytes(jsonl, u"corpus.jsonl"_s);
    QCOMPARE(parsed.articles.size(), 2);
    QCOMPARE(parsed.report.failures.size(), 2);
    QCOMPARE(parsed.report.failures.at(0).item, 2);
    QCOMPARE(parsed.report.failures.at(1).item, 5);
    const Article &one = parsed.articles.at(0);
    QCOMPARE(one.title, u"One"_s);
    QCOMPARE(one.date, QDate(2020, 1, 2));
    QCOMPARE(one.authors, QStringList { u"A. Writer"_s });
    QCOMPARE(one.site, u"news.example"_s);
    QCOMPARE(one.paragraphs.size(), 2);
    QCOMPARE(one.sourceIndex, 1);
    const Article &two = parsed.articles.at(1);
    QCOMPARE(two.sourceIndex, 4);
    QCOMPARE(two.paragraphs.size(), 2);
    QCOMPARE(two.date, QDate(2021, 5, 6));
}

void TestParsers::edgeCases_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("reason");
    QTest::addRow("empty-txt") << QByteArray() << u"a.txt"_s << u"empty"_s;
    QTest::addRow("empty-jsonl") << QByteArray() << u"a.jsonl"_s << u"empty"_s;
    QTest::addRow("header-only") << QByteArray(" date 2021-09-16 Headline Advertisement\n\n")
                                 << u"a.txt"_s << u"header but no article text"_s;
    QTest::addRow("title-only") << QByteArray("Just a title\n") << u"a.txt"_s
                                << u"no article text"_s;
    QTest::addRow("binary") << QByteArray("\x7F"
                                          "ELF\x02\x01\x01\0\0\0\0\0",
        12) << u"a.txt"_s << u"binary"_s;
    QTest::addRow("html-without-text")
        << QByteArray("<html><nav>Menu</nav></html>") << u"a.html"_s << u"no article text"_s;
    QTest::addRow("markdown-front-matter-only")
        << QByteArray("---\ntitle: x\n---\n") << u"a.md"_s << u"no article text"_s;
}

void TestParsers::edgeCases()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, name);
    QFETCH(QString, reason);
    const Parsed parsed = parseBytes(bytes, name);
    QVERIFY(parsed.articles.isEmpty());
    QCOMPARE(parsed.report.failures.size(), 1);
    QVERIFY2(parsed.report.failures.front().message.contains(reason),
        qPrintable(parsed.report.failures.front().message));
}

void TestParsers::crlfAndBomGiveSameArticle()
{
    const QByteArray unix = "date 2022-02-02 Title here\n\nPara one.\n\nPara two.\n";
    QByteArray windows = unix;
    windows.replace("\n", "\r\n");
    windows.prepend("\xEF\xBB\xBF");
    const Parsed a = parseBytes(unix, u"a.txt"_s);
    const Parsed b = parseBytes(windows, u"a.txt"_s);
    QCOMPARE(a.articles.size(), 1);
    QCOMPARE(b.articles.size(), 1);
    QCOMPARE(a.articles.front().paragraphs, b.articles.front().paragraphs);
    QCOMPARE(a.articles.front().contentHash, b.articles.front().contentHash);
}

void TestParsers::tenMegabyteFile()
{
    QByteArray bytes = "A very long article\n\n";
    const QByteArray paragraph
        = QByteArray("Words of a paragraph that goes on for a while. ").repeated(20) + "\n\n";
    while (bytes.size() < 10 * 1024 * 1024)
        bytes += paragraph;
    const Parsed parsed = parseBytes(bytes, u"big.txt"_s);
    QCOMPARE(parsed.articles.size(), 1);
    QVERIFY(parsed.articles.front().paragraphs.size() > 10000);
    QCOMPARE(parsed.articles.front().title, u"A very long article"_s);
}

void TestParsers::bodyIsParagraphsJoined()
{
    const Parsed parsed = parsePath(u":/samples/gilmore-girls-ventimiglia.txt"_s);
    const Article &article = parsed.articles.front();
    const QString body = article.body();
    QCOMPARE(body.count(u'\n'), article.paragraphs.size() - 1);
    QCOMPARE(Article::paragraphsFrom(body, article.kindsString()), article.paragraphs);
    QCOMPARE(article.kindsString(), u"pppcppppppp"_s);
}

void TestParsers::supportedNames()
{
    QVERIFY(ArticleParser::isSupportedFileName(u"a.txt"_s));
    QVERIFY(ArticleParser::isSupportedFileName(u"A.HTML"_s));
    QVERIFY(ArticleParser::isSupportedFileName(u"x.jsonl"_s));
    QVERIFY(!ArticleParser::isSupportedFileName(u"photo.jpg"_s));
    QVERIFY(!ArticleParser::isSupportedFileName(u".hidden.txt"_s));
}

QTEST_GUILESS_MAIN(TestParsers)
#include "tst_parsers.moc"
