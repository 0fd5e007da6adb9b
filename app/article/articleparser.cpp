#include "articleparser.h"
#include "formatparsers.h"
#include "textdecoder.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace ArticleParser {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ArticleParser", text);
}

enum class FileKind { Text, Markdown, Html, JsonLines };

FileKind kindOf(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == u"md"_s || suffix == u"markdown"_s)
        return FileKind::Markdown;
    if (suffix == u"html"_s || suffix == u"htm"_s || suffix == u"xhtml"_s)
        return FileKind::Html;
    if (suffix == u"jsonl"_s || suffix == u"ndjson"_s)
        return FileKind::JsonLines;
    return FileKind::Text;
}

bool deliver(
    Article &&article, const QString &path, int index, const ArticleSink &sink, ParseReport &report)
{
    article.sourcePath = path;
    article.sourceIndex = index;
    article.updateContentHash();
    ++report.articles;
    if (!sink(std::move(article))) {
        report.cancelled = true;
        return false;
    }
    return true;
}

void parseJsonLineInto(QByteArrayView line, int lineNumber, const QString &path,
    const ArticleSink &sink, ParseReport &report)
{
    if (line.trimmed().isEmpty())
        return;
    Result<Article> article = FormatParsers::parseJsonLine(line);
    if (!article) {
        report.failures.append({ lineNumber, article.error() });
        return;
    }
    deliver(std::move(*article), path, lineNumber, sink, report);
}

ParseReport parseJsonLinesFile(QFile &file, const QString &path, const ArticleSink &sink)
{
    ParseReport report;
    int lineNumber = 0;
    while (!file.atEnd() && !report.cancelled) {
        QByteArray line = file.readLine();
        ++lineNumber;
        if (lineNumber == 1 && line.startsWith("\xEF\xBB\xBF"))
            line.remove(0, 3);
        parseJsonLineInto(line, lineNumber, path, sink, report);
    }
    if (file.error() != QFileDevice::NoError)
        report.failures.append({ lineNumber, tr("Reading stopped: %1.").arg(file.errorString()) });
    else if (report.articles == 0 && report.failures.isEmpty())
        report.failures.append({ 0, tr("The file is empty.") });
    return report;
}

} // namespace

bool isSupportedFileName(const QString &fileName)
{
    const QFileInfo info(fileName);
    if (info.fileName().startsWith(u'.'))
        return false;
    static const QStringList suffixes = { u"txt"_s, u"text"_s, u"md"_s, u"markdown"_s, u"html"_s,
        u"htm"_s, u"xhtml"_s, u"jsonl"_s, u"ndjson"_s };
    return suffixes.contains(info.suffix().toLower());
}

ParseReport parseBytes(const QByteArray &bytes, const QString &fileName, const ArticleSink &sink)
{
    ParseReport report;
    const FileKind kind = kindOf(fileName);
    if (kind == FileKind::JsonLines) {
        if (bytes.isEmpty()) {
            report.failures.append({ 0, tr("The file is empty.") });
            return report;
        }
        QByteArrayView rest(bytes);
        if (rest.startsWith("\xEF\xBB\xBF"))
            rest = rest.sliced(3);
        int lineNumber = 0;
        while (!rest.isEmpty() && !report.cancelled) {
            const qsizetype end = rest.indexOf('\n');
            parseJsonLineInto(
                end < 0 ? rest : rest.first(end), ++lineNumber, fileName, sink, report);
            rest = end < 0 ? QByteArrayView() : rest.sliced(end + 1);
        }
        return report;
    }

    Result<DecodedText> decoded
        = decodeText(bytes, kind == FileKind::Html ? TextOrigin::WebPage : TextOrigin::Text);
    if (!decoded) {
        report.failures.append({ 0, decoded.error() });
        return report;
    }
    if (!decoded->warning.isEmpty())
        report.warnings.append(decoded->warning);
    const QString &text = decoded->text;
    Result<Article> article = ResultError(QString());
    switch (kind) {
    case FileKind::Markdown:
        article = FormatParsers::parseMarkdown(text, fileName);
        break;
    case FileKind::Html:
        article = FormatParsers::parseHtml(text, fileName);
        break;
    case FileKind::Text:
    case FileKind::JsonLines:
        article = FormatParsers::isNewsDump(text) ? FormatParsers::parseNewsDump(text, fileName)
                                                  : FormatParsers::parsePlainText(text, fileName);
        break;
    }
    if (!article) {
        report.failures.append({ 0, article.error() });
        return report;
    }
    deliver(std::move(*article), fileName, 0, sink, report);
    return report;
}

ParseReport parseFile(const QString &path, const ArticleSink &sink)
{
    ParseReport report;
    QFile file(path);
    const QFileInfo info(path);
    if (info.isDir()) {
        report.failures.append({ 0, tr("This is a folder, not a file.") });
        return report;
    }
    // A device or a pipe reports no size and may never end (/dev/zero, a FIFO): only regular
    // files are read.
    if (info.exists() && !info.isFile()) {
        report.failures.append({ 0, tr("This is not a regular file (a device or a pipe), so it was not read.") });
        return report;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        report.failures.append({ 0, tr("Cannot open the file: %1.").arg(file.errorString()) });
        return report;
    }
    if (kindOf(path) == FileKind::JsonLines)
        return parseJsonLinesFile(file, path, sink);
    if (file.size() > MaximumFileSize) {
        report.failures.append({ 0,
            tr("The file is too large (%1 MB); the limit for one article is %2 MB.")
                .arg(file.size() / (1024 * 1024))
                .arg(MaximumFileSize / (1024 * 1024)) });
        return report;
    }
    // Read to one byte past the limit whatever the size said: a file can grow while it is read.
    const QByteArray bytes = file.read(MaximumFileSize + 1);
    if (bytes.size() > MaximumFileSize) {
        report.failures.append({ 0,
            tr("The file is too large; the limit for one article is %1 MB.").arg(MaximumFileSize / (1024 * 1024)) });
        return report;
    }
    if (file.error() != QFileDevice::NoError) {
        report.failures.append({ 0, tr("Cannot read the file: %1.").arg(file.errorString()) });
        return report;
    }
    return parseBytes(bytes, path, sink);
}

} // namespace ArticleParser
