#pragma once

#include "articleparser.h"
#include "documenttext.h"
#include "inputformats.h"

#include <QString>

/// What a format's reader hands its results to. Each article is stamped with its source,
/// index, format and hash on the way to the sink; failures and warnings go into the report.
class FormatOutput
{
public:
    FormatOutput(const QString &path, const InputFormat &format, const ArticleSink &sink,
        ParseReport &report);

    /// Passes an article on; false when the sink wants no more (stop reading).
    bool deliver(Article &&article, int index = 0);
    /// Nothing of the file, or of item `item` counted in `unit`, was kept, for this reason.
    void fail(const QString &message, int item = 0, ItemUnit unit = ItemUnit::None);
    void warn(const QString &message);

    bool stopped() const { return m_report.cancelled; }
    const QString &path() const { return m_path; }
    const InputFormat &format() const { return m_format; }
    const ParseReport &report() const { return m_report; }

private:
    QString m_path;
    const InputFormat &m_format;
    const ArticleSink &m_sink;
    ParseReport &m_report;
};

/// The readers the format table names, one per format (formatreaders.cpp and the files of
/// each format). Each reports what it could not read through the output, never throws.
namespace FormatReaders {

void readNewsDump(const FormatInput &input, FormatOutput &output);
void readPlainText(const FormatInput &input, FormatOutput &output);
void readMarkdown(const FormatInput &input, FormatOutput &output);
void readHtml(const FormatInput &input, FormatOutput &output);
void readJsonLines(const FormatInput &input, FormatOutput &output);
void readNexisText(const FormatInput &input, FormatOutput &output);

void readWord(const FormatInput &input, FormatOutput &output);
void readRtf(const FormatInput &input, FormatOutput &output);
void readPdf(const FormatInput &input, FormatOutput &output);

/// Hands every document of a Nexis export to the output (nexisparser.cpp), for the readers of
/// the files such exports come in.
void deliverNexis(const DocumentText &text, FormatOutput &output);

/// A Word or RTF document: its Nexis documents when it is an export, else one article of
/// the given format (documentarticle.cpp).
void deliverDocument(const DocumentText &text, ArticleFormat format, FormatOutput &output);

/// Content tests for formats that share a suffix.
bool looksLikeNewsDump(QByteArrayView head);
/// A ZIP archive's signature, which a Word document has.
bool looksLikeZip(QByteArrayView head);
/// "{\rtf" at the start.
bool looksLikeRtf(QByteArrayView head);
/// "%PDF-" near the start.
bool looksLikePdf(QByteArrayView head);

/// Titles that programs fill in by themselves ("Microsoft Word - notes.docx", "untitled",
/// the file's own name), which say nothing of the text.
bool isPlaceholderTitle(const QString &title, const QString &fileName);

/// The head of a file as text, for content tests: UTF-16 when it has that BOM, else read
/// leniently as UTF-8 (a cut character at the end does no harm).
QString headText(QByteArrayView head);

} // namespace FormatReaders
