#pragma once

#include "library/libraryhooks.h"

/// What the quotation layer adds to the library: an article whose text changed is indexed
/// again, and article lists filter by who is quoted.
namespace QuoteHooks {

inline constexpr char16_t SpeakerFilter[] = u"speaker"; ///< values: the speaker's name

ArticleFilter speakerFilter(const QString &speaker);

/// Registers the hooks; call once at start, before a library opens.
void install();

} // namespace QuoteHooks
