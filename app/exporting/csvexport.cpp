#include "exporters.h"

using namespace Qt::StringLiterals;

namespace Exporters {

QString csvCell(const QString &value)
{
    QString cell = value;
    // A spreadsheet runs a cell starting with these as a formula (or a DDE call); a leading
    // apostrophe makes it text in Excel, LibreOffice and Google Sheets alike. Leading spaces
    // and control characters are skipped by some of them before they look, and some read the
    // full-width forms as the ASCII ones, so those count too.
    static const QString starters = u"=+-@\uFF1D\uFF0B\uFF0D\uFF20"_s;
    qsizetype first = 0;
    while (first < cell.size() && (cell.at(first).isSpace() || cell.at(first).unicode() < 0x20))
        ++first;
    const bool formula = first < cell.size() && starters.contains(cell.at(first));
    if (formula || cell.startsWith(u'\t') || cell.startsWith(u'\r'))
        cell.prepend(u'\'');
    if (cell.contains(u',') || cell.contains(u'"') || cell.contains(u'\n')
        || cell.contains(u'\r')) {
        cell.replace(u'"', u"\"\""_s);
        cell = u'"' + cell + u'"';
    }
    return cell;
}

QByteArray csv(const ExportSet &set, const Options &options)
{
    static const QStringList header = { u"article_title"_s, u"article_date"_s, u"source_path"_s,
        u"quote"_s, u"prefix"_s, u"suffix"_s, u"start"_s, u"end"_s, u"colour"_s, u"tags"_s,
        u"speaker"_s, u"note"_s, u"created"_s, u"modified"_s, u"annotator"_s, u"links"_s };
    QString out;
    if (options.csvByteOrderMark)
        out += QChar(0xFEFF);
    out += header.join(u',') + u"\r\n"_s;
    for (const ExportArticle &entry : set.articles) {
        const Article &article = entry.article;
        const CodePointMap codePoints(article.body());
        for (const ExportHighlight &exported : entry.highlights) {
            const Highlight &highlight = exported.highlight;
            // An orphan has no place in the text, so no positions; nor has a span that is not
            // one (a library written before positions were checked).
            const bool placed = highlight.status != AnchorStatus::Orphaned
                && highlight.anchor.start >= 0 && highlight.anchor.end >= highlight.anchor.start;
            const QStringList row = {
                article.title,
                article.date.isValid() ? article.date.toString(Qt::ISODate) : QString(),
                article.sourcePath,
                highlight.anchor.exact,
                highlight.anchor.prefix,
                highlight.anchor.suffix,
                placed ? QString::number(codePoints(highlight.anchor.start)) : QString(),
                placed ? QString::number(codePoints(highlight.anchor.end)) : QString(),
                highlight.color,
                exported.tagPaths.join(u"; "_s),
                exported.speaker,
                highlight.note,
                highlight.created.toUTC().toString(Qt::ISODate),
                highlight.modified.toUTC().toString(Qt::ISODate),
                highlight.annotator,
                highlight.links.join(u' '),
            };
            QStringList cells;
            for (const QString &value : row)
                cells.append(csvCell(value));
            out += cells.join(u',') + u"\r\n"_s;
        }
    }
    return out.toUtf8();
}

} // namespace Exporters
