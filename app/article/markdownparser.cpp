#include "formatparsers.h"
#include "markdowninline.h"
#include "textblocks.h"
#include "textdecoder.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace FormatParsers {

namespace {

QString unquoteYaml(QString value)
{
    value = value.trimmed();
    if (value.size() >= 2
        && ((value.front() == u'"' && value.back() == u'"')
            || (value.front() == u'\'' && value.back() == u'\''))) {
        const bool doubleQuoted = value.front() == u'"';
        value = value.mid(1, value.size() - 2);
        if (doubleQuoted)
            value.replace(u"\\\""_s, u"\""_s);
        else
            value.replace(u"''"_s, u"'"_s);
    }
    return value;
}

QStringList yamlList(const QString &value)
{
    QString inner = value.trimmed();
    if (inner.startsWith(u'[') && inner.endsWith(u']'))
        inner = inner.mid(1, inner.size() - 2);
    QStringList items;
    for (const QString &item : inner.split(u',', Qt::SkipEmptyParts)) {
        const QString unquoted = unquoteYaml(item);
        if (!unquoted.isEmpty())
            items.append(unquoted);
    }
    return items;
}

// Front matter is a flat map of scalars and lists; that is all articles use, so that is all
// this reads. Anything else stays in the raw header for the user to see.
void applyFrontMatter(const QStringList &lines, Article &article)
{
    QString listKey;
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(u"- "_s) && !listKey.isEmpty()) {
            const QString item = unquoteYaml(trimmed.mid(2));
            if (listKey == u"author"_s || listKey == u"authors"_s)
                article.authors.append(item);
            continue;
        }
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0 || line.front().isSpace())
            continue;
        const QString key = line.left(colon).trimmed().toLower();
        const QString value = line.mid(colon + 1).trimmed();
        listKey = value.isEmpty() ? key : QString();
        if (key == u"title"_s)
            article.title = simplifyLine(unquoteYaml(value));
        else if (key == u"date"_s || key == u"published"_s)
            article.date = TextBlocks::parseDate(unquoteYaml(value));
        else if ((key == u"author"_s || key == u"authors"_s) && !value.isEmpty())
            article.authors
                = value.startsWith(u'[') ? yamlList(value) : QStringList { unquoteYaml(value) };
        else if (key == u"url"_s || key == u"link"_s || key == u"source"_s)
            article.url = unquoteYaml(value);
        else if (key == u"site"_s || key == u"publisher"_s)
            article.site = unquoteYaml(value);
    }
}

struct BlockBuilder
{
    QList<Paragraph> paragraphs;
    QString pending;

    void add(ParagraphKind kind, const QString &text)
    {
        const QString shown = simplifyLine(stripInlineMarkdown(text));
        if (shown.isEmpty())
            return;
        Paragraph paragraph;
        paragraph.kind = kind;
        if (kind == ParagraphKind::Paragraph && TextBlocks::looksLikeCaption(shown))
            paragraph.kind = ParagraphKind::Caption;
        paragraph.text = shown;
        paragraphs.append(paragraph);
    }
    void flush()
    {
        if (!pending.isEmpty())
            add(ParagraphKind::Paragraph, pending);
        pending.clear();
    }
    void append(const QString &line)
    {
        if (!pending.isEmpty())
            pending += u' ';
        pending += line.trimmed();
    }
};

} // namespace

QString stripInlineMarkdown(const QString &text)
{
    return MarkdownInline::toPlainText(text);
}

Result<Article> parseMarkdown(const QString &text, const QString &fileName)
{
    static const QRegularExpression atxHeading(uR"(^ {0,3}(#{1,6})\s+(.*?)(\s+#+\s*)?$)"_s);
    static const QRegularExpression listItem(uR"(^\s*([-*+]|\d{1,9}[.)])\s+(.*)$)"_s);
    static const QRegularExpression rule(uR"(^ {0,3}([-*_])(\s*\1){2,}\s*$)"_s);
    static const QRegularExpression setextUnderline(uR"(^ {0,3}(=+|-+)\s*$)"_s);
    static const QRegularExpression fence(uR"(^ {0,3}(```|~~~))"_s);

    Article article;
    article.format = ArticleFormat::Markdown;
    QStringList lines = text.split(u'\n');
    if (!lines.isEmpty() && lines.front().trimmed() == u"---"_s) {
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QString marker = lines.at(i).trimmed();
            if (marker == u"---"_s || marker == u"..."_s) {
                const QStringList frontMatter = lines.mid(1, i - 1);
                article.rawHeader = frontMatter.join(u'\n');
                applyFrontMatter(frontMatter, article);
                lines = lines.mid(i + 1);
                break;
            }
        }
    }

    BlockBuilder blocks;
    bool inFence = false;
    QString titleFromHeading;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (fence.match(line).hasMatch()) {
            blocks.flush();
            inFence = !inFence;
            continue;
        }
        if (inFence) {
            Paragraph paragraph;
            paragraph.text = simplifyLine(line);
            if (!paragraph.text.isEmpty())
                blocks.paragraphs.append(paragraph);
            continue;
        }
        if (line.trimmed().isEmpty()) {
            blocks.flush();
            continue;
        }
        const QRegularExpressionMatch heading = atxHeading.match(line);
        if (heading.hasMatch()) {
            blocks.flush();
            const QString headingText = heading.captured(2);
            if (heading.captured(1).size() == 1 && article.title.isEmpty()
                && titleFromHeading.isEmpty() && blocks.paragraphs.isEmpty()) {
                titleFromHeading = simplifyLine(stripInlineMarkdown(headingText));
            } else {
                blocks.add(ParagraphKind::Heading, headingText);
            }
            continue;
        }
        if (!blocks.pending.isEmpty() && setextUnderline.match(line).hasMatch()) {
            const QString headingText = blocks.pending;
            blocks.pending.clear();
            blocks.add(ParagraphKind::Heading, headingText);
            continue;
        }
        if (rule.match(line).hasMatch()) {
            blocks.flush();
            continue;
        }
        const QRegularExpressionMatch item = listItem.match(line);
        if (item.hasMatch()) {
            blocks.flush();
            const QString marker = item.captured(1);
            const bool ordered = marker.front().isDigit();
            blocks.pending = (ordered ? marker + u' ' : u"• "_s) + item.captured(2).trimmed();
            continue;
        }
        QString content = line;
        const QString trimmed = content.trimmed();
        if (trimmed.startsWith(u'>')) {
            content = trimmed;
            while (content.startsWith(u'>'))
                content = content.mid(1).trimmed();
        }
        static const QRegularExpression loneImage(uR"(^\s*!\[([^\]]*)\]\([^)]*\)\s*$)"_s);
        const QRegularExpressionMatch image = loneImage.match(content);
        if (image.hasMatch()) {
            blocks.flush();
            blocks.add(ParagraphKind::Caption, image.captured(1));
            continue;
        }
        blocks.append(content);
    }
    blocks.flush();

    if (article.title.isEmpty())
        article.title = titleFromHeading;
    if (article.title.isEmpty())
        article.title = TextBlocks::titleFromFileName(fileName);
    article.paragraphs = blocks.paragraphs;
    if (article.paragraphs.isEmpty()) {
        return ResultError(
            QCoreApplication::translate("FormatParsers", "The Markdown file has no article text."));
    }
    return article;
}

} // namespace FormatParsers
