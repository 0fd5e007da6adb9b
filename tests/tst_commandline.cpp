#include "annotation/annotationservice.h"
#include "article/inputformats.h"
#include "library/librarystore.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

using TestSupport::gloss;
using TestSupport::Run;

class TestCommandLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void parsePrintsArticle();
    void parseJson();
    void parseFailuresAreOneLine();
    void helpListsTheFormats_data();
    void helpListsTheFormats();
    void parseNexisExport();
    void importStatsSearch();
    void importReportsFailures();
    void exportWritesEachFormat();
    void quotesListsSpeakers();
    void speakersOfTheLibrary();
    void errorsAreOneLineAndNonZero_data();
    void errorsAreOneLineAndNonZero();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_seed;
};

void TestCommandLine::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_seed = TestSupport::writeFile(QDir(m_dir->path()), u"in/seed.txt"_s,
        " date 2021-09-16 Gilmore Girls Close this dialog window Streaming Options\n\n"
        "\"It's been a while,\" Ventimiglia said.\n\n"
        "Alexis Bledel on 'Gilmore Girls' | Credit: Warner Bros. TV\n");
}

void TestCommandLine::parsePrintsArticle()
{
    const Run run = gloss({ u"parse"_s, m_seed });
    QCOMPARE(run.code, 0);
    QVERIFY(run.out.contains(u"Title: Gilmore Girls\n"_s));
    QVERIFY(run.out.contains(u"Date: 2021-09-16\n"_s));
    QVERIFY(run.out.contains(u"[caption] Alexis Bledel"_s));
    QVERIFY(run.err.isEmpty());
}

void TestCommandLine::parseJson()
{
    const Run run = gloss({ u"parse"_s, m_seed, u"--json"_s });
    QCOMPARE(run.code, 0);
    const QJsonArray articles = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(articles.size(), 1);
    const QJsonObject article = articles.at(0).toObject();
    QCOMPARE(article.value(u"title"_s).toString(), u"Gilmore Girls"_s);
    QCOMPARE(article.value(u"date"_s).toString(), u"2021-09-16"_s);
    const QJsonArray paragraphs = article.value(u"paragraphs"_s).toArray();
    QCOMPARE(paragraphs.size(), 2);
    QCOMPARE(paragraphs.at(1).toObject().value(u"kind"_s).toString(), u"caption"_s);
}

void TestCommandLine::parseFailuresAreOneLine()
{
    const QString empty = TestSupport::writeFile(QDir(m_dir->path()), u"empty.txt"_s, {});
    const Run run = gloss({ u"parse"_s, empty });
    QCOMPARE(run.code, 1);
    QCOMPARE(run.err.count(u'\n'), 1);
    QVERIFY(run.err.contains(u"The file is empty."_s));
}

void TestCommandLine::helpListsTheFormats_data()
{
    QTest::addColumn<QString>("verb");
    QTest::addRow("import") << u"import"_s;
    QTest::addRow("parse") << u"parse"_s;
}

void TestCommandLine::helpListsTheFormats()
{
    QFETCH(QString, verb);
    const Run run = gloss({ verb, u"--help"_s });
    QCOMPARE(run.code, 0);
    for (const InputFormat &format : InputFormats::all()) {
        QVERIFY2(run.out.contains(format.displayName()), qPrintable(run.out));
        QVERIFY2(run.out.contains(u'.' + format.suffixes.front()), qPrintable(run.out));
    }
}

void TestCommandLine::parseNexisExport()
{
    GLOSS_REQUIRE_SHARED("corpus/nexis/sample.TXT");
    const Run run = gloss(
        { u"parse"_s, TestSupport::sharedPath(u"corpus/nexis/sample.TXT"_s), u"--json"_s });
    QCOMPARE(run.code, 0);
    QVERIFY(run.err.isEmpty());
    const QJsonArray articles = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(articles.size(), 10);
    for (qsizetype i = 0; i < articles.size(); ++i) {
        const QJsonObject article = articles.at(i).toObject();
        QCOMPARE(article.value(u"format"_s).toString(), u"nexis"_s);
        QCOMPARE(article.value(u"formatName"_s).toString(), u"Nexis export"_s);
        QCOMPARE(article.value(u"document"_s).toInt(), int(i) + 1);
        QVERIFY(!article.contains(u"line"_s));
    }
    QCOMPARE(articles.at(0).toObject().value(u"site"_s).toString(), u"Guardian.com"_s);
    QCOMPARE(articles.at(0).toObject().value(u"authors"_s).toArray().at(0).toString(),
        u"Andrew Sparrow"_s);
}

void TestCommandLine::importStatsSearch()
{
    const QString library = m_dir->filePath(u"lib.sqlite"_s);
    Run run = gloss({ u"import"_s, u"--library"_s, library, m_dir->filePath(u"in"_s) });
    QCOMPARE(run.code, 0);
    QCOMPARE(run.out, u"imported 1, updated 0, unchanged 0, failed 0\n"_s);
    run = gloss({ u"import"_s, u"--library"_s, library, m_seed });
    QCOMPARE(run.out, u"imported 0, updated 0, unchanged 1, failed 0\n"_s);

    run = gloss({ u"stats"_s, u"--library"_s, library, u"--json"_s });
    QCOMPARE(run.code, 0);
    const QJsonObject stats = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(stats.value(u"articles"_s).toInt(), 1);
    QCOMPARE(stats.value(u"highlights"_s).toInt(), 0);
    QCOMPARE(stats.value(u"tags"_s).toInt(), 0);
    QVERIFY(stats.value(u"words"_s).toInt() > 5);

    run = gloss({ u"search"_s, u"--library"_s, library, u"ventimiglia"_s, u"--json"_s });
    QCOMPARE(run.code, 0);
    const QJsonArray hits
        = QJsonDocument::fromJson(run.out.toUtf8()).object().value(u"hits"_s).toArray();
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.at(0).toObject().value(u"title"_s).toString(), u"Gilmore Girls"_s);
    QVERIFY(hits.at(0).toObject().value(u"snippet"_s).toString().contains(u"[Ventimiglia]"_s));

    run = gloss({ u"search"_s, u"--library"_s, library, u"ventimiglia"_s, u"--limit"_s, u"0"_s });
    QCOMPARE(run.code, 1);
    run = gloss({ u"search"_s, u"--library"_s, library, u"Gilmore"_s });
    QCOMPARE(run.code, 0);
    QVERIFY(run.out.startsWith(u"1. Gilmore Girls"_s));
}

void TestCommandLine::importReportsFailures()
{
    const QString library = m_dir->filePath(u"lib.sqlite"_s);
    const QString bad
        = TestSupport::writeFile(QDir(m_dir->path()), u"in/bad.txt"_s, QByteArray("\0\0\0", 3));
    const Run run = gloss({ u"import"_s, u"--library"_s, library, m_dir->filePath(u"in"_s) });
    QCOMPARE(run.code, 2);
    QCOMPARE(run.out, u"imported 1, updated 0, unchanged 0, failed 1\n"_s);
    QVERIFY(run.err.contains(bad + u": This looks like a binary file"_s));
}

void TestCommandLine::exportWritesEachFormat()
{
    const QString library = m_dir->filePath(u"lib.sqlite"_s);
    QCOMPARE(gloss({ u"import"_s, u"--library"_s, library, m_seed }).code, 0);
    {
        auto store = Library::open(library);
        QVERIFY(store.ok());
        AnnotationService service(store->get());
        const Result<Article> article = (*store)->store().article(1);
        const QString body = article->body();
        const int start = int(body.indexOf(u"It's been a while"_s));
        const Result<qint64> id = service.createHighlight(1, body, start, start + 17);
        QVERIFY(id.ok());
        QVERIFY(service.addTag(*id, u"Speaker/Milo Ventimiglia"_s).ok());
    }
    for (const QString &format : { u"md"_s, u"csv"_s, u"json"_s, u"html"_s, u"qdpx"_s }) {
        const QString out = m_dir->filePath(u"out."_s + format);
        const Run run = gloss({ u"export"_s, u"--library"_s, library, u"--format"_s, format,
            u"--tag"_s, u"Speaker"_s, u"-o"_s, out });
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QCOMPARE(run.out, u"exported 1 highlights from 1 articles to %1\n"_s.arg(out));
        QVERIFY(TestSupport::readFile(out).contains("It's been a while"));
    }
    // Back in: a fresh library with the same article takes the highlight; twice adds nothing.
    const QString other = m_dir->filePath(u"other.sqlite"_s);
    QCOMPARE(gloss({ u"import"_s, u"--library"_s, other, m_seed }).code, 0);
    const Run back
        = gloss({ u"import-annotations"_s, u"--library"_s, other, m_dir->filePath(u"out.json"_s) });
    QVERIFY2(back.code == 0, qPrintable(back.err));
    QCOMPARE(back.out, u"added 1, already there 0, orphaned 0, not placed 0\n"_s);
    const Run again
        = gloss({ u"import-annotations"_s, u"--library"_s, other, m_dir->filePath(u"out.qdpx"_s) });
    QCOMPARE(again.out,
        u"sources 1 (in the library 1, added 0, missing 0), codes 2 (new 0); added 0, already "
        "there 1, orphaned 0, not placed 0\n"_s);
    const Run missing = gloss(
        { u"import-annotations"_s, u"--library"_s, other, m_dir->filePath(u"none.json"_s) });
    QCOMPARE(missing.code, 1);
    QCOMPARE(missing.err.count(u'\n'), 1);
    const QString pdf = m_dir->filePath(u"out.pdf"_s);
    const Run printed = gloss({ u"export"_s, u"--library"_s, library, u"-o"_s, pdf });
    QVERIFY2(printed.code == 0, qPrintable(printed.err));
    QVERIFY(TestSupport::readFile(pdf).startsWith("%PDF-"));
    // The format follows the file name when not given.
    const Run bySuffix
        = gloss({ u"export"_s, u"--library"_s, library, u"-o"_s, m_dir->filePath(u"guess.csv"_s) });
    QCOMPARE(bySuffix.code, 0);
    QVERIFY(TestSupport::readFile(m_dir->filePath(u"guess.csv"_s)).startsWith("article_title,"));
    const QString folder = m_dir->filePath(u"notes"_s);
    const Run split
        = gloss({ u"export"_s, u"--library"_s, library, u"--per-article"_s, u"-o"_s, folder });
    QVERIFY2(split.code == 0, qPrintable(split.err));
    QVERIFY(TestSupport::readFile(folder + u"/Gilmore Girls.md"_s).contains("> It's been a while"));
    const Run badTag = gloss({ u"export"_s, u"--library"_s, library, u"--tag"_s, u"Nope"_s, u"-o"_s,
        m_dir->filePath(u"x.md"_s) });
    QCOMPARE(badTag.code, 1);
    QVERIFY(badTag.err.contains(u"There is no tag"_s));
    const Run badFormat = gloss({ u"export"_s, u"--library"_s, library, u"--format"_s, u"docx"_s,
        u"-o"_s, m_dir->filePath(u"x.docx"_s) });
    QCOMPARE(badFormat.code, 1);
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"x.docx"_s)));
}

void TestCommandLine::quotesListsSpeakers()
{
    const Run run = gloss({ u"quotes"_s, m_seed, u"--json"_s });
    QCOMPARE(run.code, 0);
    const QJsonArray quotations
        = QJsonDocument::fromJson(run.out.toUtf8()).object().value(u"quotations"_s).toArray();
    QCOMPARE(quotations.size(), 1);
    const QJsonObject quotation = quotations.at(0).toObject();
    QCOMPARE(quotation.value(u"text"_s).toString(), u"It's been a while,"_s);
    QCOMPARE(quotation.value(u"speaker"_s).toString(), u"Ventimiglia"_s);
    const QJsonArray speakers
        = QJsonDocument::fromJson(run.out.toUtf8()).object().value(u"speakers"_s).toArray();
    QCOMPARE(speakers.size(), 1);
    QCOMPARE(speakers.at(0).toObject().value(u"name"_s).toString(), u"Ventimiglia"_s);
    QCOMPARE(speakers.at(0).toObject().value(u"quotations"_s).toInt(), 1);
    QVERIFY(speakers.at(0).toObject().value(u"mentions"_s).toArray().contains(u"Ventimiglia"_s));
    QVERIFY(quotation.value(u"end"_s).toInt() > quotation.value(u"start"_s).toInt());
    const Run text = gloss({ u"quotes"_s, m_seed });
    QVERIFY(text.out.contains(u"Ventimiglia"_s));
    QVERIFY(text.out.contains(u"speaker: Ventimiglia (1), named as Ventimiglia"_s));
}

void TestCommandLine::speakersOfTheLibrary()
{
    const QString library = m_dir->filePath(u"speakers.sqlite"_s);
    QCOMPARE(gloss({ u"import"_s, u"--library"_s, library, m_seed }).code, 0);
    // The index is brought up to date first, so a fresh import is covered.
    Run run = gloss({ u"speakers"_s, u"--library"_s, library, u"--json"_s });
    QCOMPARE(run.code, 0);
    const QJsonArray speakers = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QCOMPARE(speakers.size(), 1);
    QCOMPARE(speakers.at(0).toObject().value(u"name"_s).toString(), u"Ventimiglia"_s);
    QCOMPARE(speakers.at(0).toObject().value(u"quotations"_s).toInt(), 1);
    QCOMPARE(speakers.at(0).toObject().value(u"articles"_s).toInt(), 1);

    run = gloss({ u"speakers"_s, u"--library"_s, library, u"Ventimiglia"_s });
    QCOMPARE(run.code, 0);
    QCOMPARE(run.out.count(u'\n'), 1);
    run = gloss({ u"speakers"_s, u"--library"_s, library, u"Nobody"_s, u"Here"_s });
    QCOMPARE(run.code, 1);
    QVERIFY(run.err.contains(u"No article quotes “Nobody Here”"_s));
}

void TestCommandLine::errorsAreOneLineAndNonZero_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::addRow("stats-missing-library") << QStringList { u"stats"_s, u"--library"_s,
        u"/nonexistent/lib.sqlite"_s } << u"There is no library"_s;
    QTest::addRow("search-missing-library")
        << QStringList { u"search"_s, u"--library"_s, u"/nonexistent/lib.sqlite"_s, u"x"_s }
        << u"There is no library"_s;
    QTest::addRow("import-nothing")
        << QStringList { u"import"_s, u"--library"_s, u"x.sqlite"_s } << u"Name at least one"_s;
    QTest::addRow("parse-missing")
        << QStringList { u"parse"_s, u"/nonexistent.txt"_s } << u"no such file"_s;
    QTest::addRow("unknown-option") << QStringList { u"stats"_s, u"--bogus"_s } << u"bogus"_s;
}

void TestCommandLine::errorsAreOneLineAndNonZero()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run run = gloss(arguments);
    QCOMPARE(run.code, 1);
    QCOMPARE(run.err.count(u'\n'), 1);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    // A text file handed over as a library is refused and left alone.
    const QString notes = TestSupport::writeFile(QDir(m_dir->path()), u"notes.txt"_s, "mine");
    const Run refused = gloss({ u"import"_s, u"--library"_s, notes, m_seed });
    QCOMPARE(refused.code, 1);
    QVERIFY(refused.err.contains(u"not a Gloss library"_s));
    QCOMPARE(TestSupport::readFile(notes), QByteArray("mine"));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
