#include "exporters.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Exporters {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Exporters", text);
}

} // namespace

Result<Format> formatFromName(const QString &name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == u"md"_s || lower == u"markdown"_s)
        return Format::Markdown;
    if (lower == u"csv"_s)
        return Format::Csv;
    if (lower == u"json"_s || lower == u"jsonld"_s || lower == u"w3c"_s)
        return Format::Json;
    if (lower == u"html"_s)
        return Format::Html;
    if (lower == u"pdf"_s)
        return Format::Pdf;
    if (lower == u"qdpx"_s || lower == u"refi"_s)
        return Format::Qdpx;
    return ResultError(
        tr("Unknown export format “%1”; use md, csv, json, html, pdf or qdpx.").arg(name));
}

QString fileSuffix(Format format)
{
    switch (format) {
    case Format::Markdown:
        return u"md"_s;
    case Format::Csv:
        return u"csv"_s;
    case Format::Json:
        return u"json"_s;
    case Format::Html:
        return u"html"_s;
    case Format::Pdf:
        return u"pdf"_s;
    case Format::Qdpx:
        return u"qdpx"_s;
    }
    return {};
}

QByteArray render(Format format, const ExportSet &set, const Options &options)
{
    switch (format) {
    case Format::Markdown:
        return markdown(set, options);
    case Format::Csv:
        return csv(set, options);
    case Format::Json:
        return w3cJson(set);
    case Format::Html:
        return html(set, options);
    case Format::Pdf:
        return pdf(set, options);
    case Format::Qdpx:
        return qdpx(set);
    }
    return {};
}

CodePointMap::CodePointMap(const QString &text)
{
    if (std::none_of(text.cbegin(), text.cend(), [](QChar c) { return c.isLowSurrogate(); }))
        return;
    m_lowSurrogatesBefore.resize(text.size() + 1);
    int count = 0;
    for (int i = 0; i < text.size(); ++i) {
        m_lowSurrogatesBefore[i] = count;
        if (text.at(i).isLowSurrogate())
            ++count;
    }
    m_lowSurrogatesBefore[text.size()] = count;
}

int CodePointMap::operator()(int utf16Offset) const
{
    if (m_lowSurrogatesBefore.isEmpty())
        return utf16Offset;
    const int at = std::clamp(utf16Offset, 0, int(m_lowSurrogatesBefore.size()) - 1);
    return at - m_lowSurrogatesBefore.at(at);
}

Result<void> writeAtomically(const QString &path, const QByteArray &bytes)
{
    if (path.trimmed().isEmpty())
        return ResultError(tr("No file to export to was given."));
    if (QFileInfo(path).isDir())
        return ResultError(tr("“%1” is a folder; give a file name.").arg(path));
    // Unbuffered, so a short write (a full disk, a file size limit) is seen here, before the
    // new file replaces the old one: a buffered write reports success and loses the tail at
    // the flush in commit(), which then renames the cut file over the old one.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return ResultError(tr("Cannot write “%1”: %2.").arg(path, file.errorString()), ErrorKind::Io);
    qsizetype written = 0;
    while (written < bytes.size()) {
        const qint64 step = file.write(bytes.constData() + written, bytes.size() - written);
        if (step <= 0) {
            const QString reason = file.errorString();
            file.cancelWriting();
            return ResultError(tr("Nothing was exported: “%1” could not be written (%2); the file "
                                  "that was there is unchanged.")
                                   .arg(path, reason),
                ErrorKind::Io);
        }
        written += step;
    }
    if (!file.commit()) {
        return ResultError(tr("Nothing was exported: “%1” could not be finished (%2); the file "
                              "that was there is unchanged.")
                               .arg(path, file.errorString()),
            ErrorKind::Io);
    }
    return {};
}

Result<int> exportSet(const QString &path, Format format, const ExportSet &set,
    const Options &options, bool perArticleFolder)
{
    if (perArticleFolder && format == Format::Markdown) {
        if (auto files = writeMarkdownFolder(path, set); !files)
            return files.failure();
        return set.highlightCount();
    }
    if (auto written = writeAtomically(path, render(format, set, options)); !written)
        return written.failure();
    return set.highlightCount();
}

} // namespace Exporters
