#include "inputformats.h"
#include "articleparser.h"
#include "formatreaders.h"
#include "nexisparser.h"

#include <QCoreApplication>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 Unlimited = std::numeric_limits<qint64>::max();
// Formats read from the file a part at a time may be larger than those read whole.
constexpr qint64 Gigabyte = qint64(1) << 30;

QString tr(const char *text)
{
    return QCoreApplication::translate("InputFormats", text);
}

} // namespace

QString InputFormat::displayName() const
{
    return QCoreApplication::translate("InputFormats", name);
}

QString InputFormat::pluralName() const
{
    return QCoreApplication::translate("InputFormats", plural);
}

namespace InputFormats {

const QList<InputFormat> &all()
{
    // The order is the order of recognition: decisive signatures first, then, for a shared
    // suffix, the formats with a content test before the one that takes what is left.
    static const QList<InputFormat> formats = {
        {
            ArticleFormat::Pdf,
            u"pdf"_s,
            QT_TRANSLATE_NOOP("InputFormats", "PDF"),
            QT_TRANSLATE_NOOP("InputFormats", "PDF documents"),
            { u"pdf"_s },
            QT_TRANSLATE_NOOP("InputFormats",
                "\"%PDF-\" at the start, whatever the name; its text layer, one article"),
            &FormatReaders::looksLikePdf,
            true,
            ItemUnit::None,
            Gigabyte,
            true,
            &FormatReaders::readPdf,
        },
        {
            ArticleFormat::Word,
            u"word"_s,
            QT_TRANSLATE_NOOP("InputFormats", "Word document"),
            QT_TRANSLATE_NOOP("InputFormats", "Word documents"),
            { u"docx"_s },
            QT_TRANSLATE_NOOP("InputFormats",
                "a ZIP signature, whatever the name; a Nexis export inside gives its articles"),
            &FormatReaders::looksLikeZip,
            true,
            ItemUnit::None,
            Gigabyte,
            true,
            &FormatReaders::readWord,
        },
        {
            ArticleFormat::Rtf,
            u"rtf"_s,
            QT_TRANSLATE_NOOP("InputFormats", "RTF document"),
            QT_TRANSLATE_NOOP("InputFormats", "RTF documents"),
            { u"rtf"_s },
            QT_TRANSLATE_NOOP("InputFormats",
                "\"{\\rtf\" at the start, whatever the name; a Nexis export inside gives its "
                "articles"),
            &FormatReaders::looksLikeRtf,
            true,
            ItemUnit::None,
            ArticleParser::MaximumFileSize,
            false,
            &FormatReaders::readRtf,
        },
        {
            ArticleFormat::Nexis,
            u"nexis"_s,
            QT_TRANSLATE_NOOP("InputFormats", "Nexis export"),
            QT_TRANSLATE_NOOP("InputFormats", "Nexis exports"),
            { u"txt"_s, u"text"_s, u"docx"_s, u"rtf"_s },
            QT_TRANSLATE_NOOP("InputFormats",
                "many articles: \"N of M DOCUMENTS\" lines, or Nexis Uni's \"Body\" and "
                "\"End of Document\""),
            &Nexis::looksLikeHead,
            false,
            ItemUnit::Document,
            ArticleParser::MaximumFileSize,
            false,
            &FormatReaders::readNexisText,
        },
        {
            ArticleFormat::NewsDump,
            u"news-dump"_s,
            QT_TRANSLATE_NOOP("InputFormats", "news dump"),
            QT_TRANSLATE_NOOP("InputFormats", "News dumps"),
            { u"txt"_s, u"text"_s },
            QT_TRANSLATE_NOOP("InputFormats", "text whose first line starts \"date YYYY-MM-DD\""),
            &FormatReaders::looksLikeNewsDump,
            false,
            ItemUnit::None,
            ArticleParser::MaximumFileSize,
            false,
            &FormatReaders::readNewsDump,
        },
        {
            ArticleFormat::PlainText,
            u"plain-text"_s,
            QT_TRANSLATE_NOOP("InputFormats", "plain text"),
            QT_TRANSLATE_NOOP("InputFormats", "Plain text"),
            { u"txt"_s, u"text"_s },
            QT_TRANSLATE_NOOP("InputFormats", "any other text; also files of unknown suffix"),
            nullptr,
            false,
            ItemUnit::None,
            ArticleParser::MaximumFileSize,
            false,
            &FormatReaders::readPlainText,
        },
        {
            ArticleFormat::Markdown,
            u"markdown"_s,
            QT_TRANSLATE_NOOP("InputFormats", "Markdown"),
            QT_TRANSLATE_NOOP("InputFormats", "Markdown"),
            { u"md"_s, u"markdown"_s },
            QT_TRANSLATE_NOOP("InputFormats", "the suffix"),
            nullptr,
            false,
            ItemUnit::None,
            ArticleParser::MaximumFileSize,
            false,
            &FormatReaders::readMarkdown,
        },
        {
            ArticleFormat::Html,
            u"html"_s,
            QT_TRANSLATE_NOOP("InputFormats", "web page"),
            QT_TRANSLATE_NOOP("InputFormats", "Web pages"),
            { u"html"_s, u"htm"_s, u"xhtml"_s },
            QT_TRANSLATE_NOOP("InputFormats", "the suffix"),
            nullptr,
            false,
            ItemUnit::None,
            ArticleParser::MaximumFileSize,
            false,
            &FormatReaders::readHtml,
        },
        {
            ArticleFormat::JsonLines,
            u"json-lines"_s,
            QT_TRANSLATE_NOOP("InputFormats", "JSON Lines"),
            QT_TRANSLATE_NOOP("InputFormats", "JSON Lines corpora"),
            { u"jsonl"_s, u"ndjson"_s },
            QT_TRANSLATE_NOOP("InputFormats", "the suffix; one article per line"),
            nullptr,
            false,
            ItemUnit::Line,
            Unlimited,
            true,
            &FormatReaders::readJsonLines,
        },
    };
    return formats;
}

const InputFormat &of(ArticleFormat id)
{
    for (const InputFormat &format : all()) {
        if (format.id == id)
            return format;
    }
    // A format without its entry is a programming error, told at its first use, never read
    // silently as another format.
    qFatal("ArticleFormat %d has no entry in InputFormats::all()", int(id));
}

const InputFormat *byKey(QStringView key)
{
    for (const InputFormat &format : all()) {
        if (format.key == key)
            return &format;
    }
    return nullptr;
}

const InputFormat *fromStored(QStringView value)
{
    if (const InputFormat *format = byKey(value))
        return format;
    // The labels schema versions 1 to 4 stored; frozen, like the migration that replaces them.
    static const QList<QPair<QString, ArticleFormat>> labels = {
        { u"news dump"_s, ArticleFormat::NewsDump },
        { u"plain text"_s, ArticleFormat::PlainText },
        { u"Markdown"_s, ArticleFormat::Markdown },
        { u"web page"_s, ArticleFormat::Html },
        { u"JSON Lines"_s, ArticleFormat::JsonLines },
    };
    for (const auto &[label, id] : labels) {
        if (label == value)
            return &of(id);
    }
    return nullptr;
}

const InputFormat &forFile(const QString &fileName, QByteArrayView head)
{
    const QList<InputFormat> &formats = all();
    for (const InputFormat &format : formats) {
        if (format.decisive && format.recognises && format.recognises(head))
            return format;
    }
    QString suffix = QFileInfo(fileName).suffix().toLower();
    // A file named explicitly whatever its suffix is read as the text it most likely is.
    if (!suffixes().contains(suffix))
        suffix = u"txt"_s;
    // A format whose signature is missing still owns its suffix: a damaged .docx is told
    // that it is not a ZIP archive rather than read as text.
    for (const InputFormat &format : formats) {
        if (!format.suffixes.contains(suffix))
            continue;
        if (!format.recognises || format.decisive || format.recognises(head))
            return format;
    }
    return of(ArticleFormat::PlainText);
}

bool isSupportedFileName(const QString &fileName)
{
    const QFileInfo info(fileName);
    if (info.fileName().startsWith(u'.'))
        return false;
    return suffixes().contains(info.suffix().toLower());
}

QStringList suffixes()
{
    static const QStringList all = [] {
        QStringList list;
        for (const InputFormat &format : InputFormats::all()) {
            for (const QString &suffix : format.suffixes) {
                if (!list.contains(suffix))
                    list.append(suffix);
            }
        }
        return list;
    }();
    return all;
}

namespace {

QString patterns(const QStringList &suffixes)
{
    QStringList globs;
    for (const QString &suffix : suffixes)
        globs.append(u"*."_s + suffix);
    return globs.join(u' ');
}

} // namespace

QString fileDialogFilter()
{
    QStringList filters = { tr("Articles (%1)").arg(patterns(suffixes())) };
    for (const InputFormat &format : all())
        filters.append(u"%1 (%2)"_s.arg(format.pluralName(), patterns(format.suffixes)));
    filters.append(tr("All files (*)"));
    return filters.join(u";;"_s);
}

QString helpText()
{
    QString text = tr("Formats (a file is read as the first that fits its content and suffix):");
    text += u'\n';
    for (const InputFormat &format : all()) {
        QStringList dotted;
        for (const QString &suffix : format.suffixes)
            dotted.append(u'.' + suffix);
        text += u"  %1  %2  %3\n"_s.arg(format.displayName().leftJustified(13),
            dotted.join(u' ').leftJustified(22), tr(format.recognition));
    }
    text.chop(1);
    return text;
}

} // namespace InputFormats
