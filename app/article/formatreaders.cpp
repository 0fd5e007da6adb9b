#include "formatreaders.h"
#include "formatparsers.h"
#include "textdecoder.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

FormatOutput::FormatOutput(
    const QString &path, const InputFormat &format, const ArticleSink &sink, ParseReport &report)
    : m_path(path)
    , m_format(format)
    , m_sink(sink)
    , m_report(report)
{ }

bool FormatOutput::deliver(Article &&article, int index)
{
    article.sourcePath = m_path;
    article.sourceIndex = index;
    article.updateContentHash();
    ++m_report.articles;
    if (!m_sink(std::move(article))) {
        m_report.cancelled = true;
        return false;
    }
    return true;
}

void FormatOutput::fail(const QString &message, int item, ItemUnit unit)
{
    m_report.failures.append({ item, message, item > 0 ? unit : ItemUnit::None });
}

void FormatOutput::warn(const QString &message)
{
    m_report.warnings.append(message);
}

namespace FormatReaders {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ArticleParser", text);
}

/// Decodes the input as text (its encoding guessed, a warning when it had to be), or says why
/// it is not text; null after a failure.
std::optional<QString> decoded(const FormatInput &input, FormatOutput &output, TextOrigin origin)
{
    Result<DecodedText> text = decodeText(*input.bytes, origin);
    if (!text) {
        output.fail(text.error());
        return std::nullopt;
    }
    if (!text->warning.isEmpty())
        output.warn(text->warning);
    return std::move(text->text);
}

using SingleParser = Result<Article> (*)(const QString &text, const QString &fileName);

void readSingle(const FormatInput &input, FormatOutput &output, SingleParser parse,
    TextOrigin origin = TextOrigin::Text)
{
    const std::optional<QString> text = decoded(input, output, origin);
    if (!text)
        return;
    Result<Article> article = parse(*text, input.path);
    if (!article) {
        output.fail(article.error());
        return;
    }
    output.deliver(std::move(*article));
}

void readJsonLine(QByteArrayView line, int lineNumber, FormatOutput &output)
{
    if (line.trimmed().isEmpty())
        return;
    Result<Article> article = FormatParsers::parseJsonLine(line);
    if (!article) {
        output.fail(article.error(), lineNumber, ItemUnit::Line);
        return;
    }
    output.deliver(std::move(*article), lineNumber);
}

} // namespace

QString headText(QByteArrayView head)
{
    if (head.startsWith("\xFF\xFE"))
        return QStringDecoder(QStringConverter::Utf16LE)(head.sliced(2));
    if (head.startsWith("\xFE\xFF"))
        return QStringDecoder(QStringConverter::Utf16BE)(head.sliced(2));
    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.sliced(3);
    return QString::fromUtf8(head);
}

bool looksLikeNewsDump(QByteArrayView head)
{
    // The header is the first line, so a little of the file is enough.
    return FormatParsers::isNewsDump(headText(head.first(std::min<qsizetype>(head.size(), 4096))));
}

void readNewsDump(const FormatInput &input, FormatOutput &output)
{
    readSingle(input, output, &FormatParsers::parseNewsDump);
}

void readPlainText(const FormatInput &input, FormatOutput &output)
{
    readSingle(input, output, &FormatParsers::parsePlainText);
}

void readMarkdown(const FormatInput &input, FormatOutput &output)
{
    readSingle(input, output, &FormatParsers::parseMarkdown);
}

void readHtml(const FormatInput &input, FormatOutput &output)
{
    // A page may declare its own encoding, which counts when its bytes are not UTF-8.
    readSingle(input, output, &FormatParsers::parseHtml, TextOrigin::WebPage);
}

void readJsonLines(const FormatInput &input, FormatOutput &output)
{
    // A corpus of any size is read a line at a time, from the file when there is one.
    int lineNumber = 0;
    if (input.bytes) {
        if (input.bytes->isEmpty()) {
            output.fail(tr("The file is empty."));
            return;
        }
        QByteArrayView rest(*input.bytes);
        if (rest.startsWith("\xEF\xBB\xBF"))
            rest = rest.sliced(3);
        while (!rest.isEmpty() && !output.stopped()) {
            const qsizetype end = rest.indexOf('\n');
            readJsonLine(end < 0 ? rest : rest.first(end), ++lineNumber, output);
            rest = end < 0 ? QByteArrayView() : rest.sliced(end + 1);
        }
        return;
    }
    QFile file(input.path);
    if (!file.open(QIODevice::ReadOnly)) {
        output.fail(tr("Cannot open the file: %1.").arg(file.errorString()));
        return;
    }
    while (!file.atEnd() && !output.stopped()) {
        QByteArray line = file.readLine();
        ++lineNumber;
        if (lineNumber == 1 && line.startsWith("\xEF\xBB\xBF"))
            line.remove(0, 3);
        readJsonLine(line, lineNumber, output);
    }
    if (file.error() != QFileDevice::NoError)
        output.fail(tr("Reading stopped: %1.").arg(file.errorString()), lineNumber, ItemUnit::Line);
    else if (output.report().articles == 0 && output.report().failures.isEmpty())
        output.fail(tr("The file is empty."));
}

} // namespace FormatReaders
