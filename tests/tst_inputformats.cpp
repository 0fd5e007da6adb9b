// The table of input formats: one entry per format, read by recognition, folder imports, the
// file dialogs, the command line's help and the library.
#include "article/articleparser.h"
#include "article/inputformats.h"
#include "documentfixtures.h"
#include "testsupport.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

class TestInputFormats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyEntryIsWhole();
    void keysAreStableAndLabelsStillRead_data();
    void keysAreStableAndLabelsStillRead();
    void fileIsRecognised_data();
    void fileIsRecognised();
    void listsComeFromTheTable();
    void badInputIsOneSentence_data();
    void badInputIsOneSentence();
};

void TestInputFormats::everyEntryIsWhole()
{
    QSet<int> ids;
    QSet<QString> keys;
    for (const InputFormat &format : InputFormats::all()) {
        QVERIFY2(!ids.contains(int(format.id)), qPrintable(format.key));
        QVERIFY2(!keys.contains(format.key), qPrintable(format.key));
        ids.insert(int(format.id));
        keys.insert(format.key);
        QCOMPARE(&InputFormats::of(format.id), &format);
        QVERIFY(!format.displayName().isEmpty());
        QVERIFY(!format.pluralName().isEmpty());
        QVERIFY(!format.suffixes.isEmpty());
        QVERIFY(format.read);
        QVERIFY(format.maximumSize > 0);
        // Keys are what libraries store: lower case words joined by hyphens, nothing to
        // translate or to rename.
        QVERIFY2(QRegularExpression(u"^[a-z]+(-[a-z]+)*$"_s).match(format.key).hasMatch(),
            qPrintable(format.key));
        for (const QString &suffix : format.suffixes)
            QCOMPARE(suffix, suffix.toLower());
        // A decisive test needs a test.
        QVERIFY(!format.decisive || format.recognises);
    }
}

void TestInputFormats::keysAreStableAndLabelsStillRead_data()
{
    QTest::addColumn<QString>("stored");
    QTest::addColumn<int>("format");
    // Keys once written must read back forever: this list only grows.
    QTest::addRow("key news-dump") << u"news-dump"_s << int(ArticleFormat::NewsDump);
    QTest::addRow("key plain-text") << u"plain-text"_s << int(ArticleFormat::PlainText);
    QTest::addRow("key markdown") << u"markdown"_s << int(ArticleFormat::Markdown);
    QTest::addRow("key html") << u"html"_s << int(ArticleFormat::Html);
    QTest::addRow("key json-lines") << u"json-lines"_s << int(ArticleFormat::JsonLines);
    // What schema versions 1 to 4 stored.
    QTest::addRow("label news dump") << u"news dump"_s << int(ArticleFormat::NewsDump);
    QTest::addRow("label plain text") << u"plain text"_s << int(ArticleFormat::PlainText);
    QTest::addRow("label Markdown") << u"Markdown"_s << int(ArticleFormat::Markdown);
    QTest::addRow("label web page") << u"web page"_s << int(ArticleFormat::Html);
    QTest::addRow("label JSON Lines") << u"JSON Lines"_s << int(ArticleFormat::JsonLines);
    QTest::addRow("key nexis") << u"nexis"_s << int(ArticleFormat::Nexis);
    QTest::addRow("key word") << u"word"_s << int(ArticleFormat::Word);
    QTest::addRow("key rtf") << u"rtf"_s << int(ArticleFormat::Rtf);
    QTest::addRow("key pdf") << u"pdf"_s << int(ArticleFormat::Pdf);
}

void TestInputFormats::keysAreStableAndLabelsStillRead()
{
    QFETCH(QString, stored);
    QFETCH(int, format);
    const InputFormat *found = InputFormats::fromStored(stored);
    QVERIFY(found);
    QCOMPARE(int(found->id), format);
    QVERIFY(!InputFormats::fromStored(u"a format from the future"_s));
}

void TestInputFormats::fileIsRecognised_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("key");
    QTest::addRow("plain") << u"a.txt"_s << QByteArray("Title\n\nText.\n") << u"plain-text"_s;
    QTest::addRow("news dump") << u"a.txt"_s << QByteArray("date 2024-01-01 Headline\nText\n")
                               << u"news-dump"_s;
    const QString dump = u"date 2024-01-01 Headline\nText\n"_s;
    QByteArray utf16("\xFF\xFE", 2);
    utf16.append(reinterpret_cast<const char *>(dump.utf16()), dump.size() * 2);
    QTest::addRow("news dump, UTF-16") << u"a.TXT"_s << utf16 << u"news-dump"_s;
    QTest::addRow("unknown suffix reads as text")
        << u"notes.xyz"_s << QByteArray("Title\n\nText.") << u"plain-text"_s;
    QTest::addRow("no suffix, news dump")
        << u"README"_s << QByteArray("date 2024-01-01 H\nT") << u"news-dump"_s;
    QTest::addRow("markdown") << u"a.MD"_s << QByteArray("# T\n") << u"markdown"_s;
    QTest::addRow("html") << u"a.htm"_s << QByteArray("<p>x") << u"html"_s;
    QTest::addRow("json lines") << u"a.ndjson"_s << QByteArray("{}") << u"json-lines"_s;
    QTest::addRow("empty") << u"a.txt"_s << QByteArray() << u"plain-text"_s;
    QTest::addRow("nexis") << u"export.TXT"_s
                           << QByteArray("\xEF\xBB\xBF\r\n   Download Request\r\n\r\n"
                                         "                 1 of 10 DOCUMENTS\r\n")
                           << u"nexis"_s;
    QTest::addRow("pdf") << u"a.pdf"_s << QByteArray("%PDF-1.7\n%\xE2\xE3") << u"pdf"_s;
    QTest::addRow("pdf named txt") << u"a.txt"_s << QByteArray("%PDF-1.4\n") << u"pdf"_s;
    QTest::addRow("damaged pdf still pdf") << u"a.PDF"_s << QByteArray("junk") << u"pdf"_s;
    QTest::addRow("docx") << u"a.docx"_s << QByteArray("PK\x03\x04rest") << u"word"_s;
    QTest::addRow("not a zip, named docx") << u"a.docx"_s << QByteArray("text") << u"word"_s;
    QTest::addRow("rtf") << u"a.rtf"_s << QByteArray("{\\rtf1\\ansi x}") << u"rtf"_s;
    QTest::addRow("rtf named txt") << u"a.txt"_s << QByteArray("\r\n{\\rtf1 x}") << u"rtf"_s;
}

void TestInputFormats::fileIsRecognised()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, head);
    QFETCH(QString, key);
    QCOMPARE(InputFormats::forFile(name, head).key, key);
}

void TestInputFormats::listsComeFromTheTable()
{
    const QString filter = InputFormats::fileDialogFilter();
    const QString help = InputFormats::helpText();
    for (const InputFormat &format : InputFormats::all()) {
        QVERIFY2(help.contains(format.displayName()), qPrintable(help));
        QVERIFY2(filter.contains(format.pluralName()), qPrintable(filter));
        for (const QString &suffix : format.suffixes) {
            QVERIFY(InputFormats::isSupportedFileName(u"dir/file."_s + suffix.toUpper()));
            QVERIFY(filter.startsWith(u"Articles ("_s));
            QVERIFY2(filter.section(u";;"_s, 0, 0).contains(u"*."_s + suffix), qPrintable(filter));
            QVERIFY2(help.contains(u'.' + suffix), qPrintable(help));
        }
    }
    QVERIFY(filter.endsWith(u"All files (*)"_s));
    QVERIFY(!InputFormats::isSupportedFileName(u"photo.jpg"_s));
    QVERIFY(!InputFormats::isSupportedFileName(u".hidden.txt"_s));
    QCOMPARE(ArticleParser::isSupportedFileName(u"x.jsonl"_s), true);
}

void TestInputFormats::badInputIsOneSentence_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("name");
    // Noise that is the same on every run.
    QByteArray noise(64 * 1024, '\0');
    quint32 state = 12345;
    for (char &byte : noise) {
        state = state * 1103515245 + 12345;
        byte = char(state >> 24);
    }
    const QByteArray zip = DocumentFixtures::docx(DocumentFixtures::wordXml("<w:p>"));
    for (const InputFormat &format : InputFormats::all()) {
        for (const QString &suffix : format.suffixes) {
            const QString name = u"file."_s + suffix;
            QTest::addRow("%s empty", qPrintable(name)) << QByteArray() << name;
            QTest::addRow("%s noise", qPrintable(name)) << noise << name;
            QTest::addRow("%s zip of a broken document", qPrintable(name)) << zip << name;
            QTest::addRow("%s cut zip", qPrintable(name)) << zip.left(zip.size() / 2) << name;
            QTest::addRow("%s pdf signature and noise", qPrintable(name))
                << QByteArray("%PDF-1.5\n") + noise << name;
            QTest::addRow("%s rtf signature and noise", qPrintable(name))
                << QByteArray("{\\rtf1 ") + noise.left(4096).replace('{', 'x') << name;
        }
    }
    // Nesting that would overflow a recursive reader, or make a naive one quadratic.
    QTest::addRow("html nested 100,000 deep")
        << "<html><body>" + QByteArray("<div>").repeated(100000) + "text</body></html>"
        << u"deep.html"_s;
    QTest::addRow("rtf nested 100,000 deep") << "{\\rtf1 " + QByteArray(100000, '{') + "text"
            + QByteArray(100000, '}') + "}" << u"deep.rtf"_s;
    QTest::addRow("word nested 100,000 deep") << DocumentFixtures::docx(DocumentFixtures::wordXml(
        QByteArray("<w:sdt>").repeated(100000) + QByteArray("</w:sdt>").repeated(100000)))
                                              << u"deep.docx"_s;
    QTest::addRow("nexis separators and nothing else")
        << QByteArray("              1 of 2 DOCUMENTS\n\n              2 of 2 DOCUMENTS\n")
        << u"export.txt"_s;
}

void TestInputFormats::badInputIsOneSentence()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, name);
    QList<Article> articles;
    const ParseReport report = ArticleParser::parseBytes(bytes, name, [&](Article &&article) {
        articles.append(std::move(article));
        return true;
    });
    // Whatever the bytes, a reader either makes articles or says why not, in a sentence each.
    QVERIFY(!articles.isEmpty() || !report.failures.isEmpty());
    for (const ParseFailure &failure : report.failures) {
        QVERIFY2(!failure.message.isEmpty(), qPrintable(name));
        QVERIFY2(!failure.message.contains(u'\n'), qPrintable(failure.message));
        QVERIFY2(failure.message.endsWith(u'.'), qPrintable(failure.message));
        QVERIFY2(failure.message.front().isUpper() || failure.message.front() == u'\u201C',
            qPrintable(failure.message));
    }
    for (const Article &article : articles) {
        QVERIFY(!article.title.isEmpty());
        QVERIFY(!article.paragraphs.isEmpty());
    }
}

QTEST_MAIN(TestInputFormats)
#include "tst_inputformats.moc"
