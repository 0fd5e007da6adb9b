#include "htmldom.h"

#include <QCoreApplication>

#include <gumbo.h>

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("HtmlDom", text);
}

/// Gumbo's memory comes from here and goes all at once with it. Gumbo frees its tree by
/// recursion, which a deep enough page would overflow; an arena is never walked.
class Arena
{
public:
    Arena() = default;
    Q_DISABLE_COPY_MOVE(Arena)

    void *allocate(size_t size)
    {
        size = (size + 15) & ~size_t(15);
        if (size > BlockSize / 4) {
            m_large.emplace_back(static_cast<char *>(std::malloc(size)), &std::free);
            return m_large.back().get();
        }
        if (m_blocks.empty() || m_used + size > BlockSize) {
            m_blocks.emplace_back(static_cast<char *>(std::malloc(BlockSize)), &std::free);
            m_used = 0;
        }
        void *at = m_blocks.back().get() + m_used;
        m_used += size;
        return at;
    }

    static void *allocateFor(void *arena, size_t size)
    {
        return static_cast<Arena *>(arena)->allocate(size);
    }
    static void release(void *, void *) { }

private:
    static constexpr size_t BlockSize = 1 << 20;
    using Block = std::unique_ptr<char, void (*)(void *)>;
    std::vector<Block> m_blocks;
    std::vector<Block> m_large;
    size_t m_used = 0;
};

bool isFormattingTag(QByteArrayView name)
{
    static const char *const tags[] = { "a", "b", "big", "code", "em", "font", "i", "nobr", "s",
        "small", "strike", "strong", "tt", "u" };
    for (const char *tag : tags) {
        if (name.compare(QByteArrayView(tag), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool isOneOf(QByteArrayView name, std::initializer_list<const char *> tags)
{
    for (const char *tag : tags) {
        if (name.compare(QByteArrayView(tag), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

/// What a quick scan of the tags says of a page before it is parsed: how deep its elements
/// nest and how many formatting elements (b, i, font, …) it leaves open at once. Estimates
/// from above, without the parser's subtleties: elements whose end tag may be left out (p,
/// li, td, …) and void ones (br, img, …) do not count. Parsing costs the square of a page's
/// length when it nests thousands deep (every tag looks through the open elements) or leaves
/// thousands of formatting elements open (the HTML5 rules reopen each of them after every
/// block), so such a page is refused before that.
struct TagScan
{
    int depth = 0;
    int formatting = 0;
};

TagScan scanTags(QByteArrayView html)
{
    TagScan most;
    int depth = 0;
    int open = 0;
    const qsizetype size = html.size();
    qsizetype i = 0;
    while (i < size) {
        const qsizetype lt = html.indexOf('<', i);
        if (lt < 0 || lt + 1 >= size)
            break;
        if (html.sliced(lt).startsWith("<!--")) {
            const qsizetype end = html.indexOf("-->", lt + 4);
            i = end < 0 ? size : end + 3;
            continue;
        }
        qsizetype j = lt + 1;
        const bool closing = html.at(j) == '/';
        if (closing)
            ++j;
        const qsizetype nameStart = j;
        while (j < size && std::isalnum(static_cast<unsigned char>(html.at(j))))
            ++j;
        const QByteArrayView name = html.sliced(nameStart, j - nameStart);
        if (name.isEmpty()) {
            i = lt + 1;
            continue;
        }
        if (!closing && isOneOf(name, { "script", "style", "textarea", "title", "xmp", "iframe",
                                          "noembed", "noframes", "noscript", "plaintext" })) {
            // Raw text: nothing inside is a tag, up to its own end tag.
            qsizetype close = html.indexOf("</", j);
            while (close >= 0
                && html.sliced(close + 2, std::min(name.size(), size - close - 2))
                        .compare(name, Qt::CaseInsensitive)
                    != 0)
                close = html.indexOf("</", close + 2);
            i = close < 0 ? size : close;
            continue;
        }
        if (isFormattingTag(name)) {
            open = closing ? std::max(0, open - 1) : open + 1;
            most.formatting = std::max(most.formatting, open);
        }
        const bool uncounted = isOneOf(name, { "area", "base", "br", "col", "embed", "hr", "img",
                                                 "input", "link", "meta", "param", "source",
                                                 "track", "wbr", "keygen", "p", "li", "dt", "dd",
                                                 "rt", "rp", "optgroup", "option", "colgroup",
                                                 "caption", "thead", "tbody", "tfoot", "tr", "td",
                                                 "th", "html", "head", "body" });
        if (!uncounted) {
            depth = closing ? std::max(0, depth - 1) : depth + 1;
            most.depth = std::max(most.depth, depth);
        }
        i = j;
    }
    return most;
}

QString pieceToString(const GumboStringPiece &piece)
{
    return QString::fromUtf8(piece.data, qsizetype(piece.length));
}

QString tagNameOf(const GumboElement &element)
{
    if (element.tag != GUMBO_TAG_UNKNOWN)
        return QString::fromLatin1(gumbo_normalized_tagname(element.tag));
    GumboStringPiece original = element.original_tag;
    gumbo_tag_from_original_text(&original);
    return pieceToString(original).toLower();
}

} // namespace

Result<HtmlDom> HtmlDom::parse(QByteArrayView utf8)
{
    const TagScan scanned = scanTags(utf8);
    if (scanned.depth > MaximumDepth) {
        return ResultError(tr("The page nests its elements more than %1 deep; it is not an "
                              "article and was not read.")
                               .arg(MaximumDepth),
            ErrorKind::InvalidInput);
    }
    if (scanned.formatting > MaximumOpenFormatting) {
        return ResultError(tr("The page leaves more than %1 formatting elements open at once; "
                              "it is not an article and was not read.")
                               .arg(MaximumOpenFormatting),
            ErrorKind::InvalidInput);
    }
    Arena arena;
    GumboOptions options = kGumboDefaultOptions;
    options.allocator = &Arena::allocateFor;
    options.deallocator = &Arena::release;
    options.userdata = &arena;
    options.max_errors = 0; // the errors of a broken page are not ours to keep
    GumboOutput *output
        = gumbo_parse_with_options(&options, utf8.data(), size_t(utf8.size()));
    if (!output || !output->document)
        return ResultError(tr("The page could not be read as HTML."), ErrorKind::InvalidInput);

    // Copied into our tree without recursion; the arena frees Gumbo's at the end.
    HtmlDom dom;
    struct Pending
    {
        const GumboNode *node;
        int parent;
        int depth;
    };
    std::vector<Pending> stack { { output->document, -1, 0 } };
    while (!stack.empty()) {
        const Pending pending = stack.back();
        stack.pop_back();
        const GumboNode *node = pending.node;
        Node copy;
        copy.parent = pending.parent;
        const GumboVector *children = nullptr;
        switch (node->type) {
        case GUMBO_NODE_DOCUMENT:
            copy.tag = u"#document"_s;
            children = &node->v.document.children;
            break;
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE: {
            const GumboElement &element = node->v.element;
            copy.tag = tagNameOf(element);
            for (unsigned int i = 0; i < element.attributes.length; ++i) {
                const auto *attribute
                    = static_cast<const GumboAttribute *>(element.attributes.data[i]);
                copy.attributes.append({ QString::fromUtf8(attribute->name).toLower(),
                    QString::fromUtf8(attribute->value) });
            }
            children = &element.children;
            break;
        }
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_WHITESPACE:
        case GUMBO_NODE_CDATA:
            copy.text = QString::fromUtf8(node->v.text.text);
            break;
        case GUMBO_NODE_COMMENT:
            continue;
        }
        if (pending.depth > MaximumDepth) {
            return ResultError(tr("The page nests its elements more than %1 deep; it is not an "
                                  "article and was not read.")
                                   .arg(MaximumDepth),
                ErrorKind::InvalidInput);
        }
        const int index = int(dom.m_nodes.size());
        if (pending.parent >= 0)
            dom.m_nodes[pending.parent].children.append(index);
        dom.m_nodes.append(std::move(copy));
        if (children) {
            // Pushed last child first, so they come off the stack in document order.
            for (unsigned int i = children->length; i > 0; --i) {
                stack.push_back({ static_cast<const GumboNode *>(children->data[i - 1]), index,
                    pending.depth + 1 });
            }
        }
    }
    return dom;
}

QString HtmlDom::attribute(int index, QStringView name) const
{
    for (const Attribute &attribute : m_nodes.at(index).attributes) {
        if (attribute.name == name)
            return attribute.value;
    }
    return {};
}

bool HtmlDom::hasAttribute(int index, QStringView name) const
{
    for (const Attribute &attribute : m_nodes.at(index).attributes) {
        if (attribute.name == name)
            return true;
    }
    return false;
}

QList<int> HtmlDom::descendants(int index) const
{
    QList<int> result;
    std::vector<int> stack { index };
    while (!stack.empty()) {
        const int at = stack.back();
        stack.pop_back();
        const Node &node = m_nodes.at(at);
        if (node.removed)
            continue;
        result.append(at);
        for (auto it = node.children.crbegin(); it != node.children.crend(); ++it)
            stack.push_back(*it);
    }
    return result;
}

QList<int> HtmlDom::elements(QStringView tag) const
{
    QList<int> result;
    for (int index : descendants(root())) {
        if (m_nodes.at(index).tag == tag)
            result.append(index);
    }
    return result;
}

int HtmlDom::first(QStringView tag) const
{
    for (int index : descendants(root())) {
        if (m_nodes.at(index).tag == tag)
            return index;
    }
    return -1;
}

QString HtmlDom::textOf(int index) const
{
    QString text;
    for (int at : descendants(index)) {
        if (isText(at))
            text += m_nodes.at(at).text;
        else if (m_nodes.at(at).tag == u"br"_s)
            text += u' ';
    }
    return text.simplified();
}

bool HtmlDom::isInside(int index, QStringView tag) const
{
    for (int parent = m_nodes.at(index).parent; parent >= 0; parent = m_nodes.at(parent).parent) {
        if (m_nodes.at(parent).tag == tag)
            return true;
    }
    return false;
}

bool HtmlDom::isRemoved(int index) const
{
    for (int at = index; at >= 0; at = m_nodes.at(at).parent) {
        if (m_nodes.at(at).removed)
            return true;
    }
    return false;
}

QList<int> HtmlDom::ancestors(int index, int levels) const
{
    QList<int> result;
    for (int parent = m_nodes.at(index).parent; parent >= 0 && (levels == 0 || result.size() < levels);
         parent = m_nodes.at(parent).parent)
        result.append(parent);
    return result;
}
