#include "exporters.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>
#include <QSet>

#include <optional>

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

namespace {

/// Whether the character at i is escaped by the backslashes before it (an odd number).
bool escapedAt(const QString &text, qsizetype i)
{
    qsizetype backslashes = 0;
    while (i - backslashes - 1 >= 0 && text.at(i - backslashes - 1) == u'\\')
        ++backslashes;
    return backslashes % 2 == 1;
}

/// A link destination as a browser would follow it: character references decoded, backslash
/// escapes dropped, and the whitespace and control characters browsers strip from URLs
/// removed, in lower case. Obfuscations of a scheme ("java&#9;script:", "&#106;avascript:")
/// come out plain.
QString followedUrl(const QString &destination)
{
    QString url;
    for (qsizetype i = 0; i < destination.size(); ++i) {
        QChar c = destination.at(i);
        if (c == u'\\' && i + 1 < destination.size() && destination.at(i + 1).isPunct()) {
            c = destination.at(++i);
        } else if (c == u'&') {
            const qsizetype end = destination.indexOf(u';', i);
            if (end > i && end - i <= 32) {
                const QString name = destination.mid(i + 1, end - i - 1);
                bool ok = true;
                char32_t code = U'?'; // an unknown name: no letter of a safe scheme
                if (name.startsWith(u"#x"_s, Qt::CaseInsensitive))
                    code = name.mid(2).toUInt(&ok, 16);
                else if (name.startsWith(u'#'))
                    code = name.mid(1).toUInt(&ok, 10);
                else if (name.compare(u"colon"_s, Qt::CaseInsensitive) == 0)
                    code = U':';
                else if (name.compare(u"tab"_s, Qt::CaseInsensitive) == 0
                    || name.compare(u"newline"_s, Qt::CaseInsensitive) == 0)
                    code = U' ';
                if (ok && code <= 0x10FFFF) {
                    url += QString::fromUcs4(&code, 1).toLower();
                    i = end;
                    continue;
                }
            }
        }
        if (c.unicode() <= 0x20 || c.category() == QChar::Other_Control
            || c.category() == QChar::Other_Format)
            continue;
        url += c.toLower();
    }
    url.remove(u' ');
    while (url.startsWith(u'<'))
        url.remove(0, 1);
    return url;
}

/// Links Markdown may keep: the web, mail, and places inside the document or relative to it
/// (no scheme before the first "/", "?" or "#").
bool safeUrl(const QString &destination)
{
    const QString url = followedUrl(destination);
    for (const QString &scheme : { u"http:"_s, u"https:"_s, u"mailto:"_s }) {
        if (url.startsWith(scheme))
            return true;
    }
    const qsizetype colon = url.indexOf(u':');
    if (colon < 0)
        return true;
    for (const QChar stop : { u'/', u'?', u'#' }) {
        const qsizetype at = url.indexOf(stop);
        if (at >= 0 && at < colon)
            return true;
    }
    return false;
}

/// The destination after "](" (balanced parentheses, as CommonMark allows), or after "]:";
/// nothing when it runs past the longest a link is let be, so a note of brackets stays linear.
std::optional<QString> destinationAfter(const QString &text, qsizetype from, bool parenthesised)
{
    constexpr qsizetype Longest = 4096;
    const qsizetype limit = std::min(text.size(), from + Longest);
    if (!parenthesised) {
        qsizetype start = from;
        while (start < limit && text.at(start).isSpace())
            ++start;
        qsizetype end = start;
        while (end < limit && !text.at(end).isSpace())
            ++end;
        if (end == limit && limit < text.size())
            return std::nullopt;
        return text.mid(start, end - start);
    }
    int depth = 1;
    for (qsizetype i = from; i < limit; ++i) {
        const QChar c = text.at(i);
        if (c == u'(' && !escapedAt(text, i))
            ++depth;
        else if (c == u')' && !escapedAt(text, i) && --depth == 0)
            return text.mid(from, i - from);
    }
    return limit < text.size() ? std::nullopt : std::optional<QString>(text.mid(from));
}

} // namespace

QString inertNoteMarkdown(const QString &note)
{
    QString out;
    out.reserve(note.size() + 16);
    for (qsizetype i = 0; i < note.size(); ++i) {
        const QChar c = note.at(i);
        // No raw HTML, comments or autolinks: an entity is text wherever it stands, and no
        // backslash the user wrote before it can turn it back into markup.
        if (c == u'<') {
            out += u"&lt;"_s;
            continue;
        }
        // Every inline link and image has "](" and every link definition "]:": when what
        // follows does not go somewhere safe, that bracket is escaped, and the whole shows as
        // the text it is (wherever its "[" was, however the text nests). References to a
        // definition broken this way stay text too.
        if (c == u']' && !escapedAt(note, i) && i + 1 < note.size()
            && (note.at(i + 1) == u'(' || note.at(i + 1) == u':')) {
            const std::optional<QString> destination
                = destinationAfter(note, i + 2, note.at(i + 1) == u'(');
            if (!destination || !safeUrl(*destination)) {
                out += u"\\]"_s;
                continue;
            }
        }
        out += c;
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
    // A double-quoted YAML scalar, with everything outside YAML's printable set escaped, and
    // the characters YAML reads as line breaks (CR, NEL, LS, PS) too: raw, they would end or
    // change the value. A lone surrogate cannot be written in UTF-8 at all.
    QString out = u"\""_s;
    out.reserve(value.size() + 2);
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char16_t c = value.at(i).unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < value.size()
            && value.at(i + 1).isLowSurrogate()) {
            out += value.at(i);
            out += value.at(++i);
            continue;
        }
        switch (c) {
        case u'\\':
            out += u"\\\\"_s;
            continue;
        case u'"':
            out += u"\\\""_s;
            continue;
        case u'\n':
            out += u"\\n"_s;
            continue;
        case u'\r':
            out += u"\\r"_s;
            continue;
        case u'\t':
            out += u"\\t"_s;
            continue;
        case 0x85:
            out += u"\\N"_s;
            continue;
        case 0x2028:
            out += u"\\L"_s;
            continue;
        case 0x2029:
            out += u"\\P"_s;
            continue;
        default:
            break;
        }
        const bool printable = (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF)
            || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
        if (printable)
            out += QChar(c);
        else if (QChar::isSurrogate(c))
            out += u"\\uFFFD"_s;
        else
            out += u"\\u%1"_s.arg(uint(c), 4, 16, QChar(u'0'));
    }
    return out + u'"';
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
        out += inertNoteMarkdown(highlight.note.trimmed()) + u"\n\n"_s;
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
