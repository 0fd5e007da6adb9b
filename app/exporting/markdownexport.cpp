#include "exporters.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Exporters {

QString escapeMarkdown(const QString &text)
{
    // Backslash-escaping ASCII punctuation is always literal in CommonMark; these are the
    // characters that could start markup anywhere in a line.
    static const QString inline_ = u"\\`*_[]<>#~|&!"_s;
    QString out;
    out.reserve(text.size() + 8);
    bool lineStart = true;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\n') {
            out += c;
            lineStart = true;
            continue;
        }
        // At a line's start "-", "+", "=" and "1." would make a list or a heading.
        if (lineStart) {
            if (c == u'-' || c == u'+' || c == u'=') {
                out += u'\\';
            } else if (c.isDigit()) {
                qsizetype j = i;
                while (j < text.size() && text.at(j).isDigit())
                    ++j;
                if (j < text.size() && (text.at(j) == u'.' || text.at(j) == u')')) {
                    out += text.mid(i, j - i) + u'\\' + text.at(j);
                    i = j;
                    lineStart = false;
                    continue;
                }
            }
        }
        if (inline_.contains(c))
            out += u'\\';
        out += c;
        lineStart = lineStart && c.isSpace();
    }
    return out;
}

QString obsidianTag(const QString &path)
{
    QString tag;
    for (const QString &level : path.split(u'/', Qt::SkipEmptyParts)) {
        QString cleaned;
        for (QChar c : level.simplified()) {
            if (c.isLetterOrNumber() || c == u'_' || c == u'-')
                cleaned += c;
            else if (c.isSpace())
                cleaned += u'_';
        }
        if (cleaned.isEmpty())
            continue;
        if (!tag.isEmpty())
            tag += u'/';
        tag += cleaned;
    }
    // A tag of digits alone is not a tag in Obsidian.
    if (!tag.isEmpty()
        && std::all_of(tag.cbegin(), tag.cend(), [](QChar c) { return c.isDigit() || c == u'/'; }))
        tag.prepend(u'_');
    return tag.isEmpty() ? QString() : u'#' + tag;
}

namespace {

QString yamlString(const QString &value)
{
    QString escaped = value;
    escaped.replace(u'\\', u"\\\\"_s);
    escaped.replace(u'"', u"\\\""_s);
    escaped.replace(u'\n', u"\\n"_s);
    return u'"' + escaped + u'"';
}

// Notes are the user's Markdown: kept, except raw HTML, which must not run in a note app.
QString noteMarkdown(const QString &note)
{
    QString out = note;
    out.replace(u'<', u"\\<"_s);
    return out;
}

QString sourceOf(const Article &article)
{
    return article.url.isEmpty() ? article.sourcePath : article.url;
}

void writeHighlight(QString &out, const ExportHighlight &entry, const QString &articleLine)
{
    const Highlight &highlight = entry.highlight;
    for (const QString &line : highlight.anchor.exact.split(u'\n'))
        out += u"> "_s + escapeMarkdown(line) + u'\n';
    out += u'\n';
    QStringList meta;
    QStringList tags;
    for (const QString &path : entry.tagPaths) {
        const QString tag = obsidianTag(path);
        if (!tag.isEmpty())
            tags.append(tag);
    }
    if (!tags.isEmpty())
        meta.append(tags.join(u' '));
    if (!entry.speaker.isEmpty())
        meta.append(u"Speaker: "_s + escapeMarkdown(entry.speaker));
    if (highlight.status == AnchorStatus::Orphaned)
        meta.append(u"*(orphaned: its text is no longer in the article)*"_s);
    if (!articleLine.isEmpty())
        meta.append(articleLine);
    if (!meta.isEmpty())
        out += meta.join(u" · "_s) + u"\n\n"_s;
    if (!highlight.note.trimmed().isEmpty())
        out += noteMarkdown(highlight.note.trimmed()) + u"\n\n"_s;
}

QString articleReference(const Article &article)
{
    QString reference = u"*"_s + escapeMarkdown(article.title) + u'*';
    if (article.date.isValid())
        reference += u", "_s + article.date.toString(Qt::ISODate);
    return reference;
}

} // namespace

QByteArray markdown(const ExportSet &set, const Options &options)
{
    QString out;
    QStringList allTags;
    for (const ExportArticle &entry : set.articles) {
        for (const ExportHighlight &highlight : entry.highlights)
            allTags += highlight.tagPaths;
    }
    allTags.removeDuplicates();
    allTags.sort(Qt::CaseInsensitive);

    out += u"---\n"_s;
    if (set.articles.size() == 1) {
        const Article &article = set.articles.front().article;
        out += u"title: "_s + yamlString(article.title) + u'\n';
        if (article.date.isValid())
            out += u"date: "_s + article.date.toString(Qt::ISODate) + u'\n';
        out += u"source: "_s + yamlString(sourceOf(article)) + u'\n';
    } else {
        out += u"title: \"Highlights\"\n"_s;
        out += u"articles: "_s + QString::number(set.articles.size()) + u'\n';
    }
    out += u"tags:"_s;
    if (allTags.isEmpty())
        out += u" []\n"_s;
    else {
        out += u'\n';
        for (const QString &tag : std::as_const(allTags))
            out += u"  - "_s + yamlString(obsidianTag(tag).mid(1)) + u'\n';
    }
    out += u"---\n\n"_s;

    if (!options.groupByTag) {
        for (const ExportArticle &entry : set.articles) {
            const Article &article = entry.article;
            out += u"# "_s + escapeMarkdown(article.title) + u"\n\n"_s;
            QStringList details;
            if (article.date.isValid())
                details.append(article.date.toString(Qt::ISODate));
            if (!article.authors.isEmpty())
                details.append(escapeMarkdown(article.authors.join(u", "_s)));
            details.append(escapeMarkdown(sourceOf(article)));
            out += details.join(u" · "_s) + u"\n\n"_s;
            for (const ExportHighlight &highlight : entry.highlights)
                writeHighlight(out, highlight, QString());
        }
        return out.toUtf8();
    }

    const QMap<QString, QList<ExportSet::Placed>> byTag = set.byTag();
    for (auto it = byTag.cbegin(); it != byTag.cend(); ++it) {
        out += u"# "_s + (it.key().isEmpty() ? u"Untagged"_s : escapeMarkdown(it.key()))
            + u"\n\n"_s;
        for (const auto &[article, highlight] : it.value())
            writeHighlight(out, *highlight, articleReference(article->article));
    }
    return out.toUtf8();
}

QList<QPair<QString, QByteArray>> markdownPerArticle(const ExportSet &set)
{
    QList<QPair<QString, QByteArray>> files;
    QSet<QString> taken;
    for (const ExportArticle &entry : set.articles) {
        QString base;
        for (QChar c : entry.article.title.simplified()) {
            if (c.isLetterOrNumber() || c == u' ' || c == u'-' || c == u'_' || c == u'.')
                base += c;
        }
        base = base.left(80).trimmed();
        if (base.isEmpty() || base.startsWith(u'.'))
            base = u"article-%1"_s.arg(entry.article.id);
        QString name = base + u".md"_s;
        for (int n = 2; taken.contains(name.toLower()); ++n)
            name = u"%1 (%2).md"_s.arg(base).arg(n);
        taken.insert(name.toLower());
        ExportSet one;
        one.articles = { entry };
        one.colorNames = set.colorNames;
        one.tags = set.tags;
        files.append({ name, markdown(one) });
    }
    return files;
}

Result<int> writeMarkdownFolder(const QString &folder, const ExportSet &set)
{
    if (QFileInfo(folder).exists() && !QFileInfo(folder).isDir())
        return ResultError(QCoreApplication::translate(
            "Exporters", "“%1” is a file; one file per article needs a folder.")
                               .arg(folder));
    if (!QDir().mkpath(folder))
        return ResultError(
            QCoreApplication::translate("Exporters", "Cannot create the folder “%1”.").arg(folder));
    int written = 0;
    for (const auto &[name, bytes] : markdownPerArticle(set)) {
        if (auto done = writeAtomically(QDir(folder).filePath(name), bytes); !done)
            return done.failure();
        ++written;
    }
    return written;
}

} // namespace Exporters
