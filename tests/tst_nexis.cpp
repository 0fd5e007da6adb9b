// Nexis (LexisNexis) exports: many articles a file, in the classic layout and Nexis Uni's, with
// the variations real exports have (fields missing, in another order or case, dates in other
// forms and languages, the copyright at the top).
#include "article/articleparser.h"
#include "article/datelines.h"
#include "article/inputformats.h"
#include "article/nexisparser.h"
#include "importing/importer.h"
#include "library/librarystore.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Parsed
{
    QList<Article> articles;
    ParseReport report;
};

Parsed parse(const QByteArray &bytes, const QString &name = u"export.txt"_s)
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

QString bodyOf(const Article &article)
{
    return article.body();
}

/// A classic document: a separator, the centred outlet and date, a headline and the fields
/// given, a body of two paragraphs, then the closing fields and the copyright.
QByteArray classic(int n, int m, const QByteArray &outlet, const QByteArray &date,
    const QByteArray &headline, const QByteArray &fields,
    const QByteArray &closing
    = "LOAD-DATE: January 12, 2010\n\nLANGUAGE: ENGLISH\n\nPUBLICATION-TYPE: Newspaper\n\n")
{
    const QByteArray centre(30, ' ');
    return centre + QByteArray::number(n) + " of " + QByteArray::number(m) + " DOCUMENTS\n\n\n"
        + centre + outlet + "\n\n" + centre + date + "\n\n" + headline + "\n\n" + fields
        + "The first paragraph of the story, wrapped as the export wraps\n"
          "its lines at eighty columns or so.\n\n"
          "A second paragraph, \"with a quotation,\" the minister said.\n\n"
        + closing + centre + "Copyright 2010 The Publisher\n" + centre + "All Rights Reserved\n\n";
}

const QStringList s_story = {
    u"The first paragraph of the story, wrapped as the export wraps its lines at eighty columns or so."_s,
    u"A second paragraph, \"with a quotation,\" the minister said."_s,
};

} // namespace

class TestNexis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sampleText();
    void sampleTextMissingFields();
    void dateLines_data();
    void dateLines();
    void notDateLines_data();
    void notDateLines();
    void classicVariations_data();
    void classicVariations();
    void copyrightFirstAndHeadlineField();
    void germanExport();
    void uniTextExport();
    void documentWithoutTextIsOneFailure();
    void crossheadsAreText();
    void bylines_data();
    void bylines();
    void recognisedOnlyWhenItIsOne();
    void importedTwiceAddsNothing();
};

void TestNexis::sampleText()
{
    GLOSS_REQUIRE_SHARED("corpus/nexis/sample.TXT");
    const Parsed parsed = parsePath(TestSupport::sharedPath(u"corpus/nexis/sample.TXT"_s));
    QVERIFY(parsed.report.failures.isEmpty());
    QCOMPARE(parsed.articles.size(), 10);
    for (int i = 0; i < parsed.articles.size(); ++i) {
        const Article &article = parsed.articles.at(i);
        QCOMPARE(article.format, ArticleFormat::Nexis);
        QCOMPARE(article.sourceIndex, i + 1);
        QVERIFY(!article.title.isEmpty());
        QVERIFY(article.date.isValid());
        QVERIFY(!article.site.isEmpty());
        // No field, no copyright line and no separator is left in the text.
        const QString body = bodyOf(article);
        for (const QString &leftover : { u"BYLINE:"_s, u"LENGTH:"_s, u"SECTION:"_s, u"LOAD-DATE:"_s,
                 u"LANGUAGE:"_s, u"PUBLICATION-TYPE:"_s, u"JOURNAL-CODE:"_s, u"GRAPHIC:"_s,
                 u"Copyright 2010"_s, u"All Rights Reserved"_s, u"DOCUMENTS"_s })
            QVERIFY2(!body.contains(leftover), qPrintable(u"%1 in %2"_s.arg(leftover).arg(i + 1)));
        QVERIFY(article.paragraphs.size() >= 5);
        QVERIFY(!article.rawHeader.isEmpty());
    }
    const Article &first = parsed.articles.front();
    QCOMPARE(first.title, u"Lorem ipsum dolor sit amet"_s);
    QCOMPARE(first.date, QDate(2010, 1, 11));
    QCOMPARE(first.site, u"Guardian.com"_s);
    QCOMPARE(first.authors, QStringList { u"Andrew Sparrow"_s });
    QVERIFY(first.paragraphs.front().text.startsWith(u"Lorem ipsum dolor sit amet, consectetur"_s));
    // Lines wrapped at 80 columns are one paragraph again.
    QVERIFY(first.paragraphs.front().text.contains(u"Etiam lacinia elementum sapien"_s));
    QVERIFY(first.paragraphs.back().text.endsWith(u"ut varius."_s));

    // An edition under the date line is neither the outlet nor the headline.
    const Article &third = parsed.articles.at(2);
    QCOMPARE(third.site, u"The Sun (England)"_s);
    QCOMPARE(third.title, u"Lorem ipsum dolor sit amet"_s);
    // A headline over three lines.
    QCOMPARE(parsed.articles.at(4).title,
        u"Lorem ipsum dolor sit amet, consectetur adipiscing elit. Etiam lacinia elementum "
        "sapien?; eget aliquet ex finibus ut."_s);
    // A graphic's caption wrapped onto a line of its own goes with the field.
    QVERIFY(!bodyOf(parsed.articles.at(3)).contains(u"SUNDAY MIRROR / PA"_s));
    // "BY STEPHEN POLLARD" is a name, not a shout.
    QCOMPARE(parsed.articles.at(7).authors, QStringList { u"Stephen Pollard"_s });
    QCOMPARE(parsed.articles.at(7).title, u"PRISONER OF HIS OWN CABINET"_s);
    QCOMPARE(parsed.articles.at(7).date, QDate(2010, 1, 10));
    QCOMPARE(
        parsed.articles.at(8).authors, (QStringList { u"Ross Ihaka"_s, u"Robert Gentleman"_s }));
    QCOMPARE(parsed.articles.at(8).site, u"Sunday Mirror"_s);
}

void TestNexis::sampleTextMissingFields()
{
    GLOSS_REQUIRE_SHARED("corpus/nexis/sample.TXT");
    const Parsed parsed = parsePath(TestSupport::sharedPath(u"corpus/nexis/sample.TXT"_s));
    QCOMPARE(parsed.articles.size(), 10);
    // The last document has no byline, no section and no copyright line at its end.
    const Article &last = parsed.articles.back();
    QCOMPARE(last.title, u"Wikipedia"_s);
    QVERIFY(last.authors.isEmpty());
    QCOMPARE(last.date, QDate(2010, 1, 9));
    QVERIFY(last.paragraphs.back().text.endsWith(u"in all languages across Turkey."_s));
    // The seventh has a date line without a weekday.
    QCOMPARE(parsed.articles.at(6).date, QDate(2010, 1, 8));
}

void TestNexis::dateLines_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QDate>("date");
    const QDate day(2010, 1, 11);
    QTest::addRow("classic") << u"January 11, 2010 Monday"_s << day;
    QTest::addRow("without weekday") << u"January 11, 2010"_s << day;
    QTest::addRow("with time and zone") << u"January 11, 2010 Monday 5:00 PM GMT"_s << day;
    QTest::addRow("day first") << u"11 January 2010"_s << day;
    QTest::addRow("day first, weekday") << u"11 January 2010 Monday"_s << day;
    QTest::addRow("weekday first") << u"Monday, January 11, 2010"_s << day;
    QTest::addRow("abbreviated") << u"Jan. 11, 2010"_s << day;
    QTest::addRow("ordinal") << u"11th January 2010"_s << day;
    QTest::addRow("iso") << u"2010-01-11"_s << day;
    QTest::addRow("dotted") << u"11.01.2010"_s << day;
    QTest::addRow("german") << u"Montag, 11. Januar 2010"_s << day;
    QTest::addRow("german glued") << u"Dienstag 10.Dezember 2019"_s << QDate(2019, 12, 10);
    QTest::addRow("french") << u"lundi 11 janvier 2010"_s << day;
    QTest::addRow("french accents") << u"mardi 10 décembre 2019"_s << QDate(2019, 12, 10);
    QTest::addRow("french, time after")
        << u"10 décembre 2019 mardi 3:00 AM GMT"_s << QDate(2019, 12, 10);
    QTest::addRow("french month first") << u"décembre 10 2019"_s << QDate(2019, 12, 10);
    QTest::addRow("spanish") << u"lunes 11 de enero de 2010"_s << day;
    QTest::addRow("italian") << u"lunedì 11 gennaio 2010"_s << day;
    QTest::addRow("dutch") << u"maandag 11 januari 2010"_s << day;
    QTest::addRow("portuguese") << u"11 de janeiro de 2010"_s << day;
    QTest::addRow("capitals") << u"JANUARY 11, 2010 MONDAY"_s << day;
    QTest::addRow("edition after")
        << u"May 4, 2012 Friday Late Edition - Final"_s << QDate(2012, 5, 4);
}

void TestNexis::dateLines()
{
    QFETCH(QString, line);
    QFETCH(QDate, date);
    QCOMPARE(DateLines::parse(line), date);
    QVERIFY(DateLines::isDateLine(line));
}

void TestNexis::notDateLines_data()
{
    QTest::addColumn<QString>("line");
    QTest::addRow("outlet") << u"The Guardian (London)"_s;
    QTest::addRow("headline with a date")
        << u"Voters go to the polls on May 6, 2010 for the first time"_s;
    QTest::addRow("copyright") << u"Copyright 2010 Guardian Unlimited"_s;
    QTest::addRow("a month word") << u"May Day marchers fill the square"_s;
    QTest::addRow("impossible day") << u"February 30, 2010"_s;
    QTest::addRow("no year") << u"January 11"_s;
}

void TestNexis::notDateLines()
{
    QFETCH(QString, line);
    QVERIFY(!DateLines::isDateLine(line));
}

void TestNexis::classicVariations_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("site");
    QTest::addColumn<QStringList>("authors");
    const QDate day(2010, 1, 11);
    const QStringList ann = { u"Ann Lee"_s };
    QTest::addRow("all fields") << classic(1, 1, "The Times (London)", "January 11, 2010 Monday",
        "Headline here", "BYLINE: Ann Lee\n\nSECTION: NEWS; Pg. 3\n\nLENGTH: 453 words\n\n")
                                << u"Headline here"_s << day << u"The Times (London)"_s << ann;
    QTest::addRow("no byline, no section") << classic(
        1, 1, "The Times", "January 11, 2010 Monday", "Headline here", "LENGTH: 453 words\n\n")
                                           << u"Headline here"_s << day << u"The Times"_s
                                           << QStringList();
    QTest::addRow("no fields at all")
        << classic(1, 1, "The Times", "11 January 2010", "Headline here", "", "")
        << u"Headline here"_s << day << u"The Times"_s << QStringList();
    QTest::addRow("fields in another order")
        << classic(1, 1, "The Times", "2010-01-11", "Headline here",
               "LENGTH: 453 words\n\nSECTION: NEWS\n\nBYLINE: Ann Lee\n\nDATELINE: LONDON\n\n")
        << u"Headline here"_s << day << u"The Times"_s << ann;
    QTest::addRow("fields in title case")
        << classic(1, 1, "The Times", "January 11, 2010 Monday 5:00 PM GMT", "Headline here",
               "Byline: Ann Lee\n\nSection: News\n\nLength: 453 words\n\n",
               "Load-Date: January 12, 2010\n\nLanguage: ENGLISH\n\n")
        << u"Headline here"_s << day << u"The Times"_s << ann;
    QTest::addRow("fields in lower case")
        << classic(1, 1, "The Times", "January 11, 2010", "Headline here",
               "byline: Ann Lee\n\nlength: 453 words\n\n", "load-date: January 12, 2010\n\n")
        << u"Headline here"_s << day << u"The Times"_s << ann;
    QTest::addRow("no date line: the load date")
        << classic(1, 1, "The Times", "Weekend Edition", "Headline here",
               "BYLINE: Ann Lee\n\nLENGTH: 453 words\n\n")
        << u"Headline here"_s << QDate(2010, 1, 12) << u"The Times"_s << ann;
    QTest::addRow("fields without blank lines")
        << classic(1, 1, "The Times", "January 11, 2010", "Headline here",
               "BYLINE: Ann Lee\nSECTION: NEWS\nLENGTH: 453 words\n\n",
               "LOAD-DATE: January 12, 2010\nLANGUAGE: ENGLISH\nPUBLICATION-TYPE: Newspaper\n\n")
        << u"Headline here"_s << day << u"The Times"_s << ann;
    QTest::addRow("focus separator")
        << classic(1, 1, "The Times", "January 11, 2010", "Headline here", "LENGTH: 9 words\n\n")
               .replace("1 of 1 DOCUMENTS", "FOCUS - 1 of 1 DOCUMENTS")
        << u"Headline here"_s << day << u"The Times"_s << QStringList();
    QTest::addRow("nothing centred")
        << classic(1, 1, "The Times", "January 11, 2010 Monday\nLate Edition - Final",
               "Headline here", "BYLINE: By ANN LEE, Political Editor\n\n")
               .replace(QByteArray(30, ' '), "")
        << u"Headline here"_s << day << u"The Times"_s << ann;
    QTest::addRow("headline that starts like a field")
        << classic(1, 1, "The Times", "January 11, 2010", "UPDATE: Talks resume in Geneva",
               "BYLINE: Ann Lee\n\nLENGTH: 9 words\n\n")
        << u"UPDATE: Talks resume in Geneva"_s << day << u"The Times"_s << ann;
    QTest::addRow("unknown fields in capitals after the body")
        << classic(1, 1, "The Times", "January 11, 2010", "Headline here", "LENGTH: 9 words\n\n",
               "LOAD-DATE: January 12, 2010\n\nACC-NO: 12345\n\nDOCUMENT-TYPE: News\n\n")
        << u"Headline here"_s << day << u"The Times"_s << QStringList();
}

void TestNexis::classicVariations()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, title);
    QFETCH(QDate, date);
    QFETCH(QString, site);
    QFETCH(QStringList, authors);
    // Two documents, so the separator between them counts too.
    const Parsed parsed = parse(bytes + bytes);
    QVERIFY2(parsed.report.failures.isEmpty(), qPrintable(parsed.report.failures.value(0).message));
    QCOMPARE(parsed.articles.size(), 2);
    for (const Article &article : parsed.articles) {
        QCOMPARE(article.format, ArticleFormat::Nexis);
        QCOMPARE(article.title, title);
        QCOMPARE(article.date, date);
        QCOMPARE(article.site, site);
        QCOMPARE(article.authors, authors);
        QStringList texts;
        for (const Paragraph &paragraph : article.paragraphs)
            texts.append(paragraph.text);
        QCOMPARE(texts, s_story);
    }
    QCOMPARE(parsed.articles.at(1).sourceIndex, 2);
}

void TestNexis::copyrightFirstAndHeadlineField()
{
    // As some outlets are exported: the copyright before the outlet, the headline a field.
    const QByteArray text = "                    1 of 1 DOCUMENT\n\n"
                            "           Copyright 2012 The New York Times Company\n"
                            "                   All Rights Reserved\n\n"
                            "                   The New York Times\n\n"
                            "                 May 4, 2012 Friday\n"
                            "                 Late Edition - Final\n\n"
                            "SECTION: Section A; Column 0; Foreign Desk; Pg. 4\n\n"
                            "LENGTH: 120 words\n\n"
                            "HEADLINE: Talks Resume, and So Do the\nAccusations\n\n"
                            "BYLINE: By JANE DOE and JOHN ROE\n\n"
                            "DATELINE: WASHINGTON\n\n"
                            "Text of the story.\n\nMore of it.\n\n"
                            "URL: http://www.nytimes.com/x.html\n\n"
                            "LOAD-DATE: May 4, 2012\n\nLANGUAGE: ENGLISH\n";
    const Parsed parsed = parse(text);
    QCOMPARE(parsed.articles.size(), 1);
    const Article &article = parsed.articles.front();
    QCOMPARE(article.title, u"Talks Resume, and So Do the Accusations"_s);
    QCOMPARE(article.site, u"The New York Times"_s);
    QCOMPARE(article.date, QDate(2012, 5, 4));
    QCOMPARE(article.authors, (QStringList { u"Jane Doe"_s, u"John Roe"_s }));
    QCOMPARE(article.body(), u"Text of the story.\nMore of it."_s);
}

void TestNexis::germanExport()
{
    const QByteArray document
        = "                         Dokument 1 von 2\n\n"
          "                     Süddeutsche Zeitung\n\n"
          "                   Montag, 11. Januar 2010\n\n"
          "Überschrift des Artikels\n\n"
          "AUTOR: Anna Müller\n\nRUBRIK: POLITIK; S. 5\n\nLÄNGE: 300 Wörter\n\n"
          "Der erste Absatz.\n\nDer zweite Absatz.\n\n"
          "SPRACHE: GERMAN\n\n"
          "                    Copyright 2010 Süddeutsche Zeitung GmbH\n"
          "                      Alle Rechte vorbehalten\n\n";
    QByteArray second = document;
    second.replace("Dokument 1 von 2", "Dokument 2 von 2");
    const Parsed parsed = parse(document + second);
    QCOMPARE(parsed.articles.size(), 2);
    const Article &article = parsed.articles.front();
    QCOMPARE(article.title, u"Überschrift des Artikels"_s);
    QCOMPARE(article.site, u"Süddeutsche Zeitung"_s);
    QCOMPARE(article.date, QDate(2010, 1, 11));
    QCOMPARE(article.authors, QStringList { u"Anna Müller"_s });
    QCOMPARE(article.body(), u"Der erste Absatz.\nDer zweite Absatz."_s);
}

void TestNexis::uniTextExport()
{
    // Nexis Uni: a cover page, then each document's headline, outlet, date line, fields in
    // title case, "Body", the text, "Classification", more fields, "End of Document". A
    // paragraph a line; no wrapping.
    QByteArray text = "Date and Time: Friday, 5. July 2019 09:31:00 CEST\nJob Number: 1\n"
                      "Documents (2)\n1. First headline\nClient/Matter: -None-\n"
                      "Search Terms: brexit\n\n\n\n";
    for (int i = 1; i <= 2; ++i) {
        text += (i == 1 ? "First headline" : "Second headline") + QByteArray("\n");
        text += "The Guardian(London)\nJuly 1, 2019 Monday 9:20 AM GMT\n\n"
                "Copyright 2019 The Guardian, a division of Transcontinental Media Group Inc. All "
                "Rights Reserved\n\n"
                "Section: POLITICS; Version:28\nLength: 355 words\n"
                "Byline: Mattha Busby (now), Andrew Sparrow (earlier)\n"
                "Highlight: A summary of the day.\nBody\n\n"
                "A first paragraph that is long enough to be a real paragraph of a real story, "
                "and it goes on past a hundred characters, which no wrapped export would do.\n\n"
                "A second paragraph.\n\nClassification\n\nLanguage: ENGLISH\n"
                "Publication-Type: Newspaper\nSubject: POLITICS (90%)\n"
                "Load-Date: July 2, 2019\n\nEnd of Document\n\n\n";
    }
    const Parsed parsed = parse(text);
    QVERIFY(parsed.report.failures.isEmpty());
    QCOMPARE(parsed.articles.size(), 2);
    const Article &first = parsed.articles.front();
    QCOMPARE(first.title, u"First headline"_s);
    QCOMPARE(parsed.articles.at(1).title, u"Second headline"_s);
    QCOMPARE(first.site, u"The Guardian (London)"_s);
    QCOMPARE(first.date, QDate(2019, 7, 1));
    QCOMPARE(first.authors, (QStringList { u"Mattha Busby"_s, u"Andrew Sparrow"_s }));
    QCOMPARE(first.paragraphs.size(), 2);
    QCOMPARE(first.paragraphs.at(1).text, u"A second paragraph."_s);
    QVERIFY(!first.rawHeader.contains(u"Job Number"_s));
}

void TestNexis::documentWithoutTextIsOneFailure()
{
    QByteArray empty = classic(
        2, 3, "The Times", "January 11, 2010", "A photograph only", "LENGTH: 0 words\n\n");
    // Only the closing fields are left where the text would be.
    empty.replace("The first paragraph of the story, wrapped as the export wraps\n"
                  "its lines at eighty columns or so.\n\n"
                  "A second paragraph, \"with a quotation,\" the minister said.\n\n",
        "");
    const Parsed parsed
        = parse(classic(1, 3, "The Times", "January 11, 2010", "One", "LENGTH: 9 words\n\n") + empty
            + classic(3, 3, "The Times", "January 11, 2010", "Three", "LENGTH: 9 words\n\n"));
    QCOMPARE(parsed.articles.size(), 2);
    QCOMPARE(parsed.articles.at(0).sourceIndex, 1);
    QCOMPARE(parsed.articles.at(1).sourceIndex, 3);
    QCOMPARE(parsed.report.failures.size(), 1);
    const ParseFailure &failure = parsed.report.failures.front();
    QCOMPARE(failure.item, 2);
    QCOMPARE(failure.unit, ItemUnit::Document);
    QVERIFY2(failure.message.contains(u"no article text"_s), qPrintable(failure.message));
    QVERIFY(!failure.message.contains(u'\n'));
}

void TestNexis::crossheadsAreText()
{
    // Words that are Nexis Uni's headings elsewhere are an article's own crossheads here.
    QByteArray body;
    for (int i = 0; i < 3; ++i)
        body += "Paragraph " + QByteArray::number(i) + " of a long story.\n\n";
    body += "Text\n\nNotes\n\nThe end of the story.\n\n";
    QByteArray document
        = classic(1, 1, "The Times", "January 11, 2010", "Headline here", "LENGTH: 900 words\n\n");
    document.replace(
        "The first paragraph of the story", QByteArray(body + "The first paragraph of the story"));
    const Parsed parsed = parse(document);
    QCOMPARE(parsed.articles.size(), 1);
    const QString text = parsed.articles.front().body();
    QVERIFY(text.contains(u"\nText\nNotes\nThe end of the story."_s));
    QVERIFY(text.startsWith(u"Paragraph 0 of a long story."_s));

    // A field in capitals before the text is a field; text that starts like one is text.
    QByteArray update = classic(1, 1, "The Times", "January 11, 2010", "Headline here",
        "BYLINE: Ann Lee\n\nLENGTH: 9 words\n\nUPDATE: January 12, 2010\n\n");
    update.replace("The first paragraph", "Update: the first paragraph");
    const Parsed updated = parse(update);
    QCOMPARE(updated.articles.size(), 1);
    QVERIFY2(updated.articles.front().body().startsWith(u"Update: the first paragraph"_s),
        qPrintable(updated.articles.front().body()));
    QVERIFY(!updated.articles.front().body().contains(u"UPDATE"_s));
}

void TestNexis::bylines_data()
{
    QTest::addColumn<QString>("byline");
    QTest::addColumn<QStringList>("names");
    QTest::addRow("one") << u"Andrew Sparrow"_s << QStringList { u"Andrew Sparrow"_s };
    QTest::addRow("by, capitals") << u"BY STEPHEN POLLARD"_s
                                  << QStringList { u"Stephen Pollard"_s };
    QTest::addRow("two") << u"Ross Ihaka and Robert Gentleman"_s
                         << QStringList { u"Ross Ihaka"_s, u"Robert Gentleman"_s };
    QTest::addRow("role after comma")
        << u"By Tom Coghlan, Defence Correspondent"_s << QStringList { u"Tom Coghlan"_s };
    QTest::addRow("place") << u"Daniel Boffey in Brussels"_s << QStringList { u"Daniel Boffey"_s };
    QTest::addRow("brackets") << u"Mattha Busby (now), Andrew Sparrow (earlier)"_s
                              << QStringList { u"Mattha Busby"_s, u"Andrew Sparrow"_s };
    QTest::addRow("mixed case kept")
        << u"TREVOR Kavanagh"_s << QStringList { u"TREVOR Kavanagh"_s };
    QTest::addRow("apostrophe") << u"LISA O'CARROLL"_s << QStringList { u"Lisa O'Carroll"_s };
    QTest::addRow("german") << u"Von Anna Müller und Jan Schmidt"_s
                            << QStringList { u"Anna Müller"_s, u"Jan Schmidt"_s };
    QTest::addRow("empty") << QString() << QStringList();
}

void TestNexis::bylines()
{
    QFETCH(QString, byline);
    QFETCH(QStringList, names);
    QCOMPARE(Nexis::authorsFromByline(byline), names);
}

void TestNexis::recognisedOnlyWhenItIsOne()
{
    const QByteArray nexis
        = classic(1, 1, "The Times", "January 11, 2010", "H", "LENGTH: 9 words\n\n");
    QCOMPARE(InputFormats::forFile(u"a.txt"_s, nexis).id, ArticleFormat::Nexis);
    QCOMPARE(InputFormats::forFile(u"a.TXT"_s, nexis).id, ArticleFormat::Nexis);
    QCOMPARE(InputFormats::forFile(u"a.txt"_s, "A title\n\nThe 1 of 10 DOCUMENTS we read.\n").id,
        ArticleFormat::PlainText);
    QCOMPARE(InputFormats::forFile(u"a.md"_s, nexis).id, ArticleFormat::Markdown);
    // A plain article mentioning the words is still a plain article.
    const Parsed plain = parse("Title\n\nHe said: Body\n\nEnd of story.\n");
    QCOMPARE(plain.articles.size(), 1);
    QCOMPARE(plain.articles.front().format, ArticleFormat::PlainText);
}

void TestNexis::importedTwiceAddsNothing()
{
    GLOSS_REQUIRE_SHARED("corpus/nexis/sample.TXT");
    QTemporaryDir dir;
    auto library = TestSupport::openLibrary(dir.filePath(u"l.sqlite"_s), Library::Writing::Inline);
    const QString file = TestSupport::sharedPath(u"corpus/nexis/sample.TXT"_s);
    ImportSummary first = Importer(library->writer()).run({ file });
    QCOMPARE(first.imported, 10);
    QCOMPARE(first.failed, 0);
    ImportSummary second = Importer(library->writer()).run({ file });
    QCOMPARE(second.imported, 0);
    QCOMPARE(second.unchanged, 10);
    const Result<Article> stored = library->store().article(first.firstArticleId);
    QVERIFY(stored.ok());
    QCOMPARE(stored->format, ArticleFormat::Nexis);
    QCOMPARE(stored->sourceIndex, 1);
}

QTEST_GUILESS_MAIN(TestNexis)
#include "tst_nexis.moc"
