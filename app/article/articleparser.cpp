#include "articleparser.h"
#include "formatreaders.h"
#include "inputformats.h"

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

QString megabytes(qint64 bytes)
{
    return QString::number(bytes / (1024 * 1024));
}

} // namespace

bool isSupportedFileName(const QString &fileName)
{
    return InputFormats::isSupportedFileName(fileName);
}

ParseReport parseBytes(const QByteArray &bytes, const QString &fileName, const ArticleSink &sink)
{
    ParseReport report;
    const InputFormat &format = InputFormats::forFile(
        fileName, QByteArrayView(bytes).first(std::min(bytes.size(), InputFormats::HeadSize)));
    FormatOutput output(fileName, format, sink, report);
    format.read(FormatInput { fileName, &bytes }, output);
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
    const InputFormat &format = InputFormats::forFile(path, file.peek(InputFormats::HeadSize));
    if (file.size() > format.maximumSize) {
        report.failures.append({ 0,
            tr("The file is too large (%1 MB); the limit for a file of this kind (%2) is %3 MB.")
                .arg(
                    megabytes(file.size()), format.displayName(), megabytes(format.maximumSize)) });
        return report;
    }
    FormatOutput output(path, format, sink, report);
    // A Qt resource (a bundled sample) is not a file other libraries can open by its name.
    if (format.readsFromFile && info.isNativePath()) {
        file.close();
        format.read(FormatInput { path, nullptr }, output);
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
    format.read(FormatInput { path, &bytes }, output);
    return report;
}

} // namespace ArticleParser
