#pragma once

#include "article.h"

#include <QColor>
#include <QFont>
#include <QTextDocument>

#include <memory>

/// Lays an article out as a QTextDocument for reading: a header (title, then date, authors and
/// source), then one block per paragraph with captions and headings set apart.
///
/// The contract highlights rely on: body offset k is document position bodyStart() + k, because
/// paragraphs are blocks and a block break counts as one position, exactly like the '\n' that
/// joins paragraphs in Article::body().
class ArticleDocument
{
public:
    struct Style
    {
        QFont bodyFont;
        qreal lineHeightPercent = 150;
        QColor secondaryText = QColor(0x5f, 0x63, 0x68);
    };

    ArticleDocument(const Article &article, const Style &style);

    /// The document; the caller may take ownership with release().
    QTextDocument *document() const { return m_document.get(); }
    std::unique_ptr<QTextDocument> release() { return std::move(m_document); }
    int bodyStart() const { return m_bodyStart; }

    static QString metadataLine(const Article &article);

private:
    std::unique_ptr<QTextDocument> m_document;
    int m_bodyStart = 0;
};
