#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

struct DecodedText
{
    QString text;
    QString encoding; ///< "UTF-8", "UTF-16LE", "UTF-16BE" or "Windows-1252"
    QString warning; ///< a sentence for the import summary, empty when the bytes were clean
};

/// Turns a file's bytes into clean text: UTF-8 (with or without BOM), UTF-16 with a BOM, else
/// Windows-1252 with a warning. Line ends become '\n'; NUL and other control characters go;
/// the result is in Unicode normalisation form C so offsets agree with exported positions.
/// Fails for empty or binary input with a sentence that says which.
/// Where the bytes come from: a web page may declare its encoding, which counts when the
/// bytes are not UTF-8.
enum class TextOrigin { Text, WebPage };
[[nodiscard]] Result<DecodedText> decodeText(const QByteArray &bytes, TextOrigin origin = TextOrigin::Text);

/// Bytes in Windows-1252 (Latin-1 with typographic characters in 0x80–0x9F), as text.
QString decodeWindows1252(QByteArrayView bytes);

/// The cleaning half of decodeText, for text that arrives already decoded (JSON strings).
QString cleanText(QString text);

/// Collapses runs of spaces and tabs inside a line and trims it.
QString simplifyLine(const QString &line);
