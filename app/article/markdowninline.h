#pragma once

#include <QString>
#include <QStringView>

/// The words of a line of inline Markdown, as a reader sees them rendered: emphasis, strong and
/// strike markers, code-span backticks, link and image syntax (the text stays, the address
/// goes), autolinks, inline HTML tags and backslash escapes are taken out; everything else is
/// kept exactly, including a lone "*" that is not emphasis. Runs in time linear in the text,
/// whatever it holds: each delimiter is matched at most once and every search forward starts
/// from a table built in one pass.
namespace MarkdownInline {

QString toPlainText(QStringView text);

} // namespace MarkdownInline
