#include "formatparsers.h"
#include "htmldom.h"
#include "readability.h"
#include "textblocks.h"
#include "textdecoder.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace FormatParsers {

Result<Article> parseHtml(const QString &text, const QString &fileName)
{
    Result<HtmlDom> dom = HtmlDom::parse(text.toUtf8());
    if (!dom)
        return dom.failure();
    const PageMetadata page = Readability::metadata(*dom);
    Article article;
    article.format = ArticleFormat::Html;
    article.title = simplifyLine(page.title);
    if (article.title.isEmpty())
        article.title = TextBlocks::titleFromFileName(fileName);
    article.authors = page.authors;
    article.date = page.date;
    article.site = page.site;
    article.url = page.url;
    for (const Paragraph &paragraph : Readability::article(*dom, article.title)) {
        Paragraph cleaned = paragraph;
        cleaned.text = cleanText(paragraph.text);
        if (!cleaned.text.trimmed().isEmpty())
            article.paragraphs.append(cleaned);
    }
    if (article.paragraphs.isEmpty()) {
        return ResultError(
            QCoreApplication::translate("FormatParsers", "The web page has no article text."),
            ErrorKind::InvalidInput);
    }
    return article;
}

} // namespace FormatParsers
