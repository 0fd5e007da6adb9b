#include "nexisparser.h"
#include "datelines.h"
#include "formatreaders.h"
#include "textblocks.h"
#include "textdecoder.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

#include <optional>

using namespace Qt::StringLiterals;

namespace Nexis {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Nexis", text);
}

/// What a labelled field says about the article; the rest are kept out of the body only.
enum class Role {
    Byline,
    Section,
    Length,
    Headline,
    Dateline,
    LoadDate,
    Language,
    Body, ///< "BODY:" or "TEXT:": the body starts with its value
    Trailing, ///< a field of the part after the body (publication type, subject, graphic…)
    Other,
};

struct Field
{
    Role role = Role::Other;
    QString value;
    bool known = false; ///< a label Nexis is known to print, not merely one in capitals
    bool capitals = false; ///< the label is in capitals, as classic exports print them
};

const QHash<QString, Role> &knownLabels()
{
    // Labels in lower case, as classic exports print them in capitals and Nexis Uni in title
    // case, in the languages Nexis is used in.
    static const QHash<QString, Role> labels = [] {
        QHash<QString, Role> table;
        const QList<QPair<Role, QStringList>> groups = {
            { Role::Byline,
                { u"byline"_s, u"author"_s, u"authors"_s, u"autor"_s, u"autoren"_s, u"auteur"_s,
                    u"auteurs"_s, u"autore"_s } },
            { Role::Section,
                { u"section"_s, u"rubrik"_s, u"rubrique"_s, u"seccion"_s, u"sección"_s,
                    u"sezione"_s, u"rubriek"_s, u"sectie"_s, u"column"_s } },
            { Role::Length,
                { u"length"_s, u"länge"_s, u"lange"_s, u"longueur"_s, u"longitud"_s, u"lunghezza"_s,
                    u"lengte"_s, u"umfang"_s } },
            { Role::Headline,
                { u"headline"_s, u"title"_s, u"titel"_s, u"titre"_s, u"titulo"_s, u"título"_s,
                    u"titolo"_s, u"überschrift"_s } },
            { Role::Dateline, { u"dateline"_s, u"ortsmarke"_s } },
            { Role::LoadDate,
                { u"load-date"_s, u"load date"_s, u"date-chargement"_s, u"ladedatum"_s,
                    u"fecha de carga"_s } },
            { Role::Language,
                { u"language"_s, u"sprache"_s, u"langue"_s, u"idioma"_s, u"lingua"_s, u"taal"_s } },
            { Role::Body,
                { u"body"_s, u"text"_s, u"texte"_s, u"tekst"_s, u"cuerpo"_s, u"testo"_s } },
            { Role::Trailing,
                { u"publication-type"_s, u"publication type"_s, u"pub-type"_s,
                    u"type-publication"_s, u"publikationstyp"_s, u"journal-code"_s,
                    u"journal code"_s, u"graphic"_s, u"grafik"_s, u"graphique"_s, u"subject"_s,
                    u"sujet"_s, u"thema"_s, u"organization"_s, u"organisation"_s, u"person"_s,
                    u"persons"_s, u"geographic"_s, u"city"_s, u"state"_s, u"country"_s,
                    u"company"_s, u"companies"_s, u"ticker"_s, u"industry"_s, u"document-type"_s,
                    u"document type"_s, u"url"_s, u"correction"_s, u"correction-date"_s,
                    u"distribution"_s, u"series"_s, u"type"_s, u"notes"_s, u"update"_s, u"acc-no"_s,
                    u"descriptors"_s, u"keywords"_s, u"illustration"_s, u"photo"_s, u"copyright"_s,
                    u"classification"_s } },
            { Role::Other,
                { u"highlight"_s, u"edition"_s, u"ausgabe"_s, u"source"_s, u"quelle"_s, u"origin"_s,
                    u"version"_s } },
        };
        for (const auto &[role, names] : groups) {
            for (const QString &name : names)
                table.insert(name, role);
        }
        return table;
    }();
    return labels;
}

/// A labelled field at the start of a line ("BYLINE: Andrew Sparrow", "Length: 355 words"):
/// a known label in any case, or an unknown one in capitals (which only counts where fields
/// are expected).
std::optional<Field> fieldOf(const QString &line)
{
    const qsizetype colon = line.indexOf(u':');
    if (colon < 2 || colon > 32)
        return std::nullopt;
    const QStringView label = QStringView(line).first(colon).trimmed();
    for (QChar c : label) {
        if (!c.isLetter() && c != u'-' && c != u' ' && c != u'\'')
            return std::nullopt;
    }
    Field field;
    field.value = line.mid(colon + 1).trimmed();
    field.capitals = label.toString().toUpper() == label;
    const auto known = knownLabels().constFind(label.toString().toLower());
    if (known != knownLabels().constEnd()) {
        field.role = *known;
        field.known = true;
        return field;
    }
    // "JOURNAL-CODE:", "ACC-NO:": capitals, at most two words, no lower case at all.
    if (label.size() < 3 || label.count(u' ') > 1 || !field.capitals)
        return std::nullopt;
    return field;
}

/// A field of the part before the body: byline, section, length, dateline, headline…
bool isLeading(const Field &field)
{
    return field.known && field.role != Role::Trailing && field.role != Role::LoadDate
        && field.role != Role::Language;
}

bool isRights(const QString &line)
{
    static const QRegularExpression rights(
        uR"(^(copyright\b|©|\(c\)\s*\d{4}|all rights reserved\.?$|alle rechte vorbehalten\.?$|tous droits réservés\.?$|todos los derechos reservados\.?$|tutti i diritti riservati\.?$))"_s,
        QRegularExpression::CaseInsensitiveOption);
    return rights.match(line).hasMatch();
}

bool isOneOf(const QString &line, std::initializer_list<const char16_t *> words)
{
    if (line.size() > 24)
        return false;
    const QString lower = line.toLower();
    for (const char16_t *word : words) {
        if (lower == QStringView(word))
            return true;
    }
    return false;
}

/// Nexis Uni's heading before the body.
bool isBodyHeading(const QString &line)
{
    return isOneOf(line, { u"body", u"text", u"texte", u"corps", u"tekst", u"cuerpo", u"corpo" });
}

/// Nexis Uni's headings of what follows the body.
bool isAfterBodyHeading(const QString &line)
{
    // Not "Notes": a crosshead of that name in an article must not end its text.
    return isOneOf(line,
        { u"classification", u"klassifikation", u"klassifizierung", u"classificatie", u"classement",
            u"clasificación", u"classificazione", u"graphic", u"grafik", u"graphique" });
}

bool isDocumentEnd(const QString &line)
{
    return isOneOf(line,
        { u"end of document", u"ende des dokuments", u"fin du document", u"einde document",
            u"einde van document", u"fin del documento", u"fine del documento",
            u"fim do documento" });
}

/// "1 of 10 DOCUMENTS", "FOCUS - 3 of 120 DOCUMENTS", "Dokument 2 von 35".
bool isClassicSeparator(const QString &line)
{
    if (line.size() > 60)
        return false;
    static const QRegularExpression separator(
        uR"(^(?:focus\s*-\s*)?(?:\d+\s+(?:of|von|de|van|di|sur|af|av|z)\s+\d+\s+(?:documents?|dokumente?|documentos?|documenten|documenti|dokumenter)|(?:dokument|document|documento)\s+\d+\s+(?:von|de|di|of|van|sur)\s+\d+)$)"_s,
        QRegularExpression::CaseInsensitiveOption);
    return separator.match(line).hasMatch();
}

/// An edition line after the date: "Late Edition - Final", "Edition 1;", "3 Star Edition".
bool looksLikeEdition(const QString &line)
{
    static const QRegularExpression edition(
        uR"(\b(edition|ausgabe|édition|edición|edizione|editie|final|late|early|star)\b|;$)"_s,
        QRegularExpression::CaseInsensitiveOption);
    return line.size() <= 60 && edition.match(line).hasMatch();
}

struct Document
{
    qsizetype begin = 0;
    qsizetype end = 0; ///< exclusive
    bool classic = false; ///< found by a classic separator
};

/// The documents of the text, before parsing them: after each classic separator, or between
/// Nexis Uni's "End of Document" lines. What precedes the first is a cover page.
QList<Document> documentsOf(const QList<TextLine> &lines)
{
    QList<Document> documents;
    qsizetype start = -1;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (isClassicSeparator(lines.at(i).text)) {
            if (start >= 0)
                documents.append({ start, i, true });
            start = i + 1;
        }
    }
    if (start >= 0) {
        documents.append({ start, lines.size(), true });
        return documents;
    }
    start = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (isDocumentEnd(lines.at(i).text)) {
            documents.append({ start, i });
            start = i + 1;
        }
    }
    // After the last end only blank lines, or one document that lacks its end.
    for (qsizetype i = start; i < lines.size(); ++i) {
        if (isBodyHeading(lines.at(i).text)) {
            documents.append({ start, lines.size() });
            break;
        }
    }
    return documents;
}

/// Reads one document: finds its parts by the lines' roles, then builds the article.
class DocumentReader
{
public:
    DocumentReader(const DocumentText &text, const Document &range)
        : m_lines(text.lines)
        , m_wrapped(text.wrapped)
        , m_begin(range.begin)
        , m_end(range.end)
        , m_classic(range.classic)
    { }

    Result<Article> read(const QString &fallbackTitle);

private:
    const TextLine &line(qsizetype i) const { return m_lines.at(i); }
    bool blank(qsizetype i) const { return m_lines.at(i).text.isEmpty(); }

    /// The header between start and end: outlet, date line, edition, headline, in the
    /// classic order (outlet first) or Nexis Uni's (headline first).
    void readHeader(qsizetype start, qsizetype end, bool uni);
    void readField(const Field &field);
    /// Fields from start on, as long as lines are fields (or, wrapped, go on a field's value);
    /// returns where the body starts.
    qsizetype readLeadingFields(qsizetype start);
    /// Where the header ends in a document with no fields at all.
    qsizetype headerEndWithoutFields() const;
    /// The body's paragraphs between start and end, without the fields and copyright after it.
    void readBody(qsizetype start, qsizetype end);

    const QList<TextLine> &m_lines;
    bool m_wrapped;
    qsizetype m_begin;
    qsizetype m_end;
    bool m_classic;

    QString m_outlet;
    QString m_dateLine;
    QString m_headline;
    QString m_headlineField;
    QString m_byline;
    QString m_loadDate;
    QStringList m_rawHeader;
    QList<Paragraph> m_body;
};

void DocumentReader::readField(const Field &field)
{
    switch (field.role) {
    case Role::Byline:
        if (m_byline.isEmpty())
            m_byline = field.value;
        break;
    case Role::Headline:
        if (m_headlineField.isEmpty())
            m_headlineField = field.value;
        break;
    case Role::LoadDate:
        if (m_loadDate.isEmpty())
            m_loadDate = field.value;
        break;
    default:
        break;
    }
}

void DocumentReader::readHeader(qsizetype start, qsizetype end, bool uni)
{
    // The lines that are neither fields nor the copyright notice, in order. Only the fields
    // that come before a body count here: a headline such as "Update: talks resume" is not
    // the "UPDATE:" of the part after the body.
    QList<qsizetype> header;
    for (qsizetype i = start; i < end; ++i) {
        if (blank(i) || isRights(line(i).text))
            continue;
        if (const std::optional<Field> field = fieldOf(line(i).text); field && isLeading(*field)) {
            readField(*field);
            continue;
        }
        header.append(i);
    }
    if (header.isEmpty())
        return;
    auto joined = [&](qsizetype from, qsizetype to) {
        QStringList parts;
        for (qsizetype k = from; k < to; ++k)
            parts.append(line(header.at(k)).text);
        return parts.join(u' ');
    };
    if (uni) {
        // Headline, outlet, date line, and only those, just before the fields: whatever
        // comes earlier is the cover page. The date line is found by its form, or else by
        // its place.
        qsizetype date = header.size() - 1;
        for (qsizetype k = header.size() - 1; k >= std::max<qsizetype>(0, header.size() - 4); --k) {
            if (DateLines::isDateLine(line(header.at(k)).text)) {
                date = k;
                break;
            }
        }
        m_dateLine = line(header.at(date)).text;
        if (date >= 2) {
            m_outlet = line(header.at(date - 1)).text;
            m_headline = line(header.at(date - 2)).text;
        } else if (date == 1) {
            m_headline = line(header.at(0)).text;
        }
        const qsizetype first = header.at(std::max<qsizetype>(0, date - 2));
        for (qsizetype i = first; i < end; ++i) {
            if (!blank(i))
                m_rawHeader.append(line(i).text);
        }
        return;
    }
    for (qsizetype i = start; i < end; ++i) {
        if (!blank(i))
            m_rawHeader.append(line(i).text);
    }
    qsizetype date = -1;
    for (qsizetype k = 0; k < std::min<qsizetype>(header.size(), 8); ++k) {
        if (DateLines::isDateLine(line(header.at(k)).text)) {
            date = k;
            break;
        }
    }
    qsizetype headline = 0;
    if (date < 0) {
        // No date line: an outlet, if there is more than a headline, then perhaps an edition.
        if (header.size() > 1) {
            m_outlet = line(header.front()).text;
            headline = 1;
        }
    } else {
        m_outlet = joined(0, date);
        m_dateLine = line(header.at(date)).text;
        headline = date + 1;
    }
    // The edition follows the date: centred like it, on the lines right under it, or named
    // as one; the headline is what is left, or at least the last line.
    while (headline + 1 < header.size()) {
        const qsizetype at = header.at(headline);
        const bool underDate = m_wrapped && date >= 0 && at == header.at(headline - 1) + 1;
        if (!(line(at).centred || underDate || looksLikeEdition(line(at).text)))
            break;
        ++headline;
    }
    m_headline = joined(headline, header.size());
}

qsizetype DocumentReader::readLeadingFields(qsizetype start)
{
    qsizetype i = start;
    bool open = false; // a field whose value may go on over the next lines
    Role openRole = Role::Other;
    while (i < m_end) {
        if (blank(i)) {
            open = false;
            ++i;
            continue;
        }
        // Fields of the part after the body come here too in some exports ("UPDATE:"), but
        // only in capitals: "Update: the minister has resigned" begins the text.
        const std::optional<Field> field = fieldOf(line(i).text);
        if (field && (isLeading(*field) || (field->known && field->capitals))) {
            m_rawHeader.append(line(i).text);
            if (field->role == Role::Body) {
                if (!field->value.isEmpty())
                    m_body.append({ ParagraphKind::Paragraph, field->value });
                return i + 1;
            }
            readField(*field);
            open = m_wrapped
                && (field->role == Role::Byline || field->role == Role::Headline
                    || field->role == Role::Other);
            openRole = field->role;
            ++i;
            continue;
        }
        if (!open)
            return i;
        // A byline or a highlight wrapped onto the next line.
        m_rawHeader.append(line(i).text);
        if (openRole == Role::Byline)
            m_byline += u' ' + line(i).text;
        else if (openRole == Role::Headline)
            m_headlineField += u' ' + line(i).text;
        ++i;
    }
    return i;
}

void DocumentReader::readBody(qsizetype start, qsizetype end)
{
    // Paragraphs: a line each, or in a wrapped file the lines up to a blank one. A known
    // field starts a paragraph of its own, so that one right under the text is still seen.
    struct Block
    {
        QString text;
        std::optional<Field> field;
        bool rights = false;
    };
    QList<Block> blocks;
    for (qsizetype i = start; i < end; ++i) {
        if (blank(i))
            continue;
        const QString &text = line(i).text;
        std::optional<Field> field = fieldOf(text);
        const bool continues = m_wrapped && i > start && !blank(i - 1) && !blocks.isEmpty()
            && !(field && field->known);
        if (continues) {
            blocks.back().text += u' ' + text;
            continue;
        }
        const bool rights = isRights(text);
        blocks.append({ text, std::move(field), rights });
    }
    auto closing = [](const Block &block) {
        return block.field && block.field->known
            && (block.field->role == Role::Trailing || block.field->role == Role::LoadDate
                || block.field->role == Role::Language);
    };
    // The part after the body starts at its first field ("LOAD-DATE:", "LANGUAGE:",
    // "GRAPHIC:"…), provided nothing after it reads like text: among those fields there are
    // only short lines (a credit wrapped onto its own line), copyright and other fields.
    qsizetype cut = blocks.size();
    for (qsizetype k = blocks.size() - 1; k >= 1; --k) {
        const Block &block = blocks.at(k);
        if (closing(block))
            cut = k;
        else if (!block.rights && !block.field && block.text.size() > 200)
            break;
    }
    // Whatever the body ends with, the copyright notice and fields in capitals are not text.
    while (cut > 0 && (blocks.at(cut - 1).rights || blocks.at(cut - 1).field))
        --cut;
    for (qsizetype k = cut; k < blocks.size(); ++k) {
        if (blocks.at(k).field)
            readField(*blocks.at(k).field);
    }
    for (qsizetype k = 0; k < cut; ++k) {
        Paragraph paragraph;
        paragraph.text = blocks.at(k).text;
        paragraph.kind = TextBlocks::looksLikeCaption(paragraph.text) ? ParagraphKind::Caption
                                                                      : ParagraphKind::Paragraph;
        m_body.append(paragraph);
    }
}

qsizetype DocumentReader::headerEndWithoutFields() const
{
    // The header ends with the first paragraph after the date line's own (which holds the
    // edition): that is the headline. Without a date line, the first paragraph is.
    qsizetype i = m_begin;
    bool dated = false;
    for (int paragraphs = 0; i < m_end && paragraphs < 8; ++paragraphs) {
        while (i < m_end && blank(i))
            ++i;
        if (i >= m_end)
            break;
        qsizetype next = i + 1;
        while (m_wrapped && next < m_end && !blank(next))
            ++next;
        bool dateHere = false;
        for (qsizetype k = i; k < next && !dateHere; ++k)
            dateHere = DateLines::isDateLine(line(k).text);
        const bool edition = line(i).centred || looksLikeEdition(line(i).text);
        if (dated && !dateHere && !edition)
            return next;
        dated = dated || dateHere;
        if (!dated && paragraphs >= 3)
            break;
        i = next;
    }
    // No date near the top: the first paragraph is the headline.
    i = m_begin;
    while (i < m_end && blank(i))
        ++i;
    qsizetype next = std::min(i + 1, m_end);
    while (m_wrapped && next < m_end && !blank(next))
        ++next;
    return next;
}

Result<Article> DocumentReader::read(const QString &fallbackTitle)
{
    // Nexis Uni's "Body" heading. The classic layout has none: after a classic separator,
    // "Text" or "Body" alone on a line is the article's own crosshead.
    qsizetype bodyHeading = -1;
    for (qsizetype i = m_begin; i < m_end && !m_classic; ++i) {
        if (isBodyHeading(line(i).text)) {
            bodyHeading = i;
            break;
        }
    }
    if (bodyHeading >= 0) {
        readHeader(m_begin, bodyHeading, true);
        qsizetype end = bodyHeading + 1;
        while (end < m_end && !isAfterBodyHeading(line(end).text))
            ++end;
        readBody(bodyHeading + 1, end);
        for (qsizetype i = end; i < m_end; ++i) {
            if (const std::optional<Field> field = fieldOf(line(i).text))
                readField(*field);
        }
    } else {
        // The fields before the body come within the first lines; those of the part after
        // the body do not mark the header's end.
        qsizetype firstField = -1;
        int seen = 0;
        for (qsizetype i = m_begin; i < m_end && seen < 40; ++i) {
            if (blank(i))
                continue;
            ++seen;
            if (const std::optional<Field> field = fieldOf(line(i).text);
                field && isLeading(*field)) {
                firstField = i;
                break;
            }
        }
        if (firstField < 0)
            firstField = headerEndWithoutFields();
        readHeader(m_begin, firstField, false);
        readBody(readLeadingFields(firstField), m_end);
    }

    if (m_body.isEmpty())
        return ResultError(tr("The document has no article text."), ErrorKind::InvalidInput);
    Article article;
    article.format = ArticleFormat::Nexis;
    article.title = simplifyLine(m_headlineField.isEmpty() ? m_headline : m_headlineField);
    if (article.title.isEmpty())
        article.title = fallbackTitle;
    article.date = DateLines::parse(m_dateLine);
    if (!article.date.isValid() && !m_loadDate.isEmpty())
        article.date = DateLines::parse(m_loadDate);
    // "The Guardian(London)": Nexis Uni leaves out the space.
    static const QRegularExpression glued(uR"((\w)\()"_s);
    article.site = simplifyLine(QString(m_outlet).replace(glued, u"\\1 ("_s));
    article.authors = authorsFromByline(m_byline);
    article.rawHeader = m_rawHeader.join(u'\n');
    article.paragraphs = std::move(m_body);
    return article;
}

bool lineLooksLikeUniField(const QString &line)
{
    static const QRegularExpression field(uR"(^(Byline|Length|Load-Date|Section):\s)"_s);
    return field.match(line).hasMatch();
}

} // namespace

bool looksLike(const DocumentText &text)
{
    bool body = false;
    bool end = false;
    bool field = false;
    for (const TextLine &line : text.lines) {
        if (isClassicSeparator(line.text))
            return true;
        body = body || isBodyHeading(line.text);
        end = end || isDocumentEnd(line.text);
        field = field || lineLooksLikeUniField(line.text);
        if (body && (end || field))
            return true;
    }
    return false;
}

bool looksLikeHead(QByteArrayView head)
{
    const QString text = FormatReaders::headText(head);
    bool body = false;
    bool end = false;
    bool field = false;
    for (QStringView raw : QStringView(text).split(u'\n')) {
        const QString line = simplifyLine(raw.trimmed().toString());
        if (line.size() > 60 || line.isEmpty())
            continue;
        if (isClassicSeparator(line))
            return true;
        body = body || isBodyHeading(line);
        end = end || isDocumentEnd(line);
        field = field || lineLooksLikeUniField(line);
        if (body && (end || field))
            return true;
    }
    return false;
}

void read(const DocumentText &text, const QString &fileName, const DocumentSink &sink)
{
    const QList<Document> documents = documentsOf(text.lines);
    const QString base = TextBlocks::titleFromFileName(fileName);
    int number = 0;
    for (const Document &document : documents) {
        ++number;
        DocumentReader reader(text, document);
        Result<Article> article = reader.read(tr("%1, document %2").arg(base).arg(number));
        if (!sink(number, std::move(article)))
            return;
    }
}

QStringList authorsFromByline(const QString &byline)
{
    QString text = simplifyLine(byline);
    // Roles in brackets ("(now)", "(earlier)") and a leading "By".
    static const QRegularExpression brackets(uR"(\s*\([^)]*\))"_s);
    text.remove(brackets);
    static const QRegularExpression by(
        uR"(^(by|von|par|por|di|door|de)\s+)"_s, QRegularExpression::CaseInsensitiveOption);
    text.remove(by);
    static const QRegularExpression separators(
        uR"(\s*(?:;|,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b)\s*)"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression role(
        uR"(\b(correspondent|editor|reporter|writer|columnist|staff|contributor|critic|analyst|bureau|chief|redakteur|korrespondent|correspondant|rédacteur)s?\b)"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression place(uR"(\s+(in|at|from|aus|en|à)\s+[\p{Lu}].*$)"_s);
    QStringList names;
    for (QString part : text.split(separators, Qt::SkipEmptyParts)) {
        part = part.trimmed();
        part.remove(place);
        // "Defence Correspondent" is what the person is, not who.
        if (role.match(part).hasMatch()) {
            const qsizetype at = role.match(part).capturedStart();
            QStringList words = part.left(at).split(u' ', Qt::SkipEmptyParts);
            // "Political Editor" alone goes; "Lisa O'Carroll Brexit correspondent" keeps the
            // name before the role's own words.
            while (words.size() > 2)
                words.removeLast();
            part = words.size() >= 2 ? words.join(u' ') : QString();
        }
        part = part.trimmed();
        if (part.isEmpty() || part.size() > 60)
            continue;
        // "STEPHEN POLLARD" reads as "Stephen Pollard"; mixed case stays as printed.
        if (part == part.toUpper() && part != part.toLower()) {
            QStringList words = part.toLower().split(u' ');
            for (QString &word : words) {
                for (qsizetype i = 0; i < word.size(); ++i) {
                    if (i == 0 || word.at(i - 1) == u'-' || word.at(i - 1) == u'\'')
                        word[i] = word.at(i).toUpper();
                }
            }
            part = words.join(u' ');
        }
        if (!names.contains(part))
            names.append(part);
    }
    return names;
}

DocumentText linesOfText(const QString &text)
{
    DocumentText document;
    int longLines = 0;
    int lines = 0;
    for (QStringView raw : QStringView(text).split(u'\n')) {
        qsizetype indent = 0;
        while (indent < raw.size() && raw.at(indent).isSpace())
            ++indent;
        TextLine line;
        line.text = simplifyLine(raw.toString());
        // Classic exports centre the outlet, the date and the copyright with spaces.
        line.centred = !line.text.isEmpty() && indent >= 8;
        if (!line.text.isEmpty()) {
            ++lines;
            if (line.text.size() > 100)
                ++longLines;
        }
        document.lines.append(std::move(line));
    }
    // An export wrapped at 80 columns has hardly a long line; one that writes a paragraph a
    // line has many.
    document.wrapped = longLines * 20 < lines;
    return document;
}

} // namespace Nexis

namespace FormatReaders {

void deliverNexis(const DocumentText &text, FormatOutput &output)
{
    bool any = false;
    Nexis::read(text, output.path(), [&](int number, Result<Article> &&article) {
        any = true;
        if (!article) {
            output.fail(article.error(), number, ItemUnit::Document);
            return true;
        }
        return output.deliver(std::move(*article), number);
    });
    if (!any)
        output.fail(QCoreApplication::translate("Nexis", "The export holds no documents."));
}

void readNexisText(const FormatInput &input, FormatOutput &output)
{
    Result<DecodedText> text = decodeText(*input.bytes);
    if (!text) {
        output.fail(text.error());
        return;
    }
    if (!text->warning.isEmpty())
        output.warn(text->warning);
    deliverNexis(Nexis::linesOfText(text->text), output);
}

} // namespace FormatReaders
