#include "formatparsers.h"
#include "textblocks.h"
#include "textdecoder.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace FormatParsers {

namespace {

const QRegularExpression &headerPattern()
{
    static const QRegularExpression pattern(uR"(^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*(.*)$)"_s,
        QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

// Page chrome that scrapers glue onto headlines. The long phrases are unmistakable and go
// wherever they are; the short words could be part of a real headline, so they go only from
// either end.
const QStringList &distinctiveChrome()
{
    static const QStringList phrases = {
        u"Close this dialog window"_s,
        u"Skip to main content"_s,
        u"Skip to content"_s,
        u"Skip to navigation"_s,
        u"Streaming Options"_s,
        u"Toggle navigation"_s,
        u"Accept all cookies"_s,
        u"Cookie settings"_s,
        u"Share this article"_s,
        u"Open side navigation menu"_s,
    };
    return phrases;
}

const QStringList &edgeChrome()
{
    static const QStringList words = {
        u"Advertisement"_s,
        u"Sign up"_s,
        u"Sign in"_s,
        u"Log in"_s,
        u"Subscribe"_s,
        u"Subscribe now"_s,
        u"Newsletter"_s,
        u"Menu"_s,
        u"Search"_s,
        u"Share"_s,
        u"Read more"_s,
        u"Watch now"_s,
        u"Close"_s,
        u"Open menu"_s,
        u"Close menu"_s,
        u"Sponsored"_s,
        u"Ad"_s,
        u"Skip"_s,
        u"Trending"_s,
        u"Breaking News"_s,
    };
    return words;
}

bool isBoundary(QChar c)
{
    return c.isSpace() || c.isPunct();
}

/// Moves the edges of [from, to) inwards past one chrome phrase at either end, if one is
/// there; works on offsets, so a headline of thousands of them costs one pass, not a copy
/// per phrase.
bool stripEdge(QStringView text, qsizetype &from, qsizetype &to, const QString &phrase)
{
    const qsizetype length = phrase.size();
    if (to - from < length)
        return false;
    if (text.mid(to - length, length).compare(phrase, Qt::CaseInsensitive) == 0
        && (to - length == from || isBoundary(text.at(to - length - 1)))) {
        to -= length;
        while (to > from && text.at(to - 1).isSpace())
            --to;
        return true;
    }
    if (text.mid(from, length).compare(phrase, Qt::CaseInsensitive) == 0
        && (from + length == to || isBoundary(text.at(from + length)))) {
        from += length;
        while (from < to && text.at(from).isSpace())
            ++from;
        return true;
    }
    return false;
}

} // namespace

bool isNewsDump(QStringView text)
{
    const qsizetype end = text.indexOf(u'\n');
    const QStringView firstLine = end < 0 ? text : text.left(end);
    return headerPattern().match(firstLine).hasMatch();
}

QString stripPageChrome(const QString &headline)
{
    // One pass for the phrases that go wherever they are.
    static const QRegularExpression anywhere = [] {
        QStringList escaped;
        for (const QString &phrase : distinctiveChrome())
            escaped.append(QRegularExpression::escape(phrase));
        return QRegularExpression(u"\\b(?:"_s + escaped.join(u'|') + u")\\b"_s,
            QRegularExpression::CaseInsensitiveOption);
    }();
    QString title = simplifyLine(headline);
    title.replace(anywhere, u" "_s);
    title = simplifyLine(title);
    // Then the short words from either end, as long as there are any.
    qsizetype from = 0;
    qsizetype to = title.size();
    bool changed = true;
    while (changed && from < to) {
        changed = false;
        for (const QString &phrase : edgeChrome())
            changed = stripEdge(title, from, to, phrase) || changed;
        // Separators left dangling after a removal ("Headline |") are chrome too.
        while (to > from && QStringView(u"|-–—:·•").contains(title.at(to - 1))) {
            --to;
            while (to > from && title.at(to - 1).isSpace())
                --to;
            changed = true;
        }
    }
    return title.mid(from, to - from).trimmed();
}

Result<Article> parseNewsDump(const QString &text, const QString &fileName)
{
    const qsizetype end = text.indexOf(u'\n');
    const QString firstLine = end < 0 ? text : text.left(end);
    const QRegularExpressionMatch match = headerPattern().match(firstLine);
    if (!match.hasMatch()) {
        return ResultError(QCoreApplication::translate(
            "FormatParsers", "The first line does not start with \"date YYYY-MM-DD\"."));
    }
    Article article;
    article.format = ArticleFormat::NewsDump;
    article.rawHeader = firstLine.trimmed();
    article.date = QDate::fromString(match.captured(1), Qt::ISODate);
    article.title = stripPageChrome(match.captured(2));
    if (article.title.isEmpty())
        article.title = TextBlocks::titleFromFileName(fileName);
    article.paragraphs
        = TextBlocks::paragraphsFromText(end < 0 ? QStringView() : QStringView(text).mid(end + 1));
    if (article.paragraphs.isEmpty()) {
        return ResultError(QCoreApplication::translate(
            "FormatParsers", "The file has a header but no article text."));
    }
    return article;
}

} // namespace FormatParsers
