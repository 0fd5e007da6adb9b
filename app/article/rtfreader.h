#pragma once

#include "core/result.h"
#include "documenttext.h"

#include <QByteArrayView>

/// The text of an RTF document: paragraphs (\par, table cells and rows), line breaks, tabs,
/// characters given as \'hh in the document's code page or as \uN (with the \ucN characters
/// after it skipped), the typographic control words (\emdash, \ldblquote…), centring (\qc)
/// and outline levels; the title, author and creation date from \info. Destinations that are
/// not text (font, colour and style tables, pictures, headers, footers, footnotes, field
/// instructions, every \* destination) are skipped whole.
///
/// One pass over the bytes with an explicit stack of groups, never recursion: linear time,
/// memory bounded by the text. Groups may nest MaximumDepth deep; deeper is refused.
namespace RtfReader {

constexpr int MaximumDepth = 1000;

/// True when the bytes start like an RTF document ("{\rtf").
bool looksLikeRtf(QByteArrayView head);

[[nodiscard]] Result<DocumentText> read(QByteArrayView rtf);

} // namespace RtfReader
