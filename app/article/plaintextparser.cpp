#include "formatparsers.h"
#include "textblocks.h"
#include "textdecoder.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace FormatParsers {

namespace {

// A headline is short and is not a sentence cut off mid-way.
bool looksLikeTitle(const QString &line)
{
    if (line.isEmpty() || line.size() > 150)
        return false;
    const QChar last = line.back();
    return last != u',' && last != u';' && last != u':';
}

} // namespace

Result<Article> parsePlainText(const QString &text, const QString &fileName)
{
    Article article;
    article.format = ArticleFormat::PlainText;
    QStringView rest(text);
    while (rest.startsWith(u'\n'))
        rest = rest.mid(1);
    const qsizetype end = rest.indexOf(u'\n');
    const QString firstLine = simplifyLine((end < 0 ? rest : rest.left(end)).toString());
    const QStringView afterFirst = end < 0 ? QStringView() : rest.mid(end + 1);
    // The BBC layout (title, blank line, paragraphs) and plain notes with a heading line both
    // start with a short line followed by a break; anything else is body from the start.
    const bool followedByBreak = afterFirst.isEmpty() || afterFirst.startsWith(u'\n');
    if (looksLikeTitle(firstLine) && (followedByBreak || firstLine.size() <= 80)) {
        article.title = firstLine;
        article.rawHeader = firstLine;
        article.paragraphs = TextBlocks::paragraphsFromText(afterFirst);
    } else {
        article.title = TextBlocks::titleFromFileName(fileName);
        article.paragraphs = TextBlocks::paragraphsFromText(rest);
    }
    if (article.paragraphs.isEmpty()) {
        return ResultError(QCoreApplication::translate(
            "FormatParsers", "The file has a title line but no article text."));
    }
    return article;
}

} // namespace FormatParsers
