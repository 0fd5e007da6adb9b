#include "exporters.h"

#include <QColor>
#include <QMap>

using namespace Qt::StringLiterals;

namespace Exporters {

namespace {

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString highlightBlock(const ExportHighlight &entry, const QString &articleLine)
{
    const Highlight &highlight = entry.highlight;
    QColor fill(Palette::rgbOf(highlight.color));
    fill.setAlpha(110);
    QString html = u"<blockquote style=\"border-left-color:%1;background:rgba(%2,%3,%4,0.25)\">"_s
                       .arg(Palette::rgbOf(highlight.color))
                       .arg(fill.red())
                       .arg(fill.green())
                       .arg(fill.blue())
        + escaped(highlight.anchor.exact).replace(u'\n', u"<br>"_s) + u"</blockquote>\n"_s;
    QStringList meta;
    for (const QString &path : entry.tagPaths)
        meta.append(u"<span class=\"tag\">"_s + escaped(path) + u"</span>"_s);
    if (!entry.speaker.isEmpty())
        meta.append(u"Speaker: "_s + escaped(entry.speaker));
    if (!articleLine.isEmpty())
        meta.append(articleLine);
    if (!meta.isEmpty())
        html += u"<p class=\"meta\">"_s + meta.join(u" · "_s) + u"</p>\n"_s;
    if (!highlight.note.trimmed().isEmpty())
        html += u"<p class=\"note\">"_s
            + escaped(highlight.note.trimmed()).replace(u'\n', u"<br>"_s) + u"</p>\n"_s;
    return html;
}

} // namespace

QByteArray html(const ExportSet &set, const Options &options)
{
    QString out = u"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<title>Highlights</title>\n<style>\n"
                  "body{font-family:Georgia,'DejaVu Serif',serif;max-width:42em;margin:2em auto;"
                  "line-height:1.5;color:#1f2328}\n"
                  "blockquote{margin:1em 0 .3em;padding:.3em .8em;border-left:4px solid}\n"
                  ".meta{color:#57606a;font-size:.9em;margin:.2em 0}\n"
                  ".tag{background:#eef1f4;border-radius:3px;padding:0 .3em}\n"
                  ".note{margin:.2em 0 1em;font-style:italic}\n"
                  "h2{page-break-before:auto;margin-top:2em}\n"
                  "@media print{body{margin:0}a{color:inherit}}\n"
                  "</style>\n</head>\n<body>\n<h1>Highlights</h1>\n"_s;
    if (!options.groupByTag) {
        out += u"<nav><h2>Contents</h2><ol>\n"_s;
        for (int i = 0; i < set.articles.size(); ++i)
            out += u"<li><a href=\"#a%1\">%2</a></li>\n"_s.arg(i).arg(
                escaped(set.articles.at(i).article.title));
        out += u"</ol></nav>\n"_s;
        for (int i = 0; i < set.articles.size(); ++i) {
            const ExportArticle &entry = set.articles.at(i);
            const Article &article = entry.article;
            out += u"<h2 id=\"a%1\">%2</h2>\n"_s.arg(i).arg(escaped(article.title));
            QStringList details;
            if (article.date.isValid())
                details.append(article.date.toString(Qt::ISODate));
            if (!article.authors.isEmpty())
                details.append(escaped(article.authors.join(u", "_s)));
            details.append(escaped(article.url.isEmpty() ? article.sourcePath : article.url));
            out += u"<p class=\"meta\">"_s + details.join(u" · "_s) + u"</p>\n"_s;
            for (const ExportHighlight &highlight : entry.highlights)
                out += highlightBlock(highlight, QString());
        }
    } else {
        const QMap<QString, QList<ExportSet::Placed>> byTag = set.byTag();
        for (auto it = byTag.cbegin(); it != byTag.cend(); ++it) {
            out += u"<h2>"_s + (it.key().isEmpty() ? u"Untagged"_s : escaped(it.key()))
                + u"</h2>\n"_s;
            for (const auto &[article, highlight] : it.value())
                out += highlightBlock(
                    *highlight, u"<cite>"_s + escaped(article->article.title) + u"</cite>"_s);
        }
    }
    out += u"</body>\n</html>\n"_s;
    return out.toUtf8();
}

} // namespace Exporters
