#include "article.h"
#include "inputformats.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

QString formatName(ArticleFormat format)
{
    return InputFormats::of(format).displayName();
}

QString Article::body() const
{
    QString text;
    qsizetype size = 0;
    for (const Paragraph &paragraph : paragraphs)
        size += paragraph.text.size() + 1;
    text.reserve(size);
    for (qsizetype i = 0; i < paragraphs.size(); ++i) {
        if (i > 0)
            text += u'\n';
        text += paragraphs.at(i).text;
    }
    return text;
}

int countWords(QStringView text)
{
    int words = 0;
    bool inWord = false;
    for (QChar c : text) {
        const bool wordChar = c.isLetterOrNumber();
        if (wordChar && !inWord)
            ++words;
        inWord = wordChar || (inWord && (c == u'\'' || c == u'\u2019' || c == u'-'));
    }
    return words;
}

int Article::wordCount() const
{
    int words = 0;
    for (const Paragraph &paragraph : paragraphs)
        words += countWords(paragraph.text);
    return words;
}

void Article::updateContentHash()
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(title.toUtf8());
    hash.addData(QByteArrayView("\n\n", 2));
    hash.addData(body().toUtf8());
    hash.addData(kindsString().toLatin1());
    contentHash = QString::fromLatin1(hash.result().toHex());
}

QString Article::kindsString() const
{
    QString kinds;
    kinds.reserve(paragraphs.size());
    for (const Paragraph &paragraph : paragraphs)
        kinds += QChar::fromLatin1(static_cast<char>(paragraph.kind));
    return kinds;
}

QList<Paragraph> Article::paragraphsFrom(const QString &body, const QString &kinds)
{
    QList<Paragraph> result;
    if (body.isEmpty() && kinds.isEmpty())
        return result;
    const QList<QStringView> parts = QStringView(body).split(u'\n');
    result.reserve(parts.size());
    for (qsizetype i = 0; i < parts.size(); ++i) {
        Paragraph paragraph;
        paragraph.text = parts.at(i).toString();
        const char16_t kind = i < kinds.size() ? kinds.at(i).unicode() : u'p';
        if (kind == u'h')
            paragraph.kind = ParagraphKind::Heading;
        else if (kind == u'c')
            paragraph.kind = ParagraphKind::Caption;
        else if (kind == u'f')
            paragraph.kind = ParagraphKind::Preformatted;
        result.append(paragraph);
    }
    return result;
}
