#pragma once

#include "article.h"
#include "core/result.h"

#include <QString>

/// The parsers of the text formats of one article each (and of one JSON Lines line). Each
/// takes decoded, cleaned text and the file's name (for a fallback title) and fills the
/// article's text fields; the caller sets source and hash. Each fails with a sentence when the
/// text holds no article. The readers in formatreaders.h wrap them for the format table; the
/// formats of many articles or of binary files have readers of their own.
namespace FormatParsers {

/// True when the first line starts (maybe after spaces) with "date YYYY-MM-DD".
bool isNewsDump(QStringView text);
[[nodiscard]] Result<Article> parseNewsDump(const QString &text, const QString &fileName);
/// Removes scraped page chrome ("Close this dialog window", "Advertisement", …) from a headline.
QString stripPageChrome(const QString &headline);

[[nodiscard]] Result<Article> parsePlainText(const QString &text, const QString &fileName);
[[nodiscard]] Result<Article> parseMarkdown(const QString &text, const QString &fileName);
[[nodiscard]] Result<Article> parseHtml(const QString &text, const QString &fileName);
/// One line of a JSON Lines corpus.
[[nodiscard]] Result<Article> parseJsonLine(QByteArrayView line);

/// Removes inline Markdown (emphasis, code spans, links, escapes) leaving the words as shown.
QString stripInlineMarkdown(const QString &text);

} // namespace FormatParsers
