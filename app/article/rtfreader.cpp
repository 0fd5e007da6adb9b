#include "rtfreader.h"
#include "formatreaders.h"
#include "textdecoder.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringDecoder>
#include <QVarLengthArray>

using namespace Qt::StringLiterals;

namespace RtfReader {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RtfReader", text);
}

/// What text inside a group is: the document's, part of \info, or nothing to keep.
enum class Target : char { Text, Skip, Title, Author, Created };

struct Group
{
    Target target = Target::Text;
    int skipAfterUnicode = 1; ///< \ucN: characters that stand in for each \uN
    bool centred = false;
    bool heading = false;
};

/// Destinations whose content is not text: skipped with everything in them.
bool isSkippedDestination(QByteArrayView word)
{
    static const QList<QByteArrayView> destinations = { "fonttbl", "colortbl", "stylesheet",
        "listtable", "listoverridetable", "revtbl", "rsidtbl", "generator", "xmlnstbl", "themedata",
        "colorschememapping", "datastore", "latentstyles", "filetbl", "pgdsctbl", "pict", "object",
        "objdata", "header", "headerl", "headerr", "headerf", "footer", "footerl", "footerr",
        "footerf", "footnote", "annotation", "atnid", "atnauthor", "fldinst", "bkmkstart",
        "bkmkend", "shpinst", "shptxt", "nonshppict", "ftnsep", "ftnsepc", "aftnsep", "aftnsepc",
        "docvar", "template", "falt", "panose", "pntext", "pntxta", "pntxtb", "xe", "tc", "txe",
        "userprops", "listpicture", "mmathPr", "wgrffmtfilter", "passwordhash", "protusertbl",
        "defchp", "defpap", "background", "oldcprops", "oldpprops", "oldtprops", "oldsprops",
        "pnseclvl", "fchars", "lchars" };
    return destinations.contains(word);
}

/// The character a control word stands for, or 0.
char16_t characterOf(QByteArrayView word)
{
    static const QHash<QByteArray, char16_t> characters = {
        { "emdash", 0x2014 },
        { "endash", 0x2013 },
        { "lquote", 0x2018 },
        { "rquote", 0x2019 },
        { "ldblquote", 0x201C },
        { "rdblquote", 0x201D },
        { "bullet", 0x2022 },
        { "emspace", u' ' },
        { "enspace", u' ' },
        { "qmspace", u' ' },
        { "tab", u'\t' },
        { "line", u'\n' },
        { "lbr", u'\n' },
    };
    return characters.value(word.toByteArray(), 0);
}

/// The code page an RTF document declares, as a decoder of its \'hh bytes.
class CodePage
{
public:
    void set(int number)
    {
        m_number = number;
        m_decoder = QStringDecoder();
        if (number == 1252 || number <= 0)
            return;
        const QByteArray names[] = { "windows-" + QByteArray::number(number),
            "cp" + QByteArray::number(number), "IBM" + QByteArray::number(number) };
        for (const QByteArray &name : names) {
            QStringDecoder decoder(name.constData());
            if (decoder.isValid()) {
                m_decoder = std::move(decoder);
                return;
            }
        }
    }

    QString decode(QByteArrayView bytes)
    {
        // Windows-1252 is what nearly every RTF writer declares; it also stands in for a
        // code page this system has no decoder for.
        if (!m_decoder.isValid())
            return decodeWindows1252(bytes);
        return m_decoder.decode(bytes);
    }

private:
    int m_number = 1252;
    QStringDecoder m_decoder;
};

class Parser
{
public:
    explicit Parser(QByteArrayView rtf)
        : m_rtf(rtf)
    { }

    Result<DocumentText> run();

private:
    void controlWord(QByteArrayView word, bool hasParameter, int parameter);
    void append(QChar c);
    void appendBytes();
    void endParagraph();

    QByteArrayView m_rtf;
    qsizetype m_at = 0;
    Group m_group;
    QVarLengthArray<Group, 32> m_stack;
    bool m_groupStart = false; ///< the control word just read opens its group
    bool m_ignorable = false; ///< "\*": the group is a destination to skip unless known
    int m_infoDepth = -1; ///< how many groups enclose the open \info group, or -1
    int m_pendingSkip = 0; ///< characters still to skip after a \uN
    QByteArray m_bytes; ///< \'hh bytes not decoded yet (a character may take two)
    CodePage m_codePage;
    QString m_paragraph;
    QString m_title;
    QString m_author;
    int m_created[3] = { 0, 0, 0 }; ///< year, month, day of \creatim
    DocumentText m_document;
};

void Parser::appendBytes()
{
    if (m_bytes.isEmpty())
        return;
    const QString text = m_codePage.decode(m_bytes);
    m_bytes.clear();
    for (QChar c : text)
        append(c);
}

void Parser::append(QChar c)
{
    switch (m_group.target) {
    case Target::Text:
        m_paragraph += c;
        break;
    case Target::Title:
        m_title += c;
        break;
    case Target::Author:
        m_author += c;
        break;
    case Target::Skip:
    case Target::Created:
        break;
    }
}

void Parser::endParagraph()
{
    appendBytes();
    for (QStringView part : QStringView(m_paragraph).split(u'\n')) {
        TextLine line;
        line.text = simplifyLine(cleanText(part.toString()));
        line.centred = m_group.centred && !line.text.isEmpty();
        line.heading = m_group.heading && !line.text.isEmpty();
        m_document.lines.append(std::move(line));
    }
    m_paragraph.clear();
}

void Parser::controlWord(QByteArrayView word, bool hasParameter, int parameter)
{
    const bool opening = m_groupStart;
    m_groupStart = false;
    if (opening) {
        // Text directly in \info is not the document's; of its parts three are kept.
        if (word == "info") {
            m_infoDepth = int(m_stack.size());
            m_group.target = Target::Skip;
            m_ignorable = false;
            return;
        }
        if ((word == "title" || word == "author" || word == "creatim") && m_infoDepth >= 0
            && m_stack.size() == m_infoDepth + 1) {
            m_group.target = word == "title" ? Target::Title
                : word == "author"           ? Target::Author
                                             : Target::Created;
            m_ignorable = false;
            return;
        }
        if (m_ignorable || isSkippedDestination(word)) {
            m_group.target = Target::Skip;
            m_ignorable = false;
            return;
        }
    }
    m_ignorable = false;
    if (const char16_t c = characterOf(word)) {
        appendBytes();
        append(QChar(c));
        return;
    }
    if (word == "par" || word == "sect" || word == "page" || word == "cell" || word == "row"
        || word == "nestcell" || word == "nestrow") {
        if (m_group.target == Target::Text)
            endParagraph();
        return;
    }
    if (word == "u" && hasParameter) {
        appendBytes();
        // A signed 16-bit value; surrogate pairs come as two of them.
        append(QChar(char16_t(parameter < 0 ? parameter + 65536 : parameter)));
        m_pendingSkip = m_group.skipAfterUnicode;
        return;
    }
    if (word == "uc" && hasParameter) {
        m_group.skipAfterUnicode = std::clamp(parameter, 0, 8);
    } else if (word == "pard") {
        m_group.centred = false;
        m_group.heading = false;
    } else if (word == "qc") {
        m_group.centred = true;
    } else if (word == "ql" || word == "qr" || word == "qj" || word == "qd") {
        m_group.centred = false;
    } else if (word == "outlinelevel") {
        m_group.heading = true;
    } else if (word == "ansicpg" && hasParameter) {
        m_codePage.set(parameter);
    } else if (word == "mac") {
        m_codePage.set(10000);
    } else if (word == "pc") {
        m_codePage.set(437);
    } else if (word == "pca") {
        m_codePage.set(850);
    } else if (m_group.target == Target::Created && hasParameter) {
        if (word == "yr")
            m_created[0] = parameter;
        else if (word == "mo")
            m_created[1] = parameter;
        else if (word == "dy")
            m_created[2] = parameter;
    } else if (word == "bin" && hasParameter) {
        // Binary data: its length is given, and none of it is text.
        m_at = std::min(m_rtf.size(), m_at + std::max(0, parameter));
    }
}

Result<DocumentText> Parser::run()
{
    const qsizetype size = m_rtf.size();
    while (m_at < size) {
        const char c = m_rtf.at(m_at++);
        if (c == '{') {
            appendBytes();
            m_pendingSkip = 0;
            if (m_stack.size() >= MaximumDepth) {
                return ResultError(tr("The RTF document nests its groups more than %1 deep; it "
                                      "is not a document Gloss can read.")
                                       .arg(MaximumDepth),
                    ErrorKind::InvalidInput);
            }
            m_stack.append(m_group);
            m_groupStart = true;
            continue;
        }
        if (c == '}') {
            appendBytes();
            m_pendingSkip = 0;
            m_groupStart = false;
            m_ignorable = false;
            if (m_infoDepth == m_stack.size())
                m_infoDepth = -1;
            if (m_stack.isEmpty())
                break; // the document's own group is closed: anything after it is not RTF
            // Paragraph properties belong to groups too, but a paragraph ends at \par: text
            // written before the group closes keeps the properties it was written with.
            m_group = m_stack.back();
            m_stack.removeLast();
            continue;
        }
        if (c == '\\' && m_at < size) {
            const char next = m_rtf.at(m_at);
            if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z')) {
                const qsizetype start = m_at;
                while (m_at < size && m_at - start < 32
                    && ((m_rtf.at(m_at) >= 'a' && m_rtf.at(m_at) <= 'z')
                        || (m_rtf.at(m_at) >= 'A' && m_rtf.at(m_at) <= 'Z')))
                    ++m_at;
                const QByteArrayView word = m_rtf.sliced(start, m_at - start);
                bool negative = false;
                bool hasParameter = false;
                qint64 parameter = 0;
                if (m_at < size && m_rtf.at(m_at) == '-') {
                    negative = true;
                    ++m_at;
                }
                const qsizetype digits = m_at;
                while (m_at < size && m_at - digits < 10 && m_rtf.at(m_at) >= '0'
                    && m_rtf.at(m_at) <= '9') {
                    parameter = parameter * 10 + (m_rtf.at(m_at) - '0');
                    ++m_at;
                    hasParameter = true;
                }
                if (m_at < size && m_rtf.at(m_at) == ' ')
                    ++m_at; // the delimiter belongs to the control word
                m_pendingSkip = 0;
                appendBytes();
                controlWord(word, hasParameter,
                    int(std::clamp<qint64>(negative ? -parameter : parameter, -65535, 2147483647)));
                continue;
            }
            ++m_at;
            // "{\*\destination": the group still opens with the control word after the star.
            if (next != '*')
                m_groupStart = false;
            switch (next) {
            case '\'': {
                // A byte in the code page: two hex digits.
                int value = 0;
                int read = 0;
                while (read < 2 && m_at < size) {
                    const char h = m_rtf.at(m_at);
                    const int digit = (h >= '0' && h <= '9') ? h - '0'
                        : (h >= 'a' && h <= 'f')             ? h - 'a' + 10
                        : (h >= 'A' && h <= 'F')             ? h - 'A' + 10
                                                             : -1;
                    if (digit < 0)
                        break;
                    value = value * 16 + digit;
                    ++m_at;
                    ++read;
                }
                if (m_pendingSkip > 0) {
                    --m_pendingSkip;
                    break;
                }
                if (read > 0)
                    m_bytes.append(char(value));
                break;
            }
            case '*':
                m_ignorable = true;
                break;
            case '~':
                appendBytes();
                append(QChar(0x00A0));
                break;
            case '_':
                appendBytes();
                append(QChar(0x2011));
                break;
            case '-': // an optional hyphen, shown only where a line breaks
                break;
            case '\n':
            case '\r':
                if (m_group.target == Target::Text)
                    endParagraph();
                break;
            case '\\':
            case '{':
            case '}':
                appendBytes();
                if (m_pendingSkip > 0)
                    --m_pendingSkip;
                else
                    append(QChar::fromLatin1(next));
                break;
            default:
                break;
            }
            continue;
        }
        if (c == '\r' || c == '\n')
            continue;
        m_groupStart = false;
        if (m_pendingSkip > 0) {
            --m_pendingSkip;
            continue;
        }
        if (static_cast<unsigned char>(c) >= 0x80) {
            // Some writers put the code page's bytes in as they are.
            m_bytes.append(c);
            continue;
        }
        appendBytes();
        append(QChar::fromLatin1(c == '\t' ? ' ' : c));
    }
    if (!m_paragraph.isEmpty() || !m_bytes.isEmpty())
        endParagraph();
    m_document.title = simplifyLine(cleanText(m_title));
    m_document.author = simplifyLine(cleanText(m_author));
    m_document.date = QDate(m_created[0], m_created[1], m_created[2]);
    return std::move(m_document);
}

} // namespace

bool looksLikeRtf(QByteArrayView head)
{
    qsizetype i = 0;
    if (head.startsWith("\xEF\xBB\xBF"))
        i = 3;
    while (i < head.size()
        && (head.at(i) == ' ' || head.at(i) == '\r' || head.at(i) == '\n' || head.at(i) == '\t'))
        ++i;
    return head.sliced(i).startsWith("{\\rtf");
}

Result<DocumentText> read(QByteArrayView rtf)
{
    if (!looksLikeRtf(rtf.first(std::min<qsizetype>(rtf.size(), 64))))
        return ResultError(tr("The file is not an RTF document (it does not start with {\\rtf)."),
            ErrorKind::InvalidInput);
    return Parser(rtf).run();
}

} // namespace RtfReader

namespace FormatReaders {

bool looksLikeRtf(QByteArrayView head)
{
    return RtfReader::looksLikeRtf(head);
}

void readRtf(const FormatInput &input, FormatOutput &output)
{
    Result<DocumentText> text = RtfReader::read(*input.bytes);
    if (!text) {
        output.fail(text.error());
        return;
    }
    deliverDocument(*text, ArticleFormat::Rtf, output);
}

} // namespace FormatReaders
