#pragma once

#include <QDate>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

/// What a block of article text is, so the reader can set it apart.
enum class ParagraphKind : char {
    Paragraph = 'p',
    Heading = 'h',
    Caption = 'c',
    Preformatted = 'f', ///< a line of code or verse whose spacing matters
};

struct Paragraph
{
    ParagraphKind kind = ParagraphKind::Paragraph;
    QString text;

    friend bool operator==(const Paragraph &a, const Paragraph &b)
    {
        return a.kind == b.kind && a.text == b.text;
    }
};

/// The input formats Gloss reads. Everything else about each one (its stored key, name,
/// suffixes, how it is recognised, its reader) is its entry in InputFormats (inputformats.h).
enum class ArticleFormat { NewsDump, PlainText, Markdown, Html, JsonLines, Nexis, Word, Rtf, Pdf };

/// What an article's sourceIndex counts in a file holding many: JSON Lines count lines, exports
/// holding many documents count documents.
enum class ItemUnit { None, Line, Document };

/// The format's display name ("plain text"), from its entry in InputFormats.
QString formatName(ArticleFormat format);

/// One parsed article. The body is the paragraphs joined by a single '\n'; that string is stored
/// and displayed verbatim, so an offset into it means the same thing everywhere (highlights
/// depend on it).
struct Article
{
    qint64 id = 0; ///< 0 until stored
    QString sourcePath; ///< absolute path, or a ":/" resource path for samples
    int sourceIndex = 0; ///< line of a JSON Lines file, document of an export, else 0
    QString contentHash; ///< hex SHA-256 of title and body
    ArticleFormat format = ArticleFormat::PlainText;
    QString title;
    QDate date; ///< invalid when the source gives none
    QStringList authors;
    QString site;
    QString url;
    QString rawHeader; ///< the header as found, before cleaning
    QList<Paragraph> paragraphs;

    QString body() const;
    int wordCount() const;
    /// Sets the hash from title and body; call after the text is final.
    void updateContentHash();

    /// Rebuilds paragraphs from a stored body and its one-letter-per-paragraph kinds string.
    static QList<Paragraph> paragraphsFrom(const QString &body, const QString &kinds);
    QString kindsString() const;
};

/// The slice of an article a list needs: never the body.
struct ArticleSummary
{
    qint64 id = 0;
    QString title;
    QDate date;
    QString source;
    int words = 0;
    QString snippet; ///< set only for full-text results
};

int countWords(QStringView text);

Q_DECLARE_METATYPE(Article)
