#pragma once

#include <QString>

/// Turns what a user types into a safe FTS5 MATCH expression: words must all occur, "quoted
/// text" is a phrase, -word excludes, OR between terms means either; the last word, from three
/// letters on, matches as a prefix so results follow the typing. Returns an empty string when
/// nothing searchable is left.
namespace FtsQuery {

QString fromUserText(const QString &text);

/// Markers the store puts around matched words in snippets (private-use characters, so they
/// never collide with article text). Views replace them with their own emphasis.
constexpr char16_t SnippetStart = u'\uE000';
constexpr char16_t SnippetEnd = u'\uE001';

} // namespace FtsQuery
