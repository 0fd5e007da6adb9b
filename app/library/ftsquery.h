#pragma once

#include <QString>

/// Turns what a user types into a safe FTS5 MATCH expression: words must all occur, "quoted
/// text" is a phrase, -word excludes, OR between terms means either; the last word, from three
/// letters on, matches as a prefix so results follow the typing. Returns an empty string when
/// nothing searchable is left.
namespace FtsQuery {

QString fromUserText(const QString &text);

/// The most terms a search takes; the same term typed twice counts once. FTS5's time grows
/// with every term (hundreds took seconds, thousands minutes), and no search needs more.
constexpr int MaximumTerms = 64;

/// A sentence saying that words were left out of the search (beyond MaximumTerms), or empty.
QString limitNote(const QString &text);

/// Markers the store puts around matched words in snippets (private-use characters, so they
/// never collide with article text). Views replace them with their own emphasis.
constexpr char16_t SnippetStart = u'\uE000';
constexpr char16_t SnippetEnd = u'\uE001';

} // namespace FtsQuery
