#pragma once

#include "core/result.h"
#include "exportset.h"

#include <QByteArray>
#include <QString>

/// Turn an ExportSet into files other tools read. Pure: bytes out, nothing written to the
/// library; writeAtomically() puts them on disk.
namespace Exporters {

enum class Format { Markdown, Csv, Json, Html, Pdf, Qdpx };

struct Options
{
    bool groupByTag = false; ///< Markdown and HTML: by tag instead of by article
    bool csvByteOrderMark = false; ///< for Excel, which otherwise misreads UTF-8
};

[[nodiscard]] Result<Format> formatFromName(const QString &name);
QString fileSuffix(Format format);

QByteArray markdown(const ExportSet &set, const Options &options = {});
/// One Markdown file per article: (file name, contents); names come from titles, made safe
/// for every file system and unique.
QList<QPair<QString, QByteArray>> markdownPerArticle(const ExportSet &set);
/// Writes markdownPerArticle() into a folder (created if needed); returns the files written.
[[nodiscard]] Result<int> writeMarkdownFolder(const QString &folder, const ExportSet &set);
QByteArray csv(const ExportSet &set, const Options &options = {});
/// W3C Web Annotation Data Model: one AnnotationCollection; positions in code points.
QByteArray w3cJson(const ExportSet &set);
QByteArray html(const ExportSet &set, const Options &options = {});
/// A REFI-QDA project (.qdpx): the codebook as codes, each article as a TextSource with its
/// text under sources/, each highlight as a PlainTextSelection coded with its tags, notes as
/// Notes. Positions in code points. Orphaned highlights are left out (their text is gone).
QByteArray qdpx(const ExportSet &set);
/// The HTML report as a paginated A4 PDF with a header on each page. Needs a QGuiApplication
/// (the offscreen platform will do); returns nothing without one.
QByteArray pdf(const ExportSet &set, const Options &options = {});
QByteArray render(Format format, const ExportSet &set, const Options &options = {});

/// Escapes text so CommonMark renders it exactly as written.
QString escapeMarkdown(const QString &text);
/// A note as Markdown that renders as the user wrote it but can run nothing: no raw HTML, and
/// links only to the web, mail or relative places (others show as text).
QString inertNoteMarkdown(const QString &note);
/// A tag path as an Obsidian tag: "#Speaker/Milo_Ventimiglia".
QString obsidianTag(const QString &path);
/// A spreadsheet cell that cannot run as a formula, quoted per RFC 4180 when needed.
QString csvCell(const QString &value);
/// UTF-16 offsets into one text as counts of Unicode code points: costs nothing for text without
/// surrogate pairs, one pass otherwise.
class CodePointMap
{
public:
    explicit CodePointMap(const QString &text);
    int operator()(int utf16Offset) const;

private:
    QList<int> m_lowSurrogatesBefore; ///< empty when the text has none
};

/// Renders the set and writes it to path (a folder of one Markdown file per article when
/// perArticleFolder); the number of highlights written. Safe on a worker thread for every
/// format but PDF, whose layout needs the GUI thread's fonts.
[[nodiscard]] Result<int> exportSet(const QString &path, Format format, const ExportSet &set,
    const Options &options = {}, bool perArticleFolder = false);

/// Writes through a temporary file renamed into place: a failed export never leaves half a
/// file over an older one.
[[nodiscard]] Result<void> writeAtomically(const QString &path, const QByteArray &bytes);

} // namespace Exporters
