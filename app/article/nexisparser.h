#pragma once

#include "article.h"
#include "core/result.h"
#include "documenttext.h"

#include <QByteArrayView>
#include <QString>

#include <functional>

/// Exports of the Nexis (LexisNexis) news database: many articles in one file, each with its
/// outlet, date line, headline and labelled fields around the body. Two layouts are read,
/// whatever the file they come in (text, Word, RTF):
///
/// - the classic one (LexisNexis Academic, nexis.com): documents start at "N of M DOCUMENTS"
///   (or "Dokument N von M", "Document N de M"), then the outlet, the date line and perhaps an
///   edition, the headline, fields in capitals ("BYLINE:", "SECTION:", "LENGTH:"), the body,
///   more fields ("LOAD-DATE:", "LANGUAGE:", "PUBLICATION-TYPE:") and a copyright line;
/// - Nexis Uni's: after a cover page, each document is its headline, outlet and date line,
///   fields in title case ("Byline:", "Section:", "Length:"), a "Body" heading, the body, a
///   "Classification" part of fields, and "End of Document".
///
/// Fields may be missing, come in any order and in any letter case; the date is read in any
/// of the forms DateLines knows. Everything is linear in the size of the text.
namespace Nexis {

/// True when the text holds documents in one of the layouts.
bool looksLike(const DocumentText &text);

/// The same test on the first bytes of a text file, for the format table.
bool looksLikeHead(QByteArrayView head);

/// Receives each document in order, counted from 1: its article, or why it could not be
/// read; returns false to stop.
using DocumentSink = std::function<bool(int number, Result<Article> &&article)>;

/// Reads every document of the text. fileName gives a title to a document without one.
void read(const DocumentText &text, const QString &fileName, const DocumentSink &sink);

/// A byline as a list of names: "By Tom Coghlan, Defence Correspondent" is ["Tom Coghlan"],
/// "Andrew Sparrow and Kevin Rawlinson" two names, names in capitals get capitals only first.
QStringList authorsFromByline(const QString &byline);

/// The lines of a text export: each line as it is, centred when it starts far indented,
/// and wrapped unless its lines run longer than a wrapped export's do.
DocumentText linesOfText(const QString &text);

} // namespace Nexis
