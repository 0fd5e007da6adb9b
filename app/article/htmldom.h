#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

/// A web page as a tree, parsed by Gumbo (a complete HTML5 parser: the browser's rules for
/// broken markup, entities and implied tags) and copied into a compact tree the article
/// extractor can read, mark and walk without recursion. Hostile pages are refused with a
/// sentence before they can cost more than linear time: nesting deeper than MaximumDepth, or
/// more formatting elements left open than MaximumOpenFormatting (which would make the HTML5
/// rules reopen them again and again).
class HtmlDom
{
public:
    static constexpr int MaximumDepth = 5000;
    static constexpr int MaximumOpenFormatting = 2000;

    struct Attribute
    {
        QString name; ///< lower case
        QString value;
    };
    struct Node
    {
        QString tag; ///< lower case; empty for text
        QString text; ///< a text node's text, as written (entities decoded)
        QList<Attribute> attributes;
        int parent = -1;
        QList<int> children;
        bool removed = false; ///< taken out by the extractor; its subtree with it
    };

    /// Parses UTF-8 bytes.
    [[nodiscard]] static Result<HtmlDom> parse(QByteArrayView utf8);

    const Node &node(int index) const { return m_nodes.at(index); }
    Node &node(int index) { return m_nodes[index]; }
    int size() const { return int(m_nodes.size()); }
    int root() const { return 0; } ///< the document

    bool isText(int index) const { return m_nodes.at(index).tag.isEmpty(); }
    QString attribute(int index, QStringView name) const;
    bool hasAttribute(int index, QStringView name) const;
    /// Elements with this tag, in document order, outside removed subtrees.
    QList<int> elements(QStringView tag) const;
    /// The first element with this tag, or -1.
    int first(QStringView tag) const;
    /// Every node of the subtree in document order, without removed subtrees.
    QList<int> descendants(int index) const;
    /// The text of a subtree, as it reads: its text nodes joined, spaces collapsed.
    QString textOf(int index) const;
    /// Whether the node lies inside an element of this tag.
    bool isInside(int index, QStringView tag) const;
    bool isRemoved(int index) const;
    /// Ancestors, nearest first, up to `levels` of them (0 for all).
    QList<int> ancestors(int index, int levels = 0) const;

private:
    QList<Node> m_nodes;
};
