#pragma once

#include "article.h"

#include <QString>
#include <QStringView>

/// Small text helpers shared by the parsers.
namespace TextBlocks {

/// Splits text into paragraphs at blank lines; the lines of one paragraph are joined with a space
/// (hard-wrapped text reads as one paragraph). Captions are recognised by their credit line.
QList<Paragraph> paragraphsFromText(QStringView text);

/// True for photo captions such as "… | Credit: Warner Bros. TV" or "Photo: Reuters".
bool looksLikeCaption(QStringView text);

/// A readable title from a file name: extension dropped, '_' and '-' read as spaces.
QString titleFromFileName(const QString &fileName);

/// Finds the first YYYY-MM-DD date in text, or parses an RFC 2822 or ISO date-time.
QDate parseDate(const QString &text);

} // namespace TextBlocks
