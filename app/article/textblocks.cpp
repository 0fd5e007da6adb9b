#include "textblocks.h"
#include "textdecoder.h"

#include <QDateTime>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace TextBlocks {

bool looksLikeCaption(QStringView text)
{
    static const QRegularExpression credit(
        uR"(\|\s*(credit|credits|photo|photograph|image|picture|source|courtesy)\s*:)"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression leading(
        uR"(^\s*(photo|photograph|image|picture|caption|credit)s?\s*:)"_s,
        QRegularExpression::CaseInsensitiveOption);
    if (text.size() > 400)
        return false;
    return credit.match(text).hasMatch() || leading.match(text).hasMatch();
}

QList<Paragraph> paragraphsFromText(QStringView text)
{
    QList<Paragraph> paragraphs;
    QString current;
    auto flush = [&] {
        if (current.isEmpty())
            return;
        Paragraph paragraph;
        paragraph.kind
            = looksLikeCaption(current) ? ParagraphKind::Caption : ParagraphKind::Paragraph;
        paragraph.text = current;
        paragraphs.append(paragraph);
        current.clear();
    };
    for (QStringView line : text.split(u'\n')) {
        const QString simplified = simplifyLine(line.toString());
        if (simplified.isEmpty()) {
            flush();
            continue;
        }
        if (!current.isEmpty())
            current += u' ';
        current += simplified;
    }
    flush();
    return paragraphs;
}

QString titleFromFileName(const QString &fileName)
{
    QString base = QFileInfo(fileName).completeBaseName();
    base.replace(u'_', u' ');
    base.replace(u'-', u' ');
    base = simplifyLine(base);
    return base.isEmpty() ? QFileInfo(fileName).fileName() : base;
}

QDate parseDate(const QString &text)
{
    static const QRegularExpression iso(uR"((\d{4})-(\d{2})-(\d{2}))"_s);
    const QRegularExpressionMatch match = iso.match(text);
    if (match.hasMatch()) {
        const QDate date(
            match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
        if (date.isValid())
            return date;
    }
    const QString trimmed = text.trimmed();
    QDateTime dateTime = QDateTime::fromString(trimmed, Qt::RFC2822Date);
    if (!dateTime.isValid())
        dateTime = QDateTime::fromString(trimmed, Qt::ISODate);
    if (dateTime.isValid())
        return dateTime.date();
    static const QRegularExpression slashed(uR"(^(\d{4})/(\d{1,2})/(\d{1,2}))"_s);
    const QRegularExpressionMatch slash = slashed.match(trimmed);
    if (slash.hasMatch())
        return QDate(
            slash.captured(1).toInt(), slash.captured(2).toInt(), slash.captured(3).toInt());
    return {};
}

} // namespace TextBlocks
