#pragma once

#include "library/libraryhooks.h"

#include <QList>

/// What the annotation layer adds to the library: highlights follow a re-imported text, article
/// lists filter by tags and by what their highlights are, the full-text search also finds
/// highlighted text and notes, and `gloss stats` counts highlights and tags.
namespace AnnotationHooks {

/// Filter kinds this layer answers (ArticleFilter::kind).
inline constexpr char16_t TagFilter[] = u"tag"; ///< values: tag ids; any of them
inline constexpr char16_t HighlightedFilter[] = u"has-highlights"; ///< no values
inline constexpr char16_t NotedFilter[] = u"has-notes"; ///< no values
inline constexpr char16_t OrphanedFilter[] = u"has-orphans"; ///< no values

ArticleFilter tagFilter(const QList<qint64> &tagIds);

/// Registers the hooks; call once at start, before a library opens.
void install();

} // namespace AnnotationHooks
