#pragma once

#include "core/result.h"
#include "documenttext.h"

#include <QByteArray>

class ZipReader;

/// The text of a Word document (.docx): its paragraphs in order (tables cell by cell, text
/// boxes where they are anchored), tabs and line breaks kept, centred paragraphs and heading
/// styles marked, and its title, author and date from the document's properties. Deleted
/// and moved-away text, field codes and the fallback copies Word writes for old readers are
/// left out.
///
/// The archive and its XML are foreign input: a member may unpack only within ZipReader's
/// caps, a document type declaration (and so any entity) is refused, elements may nest only
/// MaximumDepth deep, and each failure is one sentence. Linear in the size of the document.
namespace DocxReader {

constexpr int MaximumDepth = 256;
/// The most the document's XML may unpack to.
constexpr qint64 MaximumPartSize = 256 * 1024 * 1024;

[[nodiscard]] Result<DocumentText> read(const ZipReader &archive);

/// The paragraphs of one WordprocessingML part (word/document.xml).
[[nodiscard]] Result<DocumentText> readDocumentXml(const QByteArray &xml);

} // namespace DocxReader
