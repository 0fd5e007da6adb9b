#include "formatparsers.h"
#include "textblocks.h"
#include "textdecoder.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

using namespace Qt::StringLiterals;

namespace FormatParsers {

namespace {

const QHash<QString, char16_t> &namedEntities()
{
    static const QHash<QString, char16_t> entities = {
        { u"amp"_s, u'&' },
        { u"lt"_s, u'<' },
        { u"gt"_s, u'>' },
        { u"quot"_s, u'"' },
        { u"apos"_s, u'\'' },
        { u"nbsp"_s, u' ' },
        { u"mdash"_s, u'\u2014' },
        { u"ndash"_s, u'\u2013' },
        { u"hellip"_s, u'\u2026' },
        { u"lsquo"_s, u'\u2018' },
        { u"rsquo"_s, u'\u2019' },
        { u"ldquo"_s, u'\u201C' },
        { u"rdquo"_s, u'\u201D' },
        { u"laquo"_s, u'\u00AB' },
        { u"raquo"_s, u'\u00BB' },
        { u"copy"_s, u'\u00A9' },
        { u"reg"_s, u'\u00AE' },
        { u"trade"_s, u'\u2122' },
        { u"euro"_s, u'\u20AC' },
        { u"pound"_s, u'\u00A3' },
        { u"yen"_s, u'\u00A5' },
        { u"cent"_s, u'\u00A2' },
        { u"deg"_s, u'\u00B0' },
        { u"middot"_s, u'\u00B7' },
        { u"bull"_s, u'\u2022' },
        { u"eacute"_s, u'\u00E9' },
        { u"egrave"_s, u'\u00E8' },
        { u"aacute"_s, u'\u00E1' },
        { u"agrave"_s, u'\u00E0' },
        { u"iacute"_s, u'\u00ED' },
        { u"oacute"_s, u'\u00F3' },
        { u"uacute"_s, u'\u00FA' },
        { u"ntilde"_s, u'\u00F1' },
        { u"ccedil"_s, u'\u00E7' },
        { u"auml"_s, u'\u00E4' },
        { u"ouml"_s, u'\u00F6' },
        { u"uuml"_s, u'\u00FC' },
        { u"szlig"_s, u'\u00DF' },
        { u"shy"_s, u'\u00AD' },
        { u"times"_s, u'\u00D7' },
        { u"frac12"_s, u'\u00BD' },
        { u"sect"_s, u'\u00A7' },
        { u"para"_s, u'\u00B6' },
        { u"zwj"_s, u'\u200D' },
        { u"zwnj"_s, u'\u200C' },
    };
    return entities;
}

QString decodeEntities(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c != u'&') {
            out += c;
            continue;
        }
        const qsizetype semicolon = text.indexOf(u';', i + 1);
        if (semicolon < 0 || semicolon - i > 12) {
            out += c;
            continue;
        }
        const QStringView name = text.mid(i + 1, semicolon - i - 1);
        if (name.startsWith(u'#')) {
            bool ok = false;
            const uint code = (name.size() > 1 && (name.at(1) == u'x' || name.at(1) == u'X'))
                ? name.mid(2).toUInt(&ok, 16)
                : name.mid(1).toUInt(&ok, 10);
            if (ok && code > 0 && code <= 0x10FFFF) {
                const char32_t codePoint = code;
                out += QString::fromUcs4(&codePoint, 1);
                i = semicolon;
                continue;
            }
        } else if (auto found = namedEntities().constFind(name.toString());
                   found != namedEntities().constEnd()) {
            out += QChar(*found);
            i = semicolon;
            continue;
        }
        out += c;
    }
    return out;
}

struct Tag
{
    QString name;
    QHash<QString, QString> attributes;
    bool closing = false;
    bool selfClosing = false;
};

// Reads one tag starting at '<'; returns the index after '>' or -1 when this '<' is text.
qsizetype readTag(QStringView html, qsizetype start, Tag &tag)
{
    qsizetype i = start + 1;
    if (i < html.size() && html.at(i) == u'/') {
        tag.closing = true;
        ++i;
    }
    const qsizetype nameStart = i;
    while (i < html.size() && (html.at(i).isLetterOrNumber() || html.at(i) == u'-'))
        ++i;
    if (i == nameStart)
        return -1;
    tag.name = html.mid(nameStart, i - nameStart).toString().toLower();
    while (i < html.size()) {
        while (i < html.size() && html.at(i).isSpace())
            ++i;
        if (i >= html.size())
            break;
        if (html.at(i) == u'>')
            return i + 1;
        if (html.at(i) == u'/') {
            tag.selfClosing = true;
            ++i;
            continue;
        }
        const qsizetype attrStart = i;
        while (i < html.size() && !html.at(i).isSpace() && html.at(i) != u'=' && html.at(i) != u'>'
            && html.at(i) != u'/')
            ++i;
        const QString attrName = html.mid(attrStart, i - attrStart).toString().toLower();
        if (i == attrStart) {
            ++i;
            continue;
        }
        while (i < html.size() && html.at(i).isSpace())
            ++i;
        QString value;
        if (i < html.size() && html.at(i) == u'=') {
            ++i;
            while (i < html.size() && html.at(i).isSpace())
                ++i;
            if (i < html.size() && (html.at(i) == u'"' || html.at(i) == u'\'')) {
                const QChar quote = html.at(i);
                const qsizetype end = html.indexOf(quote, i + 1);
                if (end < 0)
                    return -1;
                value = html.mid(i + 1, end - i - 1).toString();
                i = end + 1;
            } else {
                const qsizetype valueStart = i;
                while (i < html.size() && !html.at(i).isSpace() && html.at(i) != u'>')
                    ++i;
                value = html.mid(valueStart, i - valueStart).toString();
            }
        }
        tag.attributes.insert(attrName, decodeEntities(value));
    }
    return -1;
}

enum class ElementRole { Container, Block, Skip, RawText, Other };

ElementRole roleOf(const QString &name)
{
    static const QSet<QString> skipped = {
        u"nav"_s,
        u"footer"_s,
        u"header"_s,
        u"aside"_s,
        u"form"_s,
        u"button"_s,
        u"select"_s,
        u"svg"_s,
        u"iframe"_s,
        u"noscript"_s,
        u"template"_s,
        u"menu"_s,
        u"dialog"_s,
        u"object"_s,
        u"canvas"_s,
        u"head"_s,
    };
    static const QSet<QString> containers = {
        u"div"_s,
        u"section"_s,
        u"article"_s,
        u"main"_s,
        u"body"_s,
        u"td"_s,
        u"figure"_s,
    };
    static const QSet<QString> blocks = {
        u"p"_s,
        u"h1"_s,
        u"h2"_s,
        u"h3"_s,
        u"h4"_s,
        u"h5"_s,
        u"h6"_s,
        u"li"_s,
        u"dt"_s,
        u"dd"_s,
        u"pre"_s,
        u"blockquote"_s,
        u"figcaption"_s,
        u"br"_s,
        u"hr"_s,
        u"tr"_s,
        u"ul"_s,
        u"ol"_s,
        u"table"_s,
        u"caption"_s,
        u"address"_s,
    };
    if (name == u"script"_s || name == u"style"_s || name == u"title"_s || name == u"textarea"_s)
        return ElementRole::RawText;
    if (skipped.contains(name))
        return ElementRole::Skip;
    if (containers.contains(name))
        return ElementRole::Container;
    if (blocks.contains(name))
        return ElementRole::Block;
    return ElementRole::Other;
}

struct TextBlock
{
    Paragraph paragraph;
    QList<int> containers; ///< ids of the open container elements, outermost first
    bool inArticle = false;
    bool inMain = false;
};

struct PageScan
{
    QList<TextBlock> blocks;
    QHash<QString, QString> meta; ///< property or name → content, first wins
    QString titleElement;
    QString firstH1;
    QString firstTimeAttribute;
    QString canonicalUrl;
    QHash<int, QString> containerNames;
};

class HtmlScanner
{
public:
    explicit HtmlScanner(QStringView html)
        : m_html(html)
    { }

    PageScan scan()
    {
        qsizetype i = 0;
        const qsizetype size = m_html.size();
        while (i < size) {
            const QChar c = m_html.at(i);
            if (c != u'<') {
                const qsizetype next = m_html.indexOf(u'<', i);
                const qsizetype end = next < 0 ? size : next;
                if (m_skipDepth == 0)
                    m_text += m_html.mid(i, end - i);
                i = end;
                continue;
            }
            if (m_html.mid(i, 4) == u"<!--") {
                const qsizetype end = m_html.indexOf(u"-->", i + 4);
                i = end < 0 ? size : end + 3;
                continue;
            }
            if (m_html.mid(i, 2) == u"<!" || m_html.mid(i, 2) == u"<?") {
                const qsizetype end = m_html.indexOf(u'>', i);
                i = end < 0 ? size : end + 1;
                continue;
            }
            Tag tag;
            const qsizetype after = readTag(m_html, i, tag);
            if (after < 0) {
                if (m_skipDepth == 0)
                    m_text += c;
                ++i;
                continue;
            }
            i = after;
            i = handleTag(tag, i);
        }
        flush();
        return std::move(m_page);
    }

private:
    qsizetype handleTag(const Tag &tag, qsizetype position)
    {
        if (tag.name == u"meta"_s) {
            const QString key
                = tag.attributes.value(u"property"_s, tag.attributes.value(u"name"_s)).toLower();
            if (!key.isEmpty() && !m_page.meta.contains(key))
                m_page.meta.insert(key, tag.attributes.value(u"content"_s).trimmed());
            return position;
        }
        if (tag.name == u"link"_s) {
            if (tag.attributes.value(u"rel"_s).toLower() == u"canonical"_s)
                m_page.canonicalUrl = tag.attributes.value(u"href"_s);
            return position;
        }
        if (tag.name == u"time"_s && !tag.closing && m_page.firstTimeAttribute.isEmpty())
            m_page.firstTimeAttribute = tag.attributes.value(u"datetime"_s);

        const ElementRole role = roleOf(tag.name);
        if (role == ElementRole::RawText && !tag.closing) {
            const QString closing = u"</"_s + tag.name;
            const qsizetype end = m_html.indexOf(closing, position, Qt::CaseInsensitive);
            const qsizetype contentEnd = end < 0 ? m_html.size() : end;
            if (tag.name == u"title"_s && m_page.titleElement.isEmpty())
                m_page.titleElement
                    = simplifyLine(decodeEntities(m_html.mid(position, contentEnd - position)));
            if (end < 0)
                return m_html.size();
            const qsizetype close = m_html.indexOf(u'>', end);
            return close < 0 ? m_html.size() : close + 1;
        }
        if (role == ElementRole::Skip) {
            if (tag.selfClosing)
                return position;
            if (tag.closing)
                m_skipDepth = qMax(0, m_skipDepth - 1);
            else {
                flush();
                ++m_skipDepth;
            }
            return position;
        }
        if (m_skipDepth > 0)
            return position;
        if (role == ElementRole::Container) {
            flush();
            if (tag.closing) {
                // Close up to the matching element; stray end tags are ignored.
                for (qsizetype k = m_containers.size() - 1; k >= 0; --k) {
                    if (m_page.containerNames.value(m_containers.at(k)) == tag.name) {
                        m_containers.resize(k);
                        break;
                    }
                }
            } else if (!tag.selfClosing) {
                const int id = m_nextContainer++;
                m_page.containerNames.insert(id, tag.name);
                m_containers.append(id);
            }
            return position;
        }
        if (role == ElementRole::Block) {
            flush();
            if (!tag.closing && !tag.selfClosing && tag.name != u"br"_s && tag.name != u"hr"_s)
                m_blockName = tag.name;
            else if (tag.closing)
                m_blockName.clear();
        }
        return position;
    }

    void flush()
    {
        const QString text = simplifyLine(decodeEntities(m_text).replace(u'\n', u' '));
        m_text.clear();
        if (text.isEmpty())
            return;
        TextBlock block;
        block.paragraph.text = text;
        if (m_blockName.size() == 2 && m_blockName.front() == u'h' && m_blockName.at(1).isDigit()) {
            block.paragraph.kind = ParagraphKind::Heading;
            if (m_blockName == u"h1"_s && m_page.firstH1.isEmpty())
                m_page.firstH1 = text;
        } else if (m_blockName == u"figcaption"_s || m_blockName == u"caption"_s
            || TextBlocks::looksLikeCaption(text)) {
            block.paragraph.kind = ParagraphKind::Caption;
        }
        block.containers = m_containers;
        for (int id : std::as_const(m_containers)) {
            const QString &name = m_page.containerNames.value(id);
            block.inArticle = block.inArticle || name == u"article"_s;
            block.inMain = block.inMain || name == u"main"_s;
        }
        m_page.blocks.append(block);
    }

    QStringView m_html;
    PageScan m_page;
    QString m_text;
    QString m_blockName;
    QList<int> m_containers;
    int m_nextContainer = 0;
    int m_skipDepth = 0;
};

// The body is the article element when the page marks one, else <main>, else the container
// holding the most paragraph text: pages wrap the story in one element and the rest is chrome.
QList<Paragraph> chooseBody(const PageScan &page)
{
    auto collect = [&](auto predicate) {
        QList<Paragraph> paragraphs;
        for (const TextBlock &block : page.blocks) {
            if (predicate(block))
                paragraphs.append(block.paragraph);
        }
        return paragraphs;
    };
    auto hasAny = [&](auto predicate) {
        return std::any_of(page.blocks.cbegin(), page.blocks.cend(), predicate);
    };
    if (hasAny([](const TextBlock &b) { return b.inArticle; }))
        return collect([](const TextBlock &b) { return b.inArticle; });
    if (hasAny([](const TextBlock &b) { return b.inMain; }))
        return collect([](const TextBlock &b) { return b.inMain; });

    QHash<int, qsizetype> weight;
    for (const TextBlock &block : page.blocks) {
        if (block.paragraph.kind == ParagraphKind::Paragraph && !block.containers.isEmpty())
            weight[block.containers.back()] += block.paragraph.text.size();
    }
    int best = -1;
    qsizetype bestWeight = 0;
    for (auto it = weight.cbegin(); it != weight.cend(); ++it) {
        if (it.value() > bestWeight) {
            best = it.key();
            bestWeight = it.value();
        }
    }
    if (best < 0)
        return collect([](const TextBlock &) { return true; });
    return collect([best](const TextBlock &b) { return b.containers.contains(best); });
}

QString stripSiteSuffix(QString title, const QString &site)
{
    if (site.isEmpty())
        return title;
    for (const QString &separator : { u" | "_s, u" - "_s, u" – "_s, u" — "_s }) {
        const QString suffix = separator + site;
        if (title.endsWith(suffix, Qt::CaseInsensitive))
            return title.left(title.size() - suffix.size()).trimmed();
    }
    return title;
}

} // namespace

Result<Article> parseHtml(const QString &text, const QString &fileName)
{
    const PageScan page = HtmlScanner(text).scan();
    Article article;
    article.format = ArticleFormat::Html;
    const QHash<QString, QString> &meta = page.meta;
    article.site = meta.value(u"og:site_name"_s);
    article.url = meta.value(u"og:url"_s, page.canonicalUrl);
    QString title = simplifyLine(meta.value(u"og:title"_s));
    if (title.isEmpty())
        title = stripSiteSuffix(page.titleElement, article.site);
    if (title.isEmpty())
        title = page.firstH1;
    article.title = title.isEmpty() ? TextBlocks::titleFromFileName(fileName) : title;
    article.rawHeader = page.titleElement;

    for (const QString &key : { u"article:published_time"_s, u"date"_s, u"pubdate"_s,
             u"publishdate"_s, u"dc.date"_s, u"dcterms.date"_s }) {
        if (meta.contains(key)) {
            article.date = TextBlocks::parseDate(meta.value(key));
            if (article.date.isValid())
                break;
        }
    }
    if (!article.date.isValid() && !page.firstTimeAttribute.isEmpty())
        article.date = TextBlocks::parseDate(page.firstTimeAttribute);
    const QString author = meta.value(u"author"_s, meta.value(u"article:author"_s));
    if (!author.isEmpty() && !author.startsWith(u"http"_s))
        article.authors = { author };

    article.paragraphs = chooseBody(page);
    // The headline usually opens the article element too; it is already the title.
    if (!article.paragraphs.isEmpty() && article.paragraphs.front().kind == ParagraphKind::Heading
        && article.paragraphs.front().text.compare(article.title, Qt::CaseInsensitive) == 0)
        article.paragraphs.removeFirst();
    if (article.paragraphs.isEmpty()) {
        return ResultError(
            QCoreApplication::translate("FormatParsers", "The web page has no article text."));
    }
    return article;
}

} // namespace FormatParsers
