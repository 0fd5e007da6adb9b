#include "readability.h"
#include "textblocks.h"
#include "textdecoder.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace Readability {

namespace {

// --- what the names of a page's parts say --------------------------------------------------

const QRegularExpression &unlikelyNames()
{
    static const QRegularExpression re(
        u"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|"
        "footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|"
        "skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|"
        "yom-remote|newsletter|subscribe|promo|teaser|recirc|read-more|more-stories|trending"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &likelyNames()
{
    static const QRegularExpression re(
        u"and|article|body|column|content|main|shadow|story"_s, QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &positiveNames()
{
    static const QRegularExpression re(
        u"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &negativeNames()
{
    static const QRegularExpression re(
        u"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|"
        "masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|"
        "sponsor|shopping|tags|widget|teaser|recirc|newsletter|subscribe"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &bylineNames()
{
    static const QRegularExpression re(u"byline|author|dateline|writtenby|p-author"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &shareNames()
{
    static const QRegularExpression re(
        u"(\\b|_)(share|sharedaddy)(\\b|_)"_s, QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QSet<QString> &blockTags()
{
    static const QSet<QString> tags = { u"address"_s, u"article"_s, u"aside"_s,
        u"blockquote"_s, u"dd"_s, u"details"_s, u"dir"_s, u"div"_s, u"dl"_s, u"dt"_s,
        u"fieldset"_s, u"figcaption"_s, u"figure"_s, u"footer"_s, u"form"_s, u"h1"_s, u"h2"_s,
        u"h3"_s, u"h4"_s, u"h5"_s, u"h6"_s, u"header"_s, u"hgroup"_s, u"hr"_s, u"li"_s,
        u"main"_s, u"menu"_s, u"nav"_s, u"ol"_s, u"p"_s, u"pre"_s, u"section"_s, u"table"_s,
        u"tbody"_s, u"thead"_s, u"tfoot"_s, u"tr"_s, u"td"_s, u"th"_s, u"ul"_s, u"summary"_s };
    return tags;
}

/// Parts of a page that are never its text.
const QSet<QString> &ignoredTags()
{
    static const QSet<QString> tags = { u"script"_s, u"style"_s, u"noscript"_s,
        u"template"_s, u"iframe"_s, u"object"_s, u"embed"_s, u"svg"_s, u"canvas"_s,
        u"button"_s, u"input"_s, u"select"_s, u"textarea"_s, u"option"_s, u"link"_s,
        u"meta"_s, u"head"_s, u"title"_s, u"nav"_s, u"dialog"_s, u"video"_s, u"audio"_s,
        u"source"_s, u"track"_s, u"map"_s, u"area"_s, u"picture"_s };
    return tags;
}

bool isHeadingTag(const QString &tag)
{
    return tag.size() == 2 && tag.front() == u'h' && tag.at(1) >= u'1' && tag.at(1) <= u'6';
}

// --- the extractor ---------------------------------------------------------------------------

struct Flags
{
    bool stripUnlikely = true;
    bool weighNames = true;
    bool cleanConditionally = true;
};

/// Figures of each node's subtree, from its text nodes up; recomputed when nodes go.
struct Figures
{
    std::vector<int> textLength;
    std::vector<int> linkLength; ///< text inside links (hash links count less)
    std::vector<int> commas;
    std::vector<int> paragraphs;
    std::vector<int> images;
    std::vector<int> items;
    std::vector<int> inputs;
    std::vector<int> embeds;
};

class Extractor
{
public:
    Extractor(HtmlDom &dom, Flags flags)
        : m_dom(dom)
        , m_flags(flags)
    { }

    QList<Paragraph> run(const QString &title)
    {
        prepare();
        compute();
        const int top = chooseTop();
        if (top < 0)
            return {};
        const QList<int> content = withSiblings(top);

        if (m_flags.cleanConditionally) {
            for (int node : content)
                cleanConditionally(node);
        }
        QList<Paragraph> paragraphs;
        for (int node : content)
            emit(node, paragraphs);
        dropTitle(paragraphs, title);
        return paragraphs;
    }

private:
    const HtmlDom::Node &at(int index) const { return m_dom.node(index); }
    QString names(int index) const
    {
        return m_dom.attribute(index, u"class") + u' ' + m_dom.attribute(index, u"id");
    }

    bool hidden(int index) const
    {
        if (m_dom.hasAttribute(index, u"hidden"))
            return true;
        if (m_dom.attribute(index, u"aria-hidden").trimmed().compare(u"true"_s, Qt::CaseInsensitive) == 0
            && !names(index).contains(u"fallback-image"_s))
            return true;
        QString style = m_dom.attribute(index, u"style").toLower();
        style.remove(u' ');
        return style.contains(u"display:none"_s) || style.contains(u"visibility:hidden"_s);
    }

    /// An element standing in a line of text (a formula, a highlighted word) rather than a
    /// box of its own: text right before or after it in its parent, and no block inside it.
    /// Its names do not make it a menu or a sidebar.
    bool inlineWithinText(int index) const
    {
        const HtmlDom::Node &node = at(index);
        if (node.parent < 0 || blockTags().contains(node.tag))
            return false;
        const QList<int> &siblings = at(node.parent).children;
        const qsizetype position = siblings.indexOf(index);
        auto textual = [&](qsizetype i) {
            return i >= 0 && i < siblings.size() && at(siblings.at(i)).tag.isEmpty()
                && !at(siblings.at(i)).text.trimmed().isEmpty();
        };
        if (!textual(position - 1) && !textual(position + 1))
            return false;
        for (int inner : m_dom.descendants(index)) {
            if (blockTags().contains(at(inner).tag))
                return false;
        }
        return true;
    }

    /// Takes out what is never the story: scripts and forms, hidden parts, and (first time
    /// round) parts whose names say they are something else.
    void prepare()
    {
        static const QSet<QString> unlikelyRoles = { u"menu"_s, u"menubar"_s,
            u"complementary"_s, u"navigation"_s, u"alert"_s, u"alertdialog"_s, u"dialog"_s };
        for (int index : m_dom.descendants(m_dom.root())) {
            HtmlDom::Node &node = m_dom.node(index);
            if (node.tag.isEmpty() || node.removed)
                continue;
            if (ignoredTags().contains(node.tag) || hidden(index)) {
                node.removed = true;
                continue;
            }
            if (node.tag == u"body"_s || node.tag == u"html"_s || node.tag == u"a"_s
                || node.tag == u"#document"_s)
                continue;
            // Names describe a page's boxes; a custom element's (a formula, a widget of a
            // framework) describe its state, and a word in a line of text is no box.
            if (m_flags.stripUnlikely && !node.tag.contains(u'-') && !inlineWithinText(index)) {
                const QString name = names(index);
                if ((unlikelyNames().match(name).hasMatch()
                        && !likelyNames().match(name).hasMatch() && !m_dom.isInside(index, u"table"_s)
                        && !m_dom.isInside(index, u"code"_s))
                    || unlikelyRoles.contains(m_dom.attribute(index, u"role").toLower())
                    || node.tag == u"aside"_s || node.tag == u"footer"_s) {
                    node.removed = true;
                    continue;
                }
            }
            // A byline names the author; the story does not repeat it. Only the first: a page
            // of many stories has one under each, and they are part of what it shows.
            if (!m_bylineFound && (m_dom.attribute(index, u"rel") == u"author"_s
                    || m_dom.attribute(index, u"itemprop").contains(u"author"_s)
                    || bylineNames().match(names(index)).hasMatch())
                && m_dom.textOf(index).size() < 100 && !m_dom.textOf(index).isEmpty()) {
                node.removed = true;
                m_bylineFound = true;
            }

        }
    }

    void compute()
    {
        const int count = m_dom.size();
        m_figures = Figures();
        for (std::vector<int> *figure : { &m_figures.textLength, &m_figures.linkLength,
                 &m_figures.commas, &m_figures.paragraphs, &m_figures.images, &m_figures.items,
                 &m_figures.inputs, &m_figures.embeds })
            figure->assign(size_t(count), 0);
        // Children always come after their parent, so going backwards sums each subtree
        // before its root is reached: one pass, whatever the depth.
        for (int index = count - 1; index >= 0; --index) {
            const HtmlDom::Node &node = at(index);
            if (node.removed)
                continue;
            if (node.tag.isEmpty()) {
                const QString simplified = node.text.simplified();
                m_figures.textLength[index] = int(simplified.size());
                m_figures.commas[index] = int(simplified.count(u',') + simplified.count(u'，')
                    + simplified.count(u'、'));
            } else {
                const QString &tag = node.tag;
                m_figures.paragraphs[index] += tag == u"p"_s;
                m_figures.images[index] += tag == u"img"_s;
                m_figures.items[index] += tag == u"li"_s;
                m_figures.inputs[index] += tag == u"input"_s;
                m_figures.embeds[index] += tag == u"embed"_s || tag == u"object"_s || tag == u"iframe"_s;
                if (tag == u"a"_s) {
                    const bool hash = m_dom.attribute(index, u"href").startsWith(u'#');
                    m_figures.linkLength[index] = hash ? m_figures.textLength[index] * 3 / 10
                                                        : m_figures.textLength[index];
                }
            }
            if (node.parent >= 0) {
                m_figures.textLength[node.parent] += m_figures.textLength[index];
                m_figures.linkLength[node.parent] += m_figures.linkLength[index];
                m_figures.commas[node.parent] += m_figures.commas[index];
                m_figures.paragraphs[node.parent] += m_figures.paragraphs[index];
                m_figures.images[node.parent] += m_figures.images[index];
                m_figures.items[node.parent] += m_figures.items[index];
                m_figures.inputs[node.parent] += m_figures.inputs[index];
                m_figures.embeds[node.parent] += m_figures.embeds[index];
            }
        }
    }

    double linkDensity(int index) const
    {
        const int text = m_figures.textLength[index];
        return text > 0 ? double(std::min(m_figures.linkLength[index], text)) / text : 0;
    }

    int classWeight(int index) const
    {
        if (!m_flags.weighNames)
            return 0;
        int weight = 0;
        for (const QString &name : { m_dom.attribute(index, u"class"), m_dom.attribute(index, u"id") }) {
            if (name.isEmpty())
                continue;
            if (negativeNames().match(name).hasMatch())
                weight -= 25;
            if (positiveNames().match(name).hasMatch())
                weight += 25;
        }
        return weight;
    }

    double initialScore(int index) const
    {
        const QString &tag = at(index).tag;
        double score = 0;
        if (tag == u"div"_s || tag == u"article"_s || tag == u"main"_s || tag == u"section"_s)
            score = 5;
        else if (tag == u"pre"_s || tag == u"td"_s || tag == u"blockquote"_s)
            score = 3;
        else if (tag == u"address"_s || tag == u"ol"_s || tag == u"ul"_s || tag == u"dl"_s
            || tag == u"dd"_s || tag == u"dt"_s || tag == u"li"_s || tag == u"form"_s)
            score = -3;
        else if (isHeadingTag(tag) || tag == u"th"_s)
            score = -5;
        if (tag == u"article"_s || m_dom.attribute(index, u"itemprop").contains(u"articleBody"_s))
            score += 10;
        return score + classWeight(index);
    }

    bool hasBlockChild(int index) const
    {
        for (int child : at(index).children) {
            if (!at(child).removed && blockTags().contains(at(child).tag))
                return true;
        }
        return false;
    }

    /// The paragraph-like blocks: p, pre, td, a heading, or a container holding no block.
    /// Text lying directly in a container beside blocks is one more paragraph of it.
    void scoreParagraph(int container, int length, int commas)
    {
        if (length < 25)
            return;
        double score = 1 + commas + std::min(length / 100, 3);
        int level = 0;
        for (int ancestor = container; ancestor >= 0 && level < 5;
             ancestor = at(ancestor).parent, ++level) {
            if (at(ancestor).tag.isEmpty() || at(ancestor).tag == u"#document"_s)
                break;
            if (!m_scores.contains(ancestor))
                m_scores.insert(ancestor, initialScore(ancestor));
            const double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
            m_scores[ancestor] += score / divider;
        }
    }

    int chooseTop()
    {
        m_scores.clear();
        static const QSet<QString> scoredTags = { u"p"_s, u"pre"_s, u"td"_s, u"section"_s,
            u"h2"_s, u"h3"_s, u"h4"_s, u"h5"_s, u"h6"_s };
        for (int index : m_dom.descendants(m_dom.root())) {
            const HtmlDom::Node &node = at(index);
            if (node.tag.isEmpty() || node.tag == u"#document"_s)
                continue;
            const bool paragraphLike = scoredTags.contains(node.tag)
                || ((node.tag == u"div"_s || node.tag == u"article"_s) && !hasBlockChild(index));
            if (paragraphLike) {
                if (node.parent >= 0)
                    scoreParagraph(node.parent, m_figures.textLength[index], m_figures.commas[index]);
                continue;
            }
            if (!hasBlockChild(index))
                continue;
            // Loose text beside blocks ("<div>Text <b>more</b><p>…</p></div>"): a paragraph
            // of this container.
            int length = 0;
            int commas = 0;
            for (int child : node.children) {
                const HtmlDom::Node &part = at(child);
                if (part.removed || blockTags().contains(part.tag))
                    continue;
                length += m_figures.textLength[child];
                commas += m_figures.commas[child];
            }
            scoreParagraph(index, length, commas);
        }
        if (m_scores.isEmpty())
            return m_dom.first(u"body") >= 0 ? m_dom.first(u"body") : -1;
        int top = -1;
        double best = -1e9;
        QList<QPair<double, int>> ranked;
        for (auto it = m_scores.cbegin(); it != m_scores.cend(); ++it) {
            const double score = it.value() * (1 - linkDensity(it.key()));
            m_scores[it.key()] = score;
            ranked.append({ score, it.key() });
            if (score > best) {
                best = score;
                top = it.key();
            }
        }
        std::sort(ranked.begin(), ranked.end(), std::greater<>());
        // Several strong candidates under one ancestor: the story is the ancestor.
        QList<int> close;
        for (qsizetype i = 1; i < ranked.size() && i < 6; ++i) {
            if (ranked.at(i).first >= best * 0.75)
                close.append(ranked.at(i).second);
        }
        if (close.size() >= 3) {
            for (int ancestor : m_dom.ancestors(top)) {
                if (at(ancestor).tag == u"body"_s || at(ancestor).tag == u"#document"_s)
                    break;
                int holds = 0;
                for (int other : std::as_const(close)) {
                    const QList<int> up = m_dom.ancestors(other);
                    holds += up.contains(ancestor);
                }
                if (holds >= 3) {
                    top = ancestor;
                    break;
                }
            }
        }
        // A parent scoring better than the candidate (its paragraphs sit in wrappers of one
        // each) is the story.
        double last = m_scores.value(top);
        const double floor = last / 3;
        for (int parent = at(top).parent; parent >= 0; parent = at(parent).parent) {
            if (at(parent).tag == u"body"_s || at(parent).tag == u"#document"_s)
                break;
            if (!m_scores.contains(parent))
                continue;
            const double score = m_scores.value(parent);
            if (score < floor)
                break;
            if (score > last) {
                top = parent;
                break;
            }
            last = score;
        }
        // A candidate alone in its parent stands for it.
        while (at(top).parent >= 0) {
            const int parent = at(top).parent;
            if (at(parent).tag == u"body"_s || at(parent).tag == u"#document"_s)
                break;
            int elements = 0;
            for (int child : at(parent).children)
                elements += !at(child).removed && !at(child).tag.isEmpty();
            if (elements != 1)
                break;
            top = parent;
        }
        return top;
    }

    QList<int> withSiblings(int top) const
    {
        const int parent = at(top).parent;
        if (parent < 0)
            return { top };
        const double topScore = m_scores.value(top);
        const double threshold = std::max(10.0, topScore * 0.2);
        const QString topClass = m_dom.attribute(top, u"class");
        QList<int> content;
        for (int sibling : at(parent).children) {
            if (at(sibling).removed)
                continue;
            if (sibling == top) {
                content.append(sibling);
                continue;
            }
            if (at(sibling).tag.isEmpty())
                continue;
            double bonus = 0;
            if (!topClass.isEmpty() && m_dom.attribute(sibling, u"class") == topClass)
                bonus = topScore * 0.2;
            if (m_scores.contains(sibling) && m_scores.value(sibling) + bonus >= threshold) {
                content.append(sibling);
                continue;
            }
            if (at(sibling).tag == u"p"_s) {
                const int length = m_figures.textLength[sibling];
                const double density = linkDensity(sibling);
                static const QRegularExpression sentenceEnd(u"\\.( |$)"_s);
                if ((length > 80 && density < 0.25)
                    || (length > 0 && length <= 80 && density == 0
                        && sentenceEnd.match(m_dom.textOf(sibling)).hasMatch()))
                    content.append(sibling);
            }
        }
        return content;
    }

    /// Takes out lists, tables and boxes inside the story that read as navigation, link
    /// lists, galleries or forms rather than as text.
    void cleanConditionally(int root)
    {
        for (int index : m_dom.descendants(root)) {
            HtmlDom::Node &node = m_dom.node(index);
            if (index == root || node.removed || node.tag.isEmpty())
                continue;
            const QString &tag = node.tag;
            if (tag == u"form"_s || tag == u"fieldset"_s) {
                node.removed = true;
                continue;
            }
            if (shareNames().match(names(index)).hasMatch() && m_figures.textLength[index] < 500) {
                node.removed = true;
                continue;
            }
            if (isHeadingTag(tag) && classWeight(index) < 0) {
                node.removed = true;
                continue;
            }
            if (tag != u"div"_s && tag != u"ul"_s && tag != u"table"_s)
                continue;
            if (m_dom.isInside(index, u"code"_s) || m_dom.isInside(index, u"pre"_s))
                continue;
            // Names that say "not the story" take it out; a list's own low score does not
            // (lists and tables start below zero, which says nothing of their words).
            const int weight = classWeight(index);
            if (weight < 0) {
                node.removed = true;
                continue;
            }
            if (m_figures.commas[index] >= 10)
                continue;
            const int length = m_figures.textLength[index];
            // A box that is mostly a list is judged as one.
            bool list = tag == u"ul"_s;
            if (!list && length > 0) {
                int listed = 0;
                for (int child : node.children) {
                    if (at(child).tag == u"ul"_s || at(child).tag == u"ol"_s)
                        listed += m_figures.textLength[child];
                }
                list = double(listed) / length > 0.9;
            }
            const int paragraphs = m_figures.paragraphs[index];
            const int images = m_figures.images[index];
            const int items = m_figures.items[index] - 100;
            const int inputs = m_figures.inputs[index];
            const int embeds = m_figures.embeds[index];
            const double density = linkDensity(index);
            const bool figure = m_dom.isInside(index, u"figure"_s);
            bool remove = (!figure && images > 1 && double(paragraphs) / images < 0.5)
                || (!list && items > paragraphs) || (inputs > paragraphs / 3)
                || (!list && !figure && length < 25 && (images == 0 || images > 2) && density > 0)
                || (!list && weight < 25 && density > 0.2)
                || (weight >= 25 && density > 0.5) || (embeds == 1 && length < 75) || embeds > 1;
            // A list of pictures, one to an item, stays: it is a gallery of the story.
            if (remove && list) {
                bool simple = true;
                for (int child : node.children) {
                    int grandchildren = 0;
                    for (int inner : at(child).children)
                        grandchildren += !at(inner).tag.isEmpty();
                    simple = simple && grandchildren <= 1;
                }
                if (simple && images == m_figures.items[index])
                    remove = false;
            }
            if (remove)
                node.removed = true;
        }
    }

    // --- from the chosen tree to paragraphs ---------------------------------------------------

    struct Writer
    {
        QList<Paragraph> &out;
        QString pending;
        ParagraphKind kind = ParagraphKind::Paragraph;

        void text(const QString &words)
        {
            if (words.isEmpty())
                return;
            const bool spaceBefore = words.front().isSpace();
            const QString simplified = words.simplified();
            if (simplified.isEmpty()) {
                if (!pending.isEmpty() && !pending.endsWith(u' '))
                    pending += u' ';
                return;
            }
            if (spaceBefore && !pending.isEmpty() && !pending.endsWith(u' '))
                pending += u' ';
            pending += simplified;
            if (words.back().isSpace())
                pending += u' ';
        }
        QString marker; ///< a list item's bullet or number, dropped if nothing follows it

        void breakHere(ParagraphKind next = ParagraphKind::Paragraph)
        {
            const QString shown = simplifyLine(pending);
            if (!shown.isEmpty() && shown != marker.trimmed()) {
                Paragraph paragraph;
                paragraph.kind = kind == ParagraphKind::Paragraph && TextBlocks::looksLikeCaption(shown)
                    ? ParagraphKind::Caption
                    : kind;
                paragraph.text = shown;
                out.append(paragraph);
            }
            pending.clear();
            marker.clear();
            kind = next;
        }
    };

    void emit(int root, QList<Paragraph> &out) const
    {
        Writer writer { out, {}, ParagraphKind::Paragraph, {} };
        // An explicit stack of (node, leaving) so that a deep page never recurses.
        struct Step
        {
            int node;
            bool leaving;
        };
        std::vector<Step> stack { { root, false } };
        QList<int> listCounters;
        while (!stack.empty()) {
            const Step step = stack.back();
            stack.pop_back();
            const HtmlDom::Node &node = at(step.node);
            if (node.removed)
                continue;
            const QString &tag = node.tag;
            if (tag.isEmpty()) {
                writer.text(node.text);
                continue;
            }
            if (step.leaving) {
                if (tag == u"ol"_s || tag == u"ul"_s)
                    listCounters.removeLast();
                if (blockTags().contains(tag) || tag == u"br"_s)
                    writer.breakHere();
                continue;
            }
            if (tag == u"pre"_s) {
                writer.breakHere();
                // Preformatted text keeps its lines: one paragraph each.
                const QStringList lines = preformattedText(step.node).split(u'\n');
                for (const QString &line : lines) {
                    QString kept = line;
                    while (!kept.isEmpty() && kept.back().isSpace())
                        kept.chop(1);
                    kept = cleanText(kept);
                    if (!kept.trimmed().isEmpty())
                        writer.out.append({ ParagraphKind::Preformatted, kept });
                }
                continue;
            }
            if (tag == u"br"_s || tag == u"hr"_s) {
                writer.breakHere(writer.kind);
                continue;
            }
            if (tag == u"img"_s)
                continue;
            if (blockTags().contains(tag)) {
                writer.breakHere();
                if (isHeadingTag(tag))
                    writer.kind = ParagraphKind::Heading;
                else if (tag == u"figcaption"_s)
                    writer.kind = ParagraphKind::Caption;
            }
            if (tag == u"ol"_s)
                listCounters.append(0);
            else if (tag == u"ul"_s)
                listCounters.append(-1);
            if (tag == u"li"_s) {
                if (!listCounters.isEmpty() && listCounters.back() >= 0)
                    writer.marker = QString::number(++listCounters.back()) + u". "_s;
                else
                    writer.marker = u"• "_s;
                writer.pending = writer.marker;
            }
            stack.push_back({ step.node, true });
            for (auto it = node.children.crbegin(); it != node.children.crend(); ++it)
                stack.push_back({ *it, false });
        }
        writer.breakHere();
    }

    QString preformattedText(int index) const
    {
        QString text;
        for (int at : m_dom.descendants(index)) {
            if (m_dom.isText(at))
                text += m_dom.node(at).text;
            else if (m_dom.node(at).tag == u"br"_s)
                text += u'\n';
        }
        return text;
    }

    /// The page's own heading of the title is not part of the story.
    static void dropTitle(QList<Paragraph> &paragraphs, const QString &title)
    {
        const QString wanted = title.simplified().toCaseFolded();
        for (qsizetype i = 0; i < paragraphs.size() && i < 3; ++i) {
            const QString text = paragraphs.at(i).text.simplified().toCaseFolded();
            if (paragraphs.at(i).kind == ParagraphKind::Heading && !wanted.isEmpty()
                && (text == wanted || (text.size() > 15 && wanted.startsWith(text)))) {
                paragraphs.removeAt(i);
                return;
            }
        }
    }

    HtmlDom &m_dom;
    Flags m_flags;
    bool m_bylineFound = false;
    Figures m_figures;
    QHash<int, double> m_scores;
};

int textSize(const QList<Paragraph> &paragraphs)
{
    int size = 0;
    for (const Paragraph &paragraph : paragraphs)
        size += int(paragraph.text.size());
    return size;
}

// --- metadata -------------------------------------------------------------------------------

bool isArticleType(const QJsonValue &type)
{
    static const QRegularExpression articleTypes(
        u"^(?:Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|"
        "AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|"
        "ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|"
        "SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|"
        "APIReference)$"_s);
    if (type.isArray()) {
        for (const QJsonValue &each : type.toArray()) {
            if (articleTypes.match(each.toString()).hasMatch())
                return true;
        }
        return false;
    }
    return articleTypes.match(type.toString()).hasMatch();
}

QStringList namesIn(const QJsonValue &value)
{
    QStringList names;
    const QJsonArray list = value.isArray() ? value.toArray() : QJsonArray { value };
    for (const QJsonValue &item : list) {
        const QString name
            = item.isObject() ? item.toObject().value(u"name"_s).toString() : item.toString();
        if (!name.trimmed().isEmpty() && !name.startsWith(u"http"_s))
            names.append(name.simplified());
    }
    return names;
}

/// The share of b's words that a holds (0 to 1).
double resemblance(const QString &a, const QString &b)
{
    static const QRegularExpression separators(u"\\W+"_s);
    const QStringList wordsA = a.toCaseFolded().split(separators, Qt::SkipEmptyParts);
    const QStringList wordsB = b.toCaseFolded().split(separators, Qt::SkipEmptyParts);
    if (wordsB.isEmpty())
        return 0;
    const QSet<QString> inA(wordsA.cbegin(), wordsA.cend());
    int shared = 0;
    for (const QString &word : wordsB)
        shared += inA.contains(word);
    return double(shared) / double(wordsB.size());
}

void readJsonLd(
    const QJsonValue &value, PageMetadata &found, const QString &documentTitle, int depth = 0)
{
    if (depth > 8)
        return;
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            readJsonLd(item, found, documentTitle, depth + 1);
        return;
    }
    const QJsonObject object = value.toObject();
    if (object.contains(u"@graph"_s))
        readJsonLd(object.value(u"@graph"_s), found, documentTitle, depth + 1);
    if (!isArticleType(object.value(u"@type"_s)))
        return;
    if (found.title.isEmpty()) {
        // Both given and different (a name may be the site's, a headline a subtitle): the one
        // nearer to what the page's <title> says.
        const QString headline = object.value(u"headline"_s).toString().simplified();
        const QString name = object.value(u"name"_s).toString().simplified();
        if (headline.isEmpty() || name.isEmpty() || headline == name)
            found.title = headline.isEmpty() ? name : headline;
        else
            found.title = resemblance(name, documentTitle) > resemblance(headline, documentTitle)
                ? name
                : headline;
    }
    if (found.authors.isEmpty())
        found.authors = namesIn(object.value(u"author"_s));
    if (!found.date.isValid())
        found.date = TextBlocks::parseDate(object.value(u"datePublished"_s).toString());
    if (found.site.isEmpty())
        found.site = object.value(u"publisher"_s).toObject().value(u"name"_s).toString();
}

QString hostOf(const QString &url)
{
    return QUrl(url).host().toLower();
}

} // namespace

QString withoutSiteName(const QString &title, const QString &site, const QString &host)
{
    static const QRegularExpression separator(u"\\s+(?:[|\\-–—\\\\/>»·•]|::)\\s+"_s);
    QString result = title.simplified();
    QList<QRegularExpressionMatch> cuts;
    for (auto it = separator.globalMatch(result); it.hasNext();)
        cuts.append(it.next());
    if (cuts.isEmpty())
        return result;
    // The part that names the site: its name, or the words of its address ("wikipedia").
    QStringList siteWords;
    if (!site.isEmpty())
        siteWords.append(site.simplified().toCaseFolded());
    for (const QString &label : host.split(u'.', Qt::SkipEmptyParts)) {
        if (label.size() > 3 && label != u"www"_s)
            siteWords.append(label.toCaseFolded());
    }
    // A part that is the site's name, or a short one holding it ("The Verge", "BBC News").
    auto namesSite = [&](const QString &part) {
        const QString folded = part.simplified().toCaseFolded();
        if (folded.isEmpty())
            return false;
        for (const QString &word : std::as_const(siteWords)) {
            if (folded == word || word.contains(folded)
                || (countWords(folded) <= 3 && folded.contains(word)))
                return true;
        }
        return false;
    };
    const QRegularExpressionMatch &last = cuts.back();
    const QString after = result.mid(last.capturedEnd());
    const QString before = result.left(last.capturedStart());
    if (namesSite(after))
        return before.simplified();
    // No site named: the last part goes when what stays is a title of some words.
    if (countWords(before) >= 3 && countWords(after) <= 4)
        return before.simplified();
    return result;
}

PageMetadata metadata(const HtmlDom &dom)
{
    PageMetadata found;
    const int titleElement = dom.first(u"title");
    const QString documentTitle = titleElement >= 0 ? dom.textOf(titleElement) : QString();
    for (int script : dom.elements(u"script")) {
        if (!dom.attribute(script, u"type").contains(u"ld+json"_s, Qt::CaseInsensitive))
            continue;
        QString json = dom.textOf(script);
        if (json.size() > 1 << 20)
            continue;
        json = QString();
        for (int child : dom.node(script).children)
            json += dom.node(child).text;
        // Pages wrap it in CDATA or comment markers for old browsers.
        static const QRegularExpression wrapper(u"^\\s*(?:<!\\[CDATA\\[|<!--)|(?:\\]\\]>|-->)\\s*$"_s);
        json.remove(wrapper);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(json.trimmed().toUtf8(), &error);
        if (error.error == QJsonParseError::NoError)
            readJsonLd(document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object()),
                found, documentTitle);
    }
    // Meta tags, later ones winning as a browser reads them. Both property="og:title dc:title"
    // lists and name="DC.title" spellings count.
    QHash<QString, QString> values;
    static const QRegularExpression propertyPattern(
        u"^\\s*(article|dc|dcterm|og|twitter)\\s*:\\s*(author|creator|description|"
        "published_time|title|site_name|url)\\s*$"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression namePattern(
        u"^\\s*(?:(dc|dcterm|og|twitter|parsely|weibo:(?:article|webpage))\\s*[-.:]\\s*)?"
        "(author|creator|pub-date|description|title|site_name|date|pubdate)\\s*$"_s,
        QRegularExpression::CaseInsensitiveOption);
    for (int meta : dom.elements(u"meta")) {
        const QString content = dom.attribute(meta, u"content").simplified();
        if (content.isEmpty())
            continue;
        for (const QString &property :
            dom.attribute(meta, u"property").split(u' ', Qt::SkipEmptyParts)) {
            const QRegularExpressionMatch match = propertyPattern.match(property);
            if (match.hasMatch())
                values.insert(match.captured(1).toLower() + u':' + match.captured(2).toLower(), content);
        }
        const QRegularExpressionMatch named = namePattern.match(dom.attribute(meta, u"name"));
        if (named.hasMatch()) {
            const QString prefix = named.captured(1).toLower();
            values.insert((prefix.isEmpty() ? QString() : prefix + u':') + named.captured(2).toLower(),
                content);
        }
    }
    auto firstOf = [&](std::initializer_list<const char16_t *> keys) {
        for (const char16_t *key : keys) {
            const QString value = values.value(QString::fromUtf16(key));
            if (!value.isEmpty())
                return value;
        }
        return QString();
    };
    if (found.site.isEmpty())
        found.site = firstOf({ u"og:site_name" });
    const int link = [&] {
        for (int candidate : dom.elements(u"link")) {
            if (dom.attribute(candidate, u"rel").toLower() == u"canonical"_s)
                return candidate;
        }
        return -1;
    }();
    found.url = link >= 0 ? dom.attribute(link, u"href") : firstOf({ u"og:url" });
    const QString host = hostOf(found.url);
    if (found.title.isEmpty()) {
        found.title = firstOf({ u"dc:title", u"dcterm:title", u"og:title", u"weibo:article:title",
            u"weibo:webpage:title", u"title", u"twitter:title", u"parsely:title" });
    }
    if (found.title.isEmpty())
        found.title = documentTitle;
    if (found.title.isEmpty()) {
        const int heading = dom.first(u"h1");
        found.title = heading >= 0 ? dom.textOf(heading) : QString();
    }
    found.title = withoutSiteName(cleanText(found.title), found.site, host);
    if (found.authors.isEmpty()) {
        const QString author = firstOf({ u"dc:creator", u"dcterm:creator", u"author",
            u"parsely:author", u"article:author", u"twitter:creator" });
        if (!author.isEmpty() && !author.startsWith(u"http"_s) && !author.startsWith(u'@'))
            found.authors = { author };
    }
    if (!found.date.isValid()) {
        found.date = TextBlocks::parseDate(firstOf({ u"article:published_time", u"parsely:pub-date",
            u"dc:date", u"date", u"pubdate" }));
    }
    // Microdata, then the page's first machine-readable time.
    for (const QStringView tag : { u"meta", u"time" }) {
        for (int element : dom.elements(tag)) {
            if (found.date.isValid())
                break;
            const bool published = dom.attribute(element, u"itemprop") == u"datePublished"_s;
            if (tag == u"meta" && !published)
                continue;
            const QString when = dom.attribute(element, tag == u"meta" ? u"content" : u"datetime");
            if (!when.isEmpty())
                found.date = TextBlocks::parseDate(when);
        }
    }
    const int html = dom.first(u"html");
    found.language = html >= 0 ? dom.attribute(html, u"lang") : QString();
    return found;
}

QList<Paragraph> article(HtmlDom &dom, const QString &title)
{
    // As Readability does: when what is found is short, look again with fewer rules, and
    // keep the longest reading.
    const HtmlDom original = dom;
    QList<Paragraph> best;
    for (const Flags flags : { Flags { true, true, true }, Flags { false, true, true },
             Flags { false, false, true }, Flags { false, false, false } }) {
        HtmlDom attempt = original;
        QList<Paragraph> found = Extractor(attempt, flags).run(title);
        if (textSize(found) > textSize(best)) {
            best = found;
            dom = std::move(attempt);
        }
        if (textSize(best) >= 500)
            break;
    }
    return best;
}

} // namespace Readability
