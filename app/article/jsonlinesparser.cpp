#include "formatparsers.h"
#include "textblocks.h"
#include "textdecoder.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace FormatParsers {

namespace {

QString firstString(const QJsonObject &object, std::initializer_list<QString> keys)
{
    for (const QString &key : keys) {
        const QJsonValue value = object.value(key);
        if (value.isString() && !value.toString().trimmed().isEmpty())
            return value.toString();
    }
    return {};
}

QString tr(const char *text)
{
    return QCoreApplication::translate("FormatParsers", text);
}

} // namespace

Result<Article> parseJsonLine(QByteArrayView line)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return ResultError(tr("Not valid JSON: %1.").arg(error.errorString()));
    if (!document.isObject())
        return ResultError(tr("The line is not a JSON object."));
    const QJsonObject object = document.object();

    const QString text = cleanText(
        firstString(object, { u"text"_s, u"maintext"_s, u"body"_s, u"content"_s, u"article"_s }));
    Article article;
    article.format = ArticleFormat::JsonLines;
    // Corpora either keep paragraphs apart with blank lines or one per line.
    article.paragraphs = TextBlocks::paragraphsFromText(
        text.contains(u"\n\n"_s) ? text : QString(text).replace(u'\n', u"\n\n"_s));
    if (article.paragraphs.isEmpty())
        return ResultError(tr("The record has no article text (text or maintext)."));

    article.title = simplifyLine(cleanText(
        firstString(object, { u"title"_s, u"headline"_s, u"title_page"_s, u"title_rss"_s })));
    if (article.title.isEmpty()) {
        const QString &first = article.paragraphs.front().text;
        article.title = first.size() <= 80 ? first : first.left(77).trimmed() + u'…';
    }
    article.date = TextBlocks::parseDate(firstString(object,
        { u"date"_s, u"date_publish"_s, u"published"_s, u"publish_date"_s, u"date_published"_s,
            u"pubDate"_s, u"date_modify"_s }));
    article.url = firstString(object, { u"url"_s, u"link"_s, u"canonical_url"_s });
    article.site = firstString(
        object, { u"source_domain"_s, u"site"_s, u"source"_s, u"domain"_s, u"publisher"_s });
    const QJsonValue authors = object.value(u"authors"_s).isUndefined()
        ? object.value(u"author"_s)
        : object.value(u"authors"_s);
    if (authors.isArray()) {
        for (const QJsonValue &author : authors.toArray()) {
            if (author.isString() && !author.toString().trimmed().isEmpty())
                article.authors.append(simplifyLine(author.toString()));
        }
    } else if (authors.isString() && !authors.toString().trimmed().isEmpty()) {
        article.authors.append(simplifyLine(authors.toString()));
    }
    return article;
}

} // namespace FormatParsers
