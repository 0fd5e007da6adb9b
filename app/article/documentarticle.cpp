// An ordinary Word or RTF document read as one article, unless it holds a Nexis export.
#include "formatreaders.h"
#include "nexisparser.h"
#include "textblocks.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace FormatReaders {

bool isPlaceholderTitle(const QString &title, const QString &fileName)
{
    static const QRegularExpression placeholder(
        uR"(^(microsoft \w+ - .*|untitled.*|document\d*|doc\d*|.*\.(docx?|rtf|pdf|txt|html?|indd|qxd|qxp|ps|eps|ai))$)"_s,
        QRegularExpression::CaseInsensitiveOption);
    bool letters = false;
    for (QChar c : title)
        letters = letters || c.isLetter();
    return !letters || placeholder.match(title).hasMatch()
        || title == QFileInfo(fileName).completeBaseName();
}

void deliverDocument(const DocumentText &text, ArticleFormat format, FormatOutput &output)
{
    if (Nexis::looksLike(text)) {
        deliverNexis(text, output);
        return;
    }
    Article article;
    article.format = format;
    qsizetype titleLine = -1;
    if (!isPlaceholderTitle(text.title, output.path())) {
        article.title = text.title;
    } else {
        // The first heading near the top, else a short first line, as in a plain text file.
        qsizetype first = -1;
        for (qsizetype i = 0; i < text.lines.size() && i < 40; ++i) {
            const TextLine &line = text.lines.at(i);
            if (line.text.isEmpty())
                continue;
            if (first < 0)
                first = i;
            if (line.heading) {
                titleLine = i;
                break;
            }
        }
        if (titleLine < 0 && first >= 0 && text.lines.at(first).text.size() <= 150)
            titleLine = first;
        article.title = titleLine >= 0 ? text.lines.at(titleLine).text
                                       : TextBlocks::titleFromFileName(output.path());
    }
    for (qsizetype i = 0; i < text.lines.size(); ++i) {
        const TextLine &line = text.lines.at(i);
        if (i == titleLine || line.text.isEmpty())
            continue;
        Paragraph paragraph;
        paragraph.text = line.text;
        paragraph.kind = line.heading                 ? ParagraphKind::Heading
            : TextBlocks::looksLikeCaption(line.text) ? ParagraphKind::Caption
                                                      : ParagraphKind::Paragraph;
        article.paragraphs.append(paragraph);
    }
    if (article.paragraphs.isEmpty()) {
        output.fail(QCoreApplication::translate("FormatReaders", "The document has no text."));
        return;
    }
    article.date = text.date;
    if (!text.author.isEmpty())
        article.authors = text.author.split(u';', Qt::SkipEmptyParts);
    for (QString &author : article.authors)
        author = author.trimmed();
    article.rawHeader = text.title;
    output.deliver(std::move(article));
}

} // namespace FormatReaders
