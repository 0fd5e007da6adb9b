#include "refiproject.h"

#include "core/zipreader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <QStringDecoder>
#include <QXmlStreamReader>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RefiReader", text);
}

/// Where a project's files are: inside the archive, beside a bare .qde, or on disk where the
/// project says (relative:// to its base path, absolute://).
class ProjectFiles
{
public:
    std::optional<ZipReader> zip;
    QString projectPath; ///< the .qdpx or .qde
    QString basePath; ///< Project/@basePath, for relative:// paths
    QString sourcesFolder; ///< where the user says missing source files are

    /// A source's file: where the project says, else in the user's folder by its file name or
    /// by the source's name ("Interview 3.docx" → "Interview 3.txt").
    Result<QByteArray> read(const QString &reference, qint64 limit, const QString &sourceName) const
    {
        Result<QByteArray> found = read(reference, limit);
        if (found || sourcesFolder.isEmpty() || found.kind() != ErrorKind::NotFound)
            return found;
        const QDir folder(sourcesFolder);
        const QString fileName = reference.section(u'/', -1);
        const QString base = QFileInfo(sourceName).completeBaseName();
        QStringList names { fileName, sourceName, base + u".txt"_s };
        const QStringList present = folder.entryList(QDir::Files);
        for (const QString &name : std::as_const(names)) {
            for (const QString &candidate : present) {
                if (!name.isEmpty() && candidate.compare(name, Qt::CaseInsensitive) == 0
                    && !candidate.endsWith(u".docx"_s, Qt::CaseInsensitive))
                    return disk(folder.filePath(candidate), limit);
            }
        }
        return found;
    }

    Result<QByteArray> read(const QString &reference, qint64 limit) const
    {
        QString path = reference.trimmed();
        if (path.startsWith(u"internal://"_s, Qt::CaseInsensitive))
            return member(path.mid(11), limit);
        if (path.startsWith(u"relative://"_s, Qt::CaseInsensitive)) {
            const QString rest = path.mid(11);
            QStringList folders;
            if (!basePath.isEmpty())
                folders.append(basePath);
            // ATLAS.ti writes external media into a folder named after the export.
            const QFileInfo project(projectPath);
            folders.append(project.absoluteDir().filePath(project.completeBaseName() + u" Media"_s));
            folders.append(project.absolutePath());
            for (const QString &folder : std::as_const(folders)) {
                const QString candidate = QDir(folder).filePath(rest.startsWith(u'/') ? rest.mid(1) : rest);
                if (QFileInfo(candidate).isFile())
                    return disk(candidate, limit);
            }
            if (zip)
                return member(rest, limit);
            return ResultError(tr("its file “%1” is not beside the project").arg(rest), ErrorKind::NotFound);
        }
        if (path.startsWith(u"absolute://"_s, Qt::CaseInsensitive)) {
            QString file = path.mid(11);
            // absolute:///home/x (Unix) or absolute://E:/x (Windows)
            if (QFileInfo(file).isFile())
                return disk(file, limit);
            if (zip)
                return member(QFileInfo(file).fileName(), limit);
            return ResultError(tr("its file “%1” is not on this computer").arg(file), ErrorKind::NotFound);
        }
        if (path.startsWith(u"file:"_s, Qt::CaseInsensitive))
            return disk(QUrl(path).toLocalFile(), limit);
        // A bare name, as qc wrote them: in the sources folder, or at the top.
        if (zip)
            return member(path, limit);
        const QString beside = QFileInfo(projectPath).absoluteDir().filePath(path);
        if (QFileInfo(beside).isFile())
            return disk(beside, limit);
        const QString inSources = QFileInfo(projectPath).absoluteDir().filePath(u"sources/"_s + path);
        if (QFileInfo(inSources).isFile())
            return disk(inSources, limit);
        return ResultError(tr("its file “%1” is not beside the project").arg(path), ErrorKind::NotFound);
    }

private:
    /// Tools disagree on the folder's case ("sources", "Sources") and on whether there is one.
    Result<QByteArray> member(QString name, qint64 limit) const
    {
        while (name.startsWith(u'/'))
            name.remove(0, 1);
        for (const QString &candidate : { QString(u"sources/"_s + name), name }) {
            const QString stored = zip->findIgnoringCase(candidate);
            if (!stored.isEmpty())
                return zip->read(stored, limit);
        }
        // Anywhere in the archive, by its file name alone.
        const QString fileName = name.section(u'/', -1);
        for (const QString &stored : zip->names()) {
            if (stored.section(u'/', -1).compare(fileName, Qt::CaseInsensitive) == 0)
                return zip->read(stored, limit);
        }
        return ResultError(tr("its file “%1” is not in the archive").arg(name), ErrorKind::NotFound);
    }

    static Result<QByteArray> disk(const QString &path, qint64 limit)
    {
        const QFileInfo info(path);
        if (!info.isFile())
            return ResultError(tr("“%1” is not a regular file").arg(path), ErrorKind::NotFound);
        if (info.size() > limit)
            return ResultError(tr("“%1” is larger than %2 MB").arg(path).arg(limit >> 20),
                ErrorKind::InvalidInput);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return ResultError(tr("“%1” cannot be read: %2").arg(path, file.errorString()), ErrorKind::Io);
        return file.read(limit + 1);
    }
};

struct DecodedSource
{
    QString raw; ///< as decoded, the byte-order mark kept as U+FEFF
    bool ok = true;
};

/// A source's bytes as text: UTF-8 (with or without a byte-order mark), UTF-16 with one, else
/// Windows-1252. The mark is kept, since some tools count it as a position.
DecodedSource decode(const QByteArray &bytes)
{
    DecodedSource decoded;
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF")) {
        QStringDecoder utf16(bytes.startsWith("\xFF\xFE") ? QStringDecoder::Utf16LE
                                                           : QStringDecoder::Utf16BE,
            QStringDecoder::Flag::ConvertInitialBom);
        decoded.raw = utf16.decode(bytes);
        return decoded;
    }
    // The mark is taken off by hand and put back as U+FEFF: decoders differ on keeping it.
    const bool mark = bytes.startsWith("\xEF\xBB\xBF");
    const QByteArray rest = mark ? bytes.mid(3) : bytes;
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    decoded.raw = utf8.decode(rest);
    if (utf8.hasError()) {
        QStringDecoder windows("windows-1252");
        decoded.raw = windows.isValid() ? windows.decode(rest) : QString::fromLatin1(rest);
    }
    if (mark)
        decoded.raw.prepend(QChar(0xFEFF));
    return decoded;
}

/// The text Gloss stores: "\n" for every line break (CRLF, CR, LS, PS), tabs and form feeds as
/// spaces, no byte-order mark, no other control characters.
QString storedText(const QString &raw)
{
    QString out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char16_t u = raw.at(i).unicode();
        if (u == u'\r') {
            out += u'\n';
            if (i + 1 < raw.size() && raw.at(i + 1) == u'\n')
                ++i;
        } else if (u == u'\n' || u == 0x2028 || u == 0x2029) {
            out += u'\n';
        } else if (u == u'\t' || u == u'\f' || u == u'\v') {
            out += u' ';
        } else if (u >= 0x20 && (u < 0x7F || u >= 0xA0) && u != 0xFEFF) {
            out += raw.at(i);
        }
    }
    return out;
}

/// A position attribute: a whole number, or the sentence saying why it is not one.
std::optional<qint64> position(const QStringView value, QString &problem, const QString &which)
{
    static const QRegularExpression number(uR"(^\s*\+?(\d{1,12})\s*$)"_s);
    const QRegularExpressionMatch match = number.match(value);
    if (match.hasMatch())
        return match.captured(1).toLongLong();
    if (problem.isEmpty()) {
        const QString text = value.toString().trimmed();
        problem = text.isEmpty()
            ? tr("its %1 is missing").arg(which)
            : (text.startsWith(u'-') ? tr("its %1 (%2) is negative").arg(which, text)
                                     : tr("its %1 (“%2”) is not a whole number").arg(which, text.left(20)));
    }
    return std::nullopt;
}

QDateTime dateAttribute(const QXmlStreamAttributes &attributes, const QString &name)
{
    return QDateTime::fromString(attributes.value(name).toString().trimmed(), Qt::ISODate);
}

QString codeColor(QString color)
{
    color = color.trimmed().toLower();
    static const QRegularExpression rgb(uR"(^#[0-9a-f]{6}$)"_s);
    static const QRegularExpression shortRgb(uR"(^#[0-9a-f]{3}$)"_s);
    if (rgb.match(color).hasMatch())
        return color;
    if (shortRgb.match(color).hasMatch())
        return u"#%1%1%2%2%3%3"_s.arg(color.at(1)).arg(color.at(2)).arg(color.at(3));
    return {};
}

struct PendingNote
{
    QString text;
    QString path;
    /// A QualCoder-style note holds the span it annotates.
    qint64 start = -1;
    qint64 end = -1;
};

/// Reads project.qde element by element. Namespaces are ignored (tools write different
/// versions of the standard's); a DTD is refused, so no entity can expand.
class ProjectXml
{
public:
    ProjectXml(RefiProject &project, const ProjectFiles &files)
        : m_project(project)
        , m_files(files)
    { }

    Result<void> read(const QByteArray &xml)
    {
        QXmlStreamReader reader(xml);
        QStringList open; // the element names from the root
        int sourceDepth = -1; // depth of the text source being read, -1 outside one
        int otherSourceDepth = -1; // depth of a picture, audio, video or PDF source
        int noteDepth = -1;
        int selectionDepth = -1;
        QList<int> codeStack;
        QString currentNote;
        QString otherSourceName;
        while (!reader.atEnd()) {
            const QXmlStreamReader::TokenType token = reader.readNext();
            if (token == QXmlStreamReader::DTD)
                return ResultError(tr("project.qde declares a DTD, which REFI-QDA projects never "
                                      "need; it was not read."),
                    ErrorKind::InvalidInput);
            if (token == QXmlStreamReader::EndElement) {
                const QString name = reader.name().toString();
                const int depth = int(open.size());
                if (name == u"Code"_s && !codeStack.isEmpty()) {
                    codeStack.removeLast();
                }
                if (depth == selectionDepth)
                    selectionDepth = -1;
                if (depth == sourceDepth)
                    sourceDepth = -1;
                if (depth == otherSourceDepth)
                    otherSourceDepth = -1;
                if (depth == noteDepth)
                    noteDepth = -1;
                if (!open.isEmpty())
                    open.removeLast();
                continue;
            }
            if (token != QXmlStreamReader::StartElement)
                continue;
            open.append(reader.name().toString());
            if (open.size() > RefiReader::MaximumNesting)
                return ResultError(tr("project.qde nests elements more than %1 deep; it was not "
                                      "read.")
                                       .arg(RefiReader::MaximumNesting),
                    ErrorKind::InvalidInput);
            const QString name = open.back();
            const int depth = int(open.size());
            const QXmlStreamAttributes attributes = reader.attributes();
            const QString parent = depth >= 2 ? open.at(depth - 2) : QString();

            if (name == u"Project"_s && depth == 1) {
                m_project.name = attributes.value(u"name"_s).toString();
                m_project.origin = attributes.value(u"origin"_s).toString();
                m_basePath = attributes.value(u"basePath"_s).toString();
            } else if (name == u"User"_s) {
                m_project.users.insert(RefiProject::normalisedGuid(attributes.value(u"guid"_s).toString()),
                    attributes.value(u"name"_s).toString());
            } else if (name == u"Code"_s) {
                RefiCode code;
                code.guid = RefiProject::normalisedGuid(attributes.value(u"guid"_s).toString());
                code.name = attributes.value(u"name"_s).toString().trimmed().replace(u'/', u'-');
                if (code.name.isEmpty())
                    code.name = tr("Unnamed code");
                code.color = codeColor(attributes.value(u"color"_s).toString());
                code.codable = attributes.value(u"isCodable"_s).toString().trimmed() != u"false"_s;
                code.parent = codeStack.isEmpty() ? -1 : codeStack.back();
                code.path = code.parent < 0 ? code.name : m_project.codes.at(code.parent).path + u'/' + code.name;
                codeStack.append(int(m_project.codes.size()));
                m_project.codeIndex.insert(code.guid, int(m_project.codes.size()));
                m_project.codes.append(code);
            } else if (name == u"Description"_s && parent == u"Code"_s && !codeStack.isEmpty()) {
                m_project.codes[codeStack.back()].description = reader.readElementText().trimmed();
                open.removeLast();
            } else if ((name == u"TextSource"_s || (name == u"Representation"_s && parent == u"PDFSource"_s))
                && noteDepth < 0) {
                // A PDF's Representation is its plain text, which its text selections count
                // in (the Representation inside a PDF selection is only that region's text).
                RefiSource source;
                source.guid = RefiProject::normalisedGuid(attributes.value(u"guid"_s).toString());
                source.name = name == u"Representation"_s ? otherSourceName
                                                          : attributes.value(u"name"_s).toString();
                source.created = dateAttribute(attributes, u"creationDateTime"_s);
                source.modified = dateAttribute(attributes, u"modifiedDateTime"_s);
                const QString path = attributes.value(u"plainTextPath"_s).toString();
                if (!path.isEmpty())
                    loadText(source, path);
                m_project.sources.append(source);
                sourceDepth = depth;
            } else if (name == u"PlainTextContent"_s) {
                const QString text = reader.readElementText();
                open.removeLast();
                if (noteDepth > 0 && !currentNote.isEmpty())
                    m_notes[currentNote].text = text;
                else if (sourceDepth > 0 && m_project.sources.back().rawText.isEmpty())
                    setText(m_project.sources.back(), text, false);
            } else if (name == u"PlainTextSelection"_s && noteDepth > 0 && !currentNote.isEmpty()) {
                // QualCoder's notes hold the span of the source that refers to them.
                QString ignored;
                PendingNote &note = m_notes[currentNote];
                note.start = position(attributes.value(u"startPosition"_s), ignored, QString()).value_or(-1);
                note.end = position(attributes.value(u"endPosition"_s), ignored, QString()).value_or(-1);
            } else if (name == u"PlainTextSelection"_s && sourceDepth > 0) {
                if (++m_selections > RefiReader::MaximumSelections)
                    return ResultError(tr("The project holds more than %L1 selections, more than "
                                          "Gloss reads from one project.")
                                           .arg(RefiReader::MaximumSelections),
                        ErrorKind::InvalidInput);
                RefiSelection selection;
                selection.guid = RefiProject::normalisedGuid(attributes.value(u"guid"_s).toString());
                selection.name = attributes.value(u"name"_s).toString();
                const std::optional<qint64> start = position(
                    attributes.value(u"startPosition"_s), selection.positionProblem, tr("start position"));
                const std::optional<qint64> end = position(
                    attributes.value(u"endPosition"_s), selection.positionProblem, tr("end position"));
                if (start && end && *end < *start && selection.positionProblem.isEmpty())
                    selection.positionProblem
                        = tr("it ends (%1) before it starts (%2)").arg(*end).arg(*start);
                if (start && end && selection.positionProblem.isEmpty()) {
                    selection.start = *start;
                    selection.end = *end;
                }
                const QString user = RefiProject::normalisedGuid(
                    attributes.value(u"creatingUser"_s).isEmpty() ? attributes.value(u"modifyingUser"_s).toString()
                                                                  : attributes.value(u"creatingUser"_s).toString());
                selection.user = user;
                selection.created = dateAttribute(attributes, u"creationDateTime"_s);
                selection.modified = dateAttribute(attributes, u"modifiedDateTime"_s);
                m_project.sources.back().selections.append(selection);
                m_selectionIndex.insert(selection.guid,
                    { int(m_project.sources.size()) - 1, int(m_project.sources.back().selections.size()) - 1 });
                selectionDepth = depth;
            } else if (name == u"Description"_s && sourceDepth > 0 && selectionDepth < 0
                && depth == sourceDepth + 1) {
                m_project.sources.back().description = reader.readElementText().trimmed();
                open.removeLast();
            } else if (name == u"Description"_s && selectionDepth > 0 && depth == selectionDepth + 1) {
                m_project.sources.back().selections.back().description = reader.readElementText().trimmed();
                open.removeLast();
            } else if (name == u"Coding"_s && selectionDepth > 0) {
                if (m_project.sources.back().selections.back().user.isEmpty())
                    m_project.sources.back().selections.back().user = RefiProject::normalisedGuid(
                        attributes.value(u"creatingUser"_s).toString());
            } else if (name == u"CodeRef"_s && selectionDepth > 0) {
                m_project.sources.back().selections.back().codeGuids.append(
                    RefiProject::normalisedGuid(attributes.value(u"targetGUID"_s).toString()));
            } else if (name == u"CodeRef"_s && sourceDepth > 0 && parent == u"Coding"_s) {
                m_project.sources.back().wholeSourceCodes.append(
                    RefiProject::normalisedGuid(attributes.value(u"targetGUID"_s).toString()));
            } else if (name == u"NoteRef"_s && selectionDepth > 0) {
                m_selectionNotes.append({ { int(m_project.sources.size()) - 1,
                                              int(m_project.sources.back().selections.size()) - 1 },
                    RefiProject::normalisedGuid(attributes.value(u"targetGUID"_s).toString()) });
            } else if (name == u"NoteRef"_s && sourceDepth > 0 && selectionDepth < 0) {
                m_sourceNotes.append({ int(m_project.sources.size()) - 1,
                    RefiProject::normalisedGuid(attributes.value(u"targetGUID"_s).toString()) });
            } else if (name == u"Note"_s) {
                currentNote = RefiProject::normalisedGuid(attributes.value(u"guid"_s).toString());
                PendingNote &note = m_notes[currentNote];
                note.path = attributes.value(u"plainTextPath"_s).toString();
                noteDepth = depth;
            } else if (name == u"Link"_s) {
                m_links.append({ RefiProject::normalisedGuid(attributes.value(u"originGUID"_s).toString()),
                    RefiProject::normalisedGuid(attributes.value(u"targetGUID"_s).toString()) });
            } else if (name == u"PDFSource"_s || name == u"PictureSource"_s
                || name == u"AudioSource"_s || name == u"VideoSource"_s) {
                otherSourceDepth = depth;
                otherSourceName = attributes.value(u"name"_s).toString();
            } else if (name == u"PDFSelection"_s || name == u"PictureSelection"_s
                || name == u"AudioSelection"_s || name == u"VideoSelection"_s
                || name == u"TranscriptSelection"_s) {
                ++m_mediaSelections[name];
            } else if (name == u"Case"_s || name == u"Set"_s || name == u"Variable"_s
                || name == u"Graph"_s) {
                ++m_unreadElements[name];
            }
        }
        if (reader.hasError()) {
            return ResultError(tr("project.qde is not well-formed XML (%1, line %2).")
                                   .arg(reader.errorString())
                                   .arg(reader.lineNumber()),
                ErrorKind::InvalidInput);
        }
        finish();
        return {};
    }

private:
    void setText(RefiSource &source, const QString &raw, bool fromFile)
    {
        Q_UNUSED(fromFile)
        source.rawText = raw;
        source.hadByteOrderMark = raw.startsWith(QChar(0xFEFF));
        source.hadCarriageReturns = raw.contains(u'\r');
        source.text = storedText(raw);
        source.missing.clear();
    }

    void loadText(RefiSource &source, const QString &path)
    {
        Result<QByteArray> bytes = m_files.read(path, RefiReader::MaximumSourceText, source.name);
        if (!bytes) {
            source.missing = bytes.error();
            return;
        }
        if (bytes->size() > RefiReader::MaximumSourceText) {
            source.missing = tr("its text is larger than %1 MB").arg(RefiReader::MaximumSourceText >> 20);
            return;
        }
        setText(source, decode(*bytes).raw, true);
    }

    QString noteText(const QString &guid)
    {
        auto it = m_notes.find(guid);
        if (it == m_notes.end())
            return {};
        if (it->text.isEmpty() && !it->path.isEmpty()) {
            Result<QByteArray> bytes = m_files.read(it->path, RefiReader::MaximumSourceText);
            if (bytes)
                it->text = storedText(decode(*bytes).raw);
        }
        return it->text.trimmed();
    }

    /// Notes reach selections three ways: a NoteRef in the selection; a Link between a note and
    /// a selection (NVivo); a NoteRef in the source to a note holding the span (QualCoder).
    void finish()
    {
        QSet<QString> used;
        for (const auto &[where, guid] : std::as_const(m_selectionNotes)) {
            const QString text = noteText(guid);
            if (!text.isEmpty()) {
                m_project.sources[where.first].selections[where.second].notes.append(text);
                used.insert(guid);
            }
        }
        for (const auto &[origin, target] : std::as_const(m_links)) {
            for (const auto &[note, selection] : { std::pair(origin, target), std::pair(target, origin) }) {
                const auto found = m_selectionIndex.constFind(selection);
                if (!m_notes.contains(note) || found == m_selectionIndex.cend())
                    continue;
                const QString text = noteText(note);
                if (!text.isEmpty()) {
                    m_project.sources[found->first].selections[found->second].notes.append(text);
                    used.insert(note);
                }
            }
        }
        for (const auto &[source, guid] : std::as_const(m_sourceNotes)) {
            const auto note = m_notes.constFind(guid);
            if (note == m_notes.cend())
                continue;
            const QString text = noteText(guid);
            if (text.isEmpty())
                continue;
            if (note->start >= 0 && note->end >= note->start) {
                RefiSelection selection;
                selection.guid = guid;
                selection.name = text.left(60);
                selection.start = note->start;
                selection.end = note->end;
                selection.notes.append(text);
                m_project.sources[source].selections.append(selection);
            } else {
                m_project.projectNotes.append(tr("Note on “%1”: %2").arg(m_project.sources[source].name, text));
            }
            used.insert(guid);
        }
        for (auto it = m_notes.cbegin(); it != m_notes.cend(); ++it) {
            if (!used.contains(it.key())) {
                const QString text = noteText(it.key());
                if (!text.isEmpty())
                    m_project.projectNotes.append(text);
            }
        }
        const QHash<QString, QString> kinds = { { u"PDFSelection"_s, tr("regions of PDF pages") },
            { u"PictureSelection"_s, tr("regions of pictures") },
            { u"AudioSelection"_s, tr("stretches of audio") },
            { u"VideoSelection"_s, tr("stretches of video") },
            { u"TranscriptSelection"_s, tr("stretches of transcripts") } };
        for (auto it = m_mediaSelections.cbegin(); it != m_mediaSelections.cend(); ++it)
            m_project.notRead.append(QCoreApplication::translate("RefiReader",
                "%n selection(s) of %1, which Gloss does not read.", nullptr, it.value())
                                          .arg(kinds.value(it.key())));
        const QHash<QString, QString> names = { { u"Case"_s, tr("cases") }, { u"Set"_s, tr("sets") },
            { u"Variable"_s, tr("variables") }, { u"Graph"_s, tr("graphs") } };
        for (auto it = m_unreadElements.cbegin(); it != m_unreadElements.cend(); ++it)
            m_project.notRead.append(tr("%1: %2, which Gloss does not read.").arg(names.value(it.key())).arg(it.value()));
    }

    RefiProject &m_project;
    const ProjectFiles &m_files;
    QString m_basePath;
    int m_selections = 0;
    QHash<QString, PendingNote> m_notes;
    QHash<QString, QPair<int, int>> m_selectionIndex;
    QList<std::pair<QPair<int, int>, QString>> m_selectionNotes;
    QList<std::pair<int, QString>> m_sourceNotes;
    QList<std::pair<QString, QString>> m_links;
    QHash<QString, int> m_mediaSelections;
    QHash<QString, int> m_unreadElements;

public:
    QString basePath() const { return m_basePath; }
};

} // namespace

QString RefiProject::normalisedGuid(const QString &guid)
{
    QString out = guid.trimmed().toLower();
    if (out.startsWith(u'{') && out.endsWith(u'}'))
        out = out.mid(1, out.size() - 2);
    return out;
}

namespace RefiReader {

Result<RefiProject> read(const QString &path, const QString &sourcesFolder)
{
    const QFileInfo info(path);
    if (!info.exists())
        return ResultError(tr("There is no file “%1”.").arg(path), ErrorKind::NotFound);
    if (!info.isFile())
        return ResultError(tr("“%1” is not a regular file.").arg(path), ErrorKind::InvalidInput);
    ProjectFiles files;
    files.projectPath = info.absoluteFilePath();
    files.sourcesFolder = sourcesFolder;
    QByteArray xml;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ResultError(tr("Cannot read “%1”: %2.").arg(path, file.errorString()), ErrorKind::Io);
    const QByteArray head = file.read(4);
    file.close();
    if (head.startsWith("PK\x03\x04") || head.startsWith("PK\x05\x06")) {
        Result<ZipReader> zip = ZipReader::open(path);
        if (!zip)
            return zip.failure();
        files.zip.emplace(std::move(*zip));
        // The project file: "project.qde" in any case at the top, else the one .qde there is.
        QString project = files.zip->findIgnoringCase(u"project.qde"_s);
        if (project.isEmpty()) {
            QStringList candidates;
            for (const QString &name : files.zip->names()) {
                if (name.endsWith(u".qde"_s, Qt::CaseInsensitive))
                    candidates.append(name);
            }
            if (candidates.isEmpty())
                return ResultError(tr("The archive holds no project file (.qde), so it is not a "
                                      "REFI-QDA project."),
                    ErrorKind::InvalidInput);
            project = candidates.front();
        }
        Result<QByteArray> read = files.zip->read(project, MaximumProjectXml);
        if (!read)
            return read.failure();
        xml = std::move(*read);
    } else {
        if (info.size() > MaximumProjectXml)
            return ResultError(tr("“%1” is larger than the %2 MB Gloss reads as a project.")
                                   .arg(path)
                                   .arg(MaximumProjectXml >> 20),
                ErrorKind::InvalidInput);
        if (!file.open(QIODevice::ReadOnly))
            return ResultError(tr("Cannot read “%1”: %2.").arg(path, file.errorString()), ErrorKind::Io);
        xml = file.read(MaximumProjectXml + 1);
    }
    // The base path is an attribute of the root, read before any source asks for a file.
    {
        QXmlStreamReader root(xml);
        while (!root.atEnd() && !root.isStartElement() && root.tokenType() != QXmlStreamReader::DTD)
            root.readNext();
        if (root.isStartElement() && root.name() == u"Project"_s)
            files.basePath = root.attributes().value(u"basePath"_s).toString();
        else if (root.isStartElement())
            return ResultError(tr("The file is not a REFI-QDA project (its root element is "
                                  "<%1>, not <Project>).")
                                   .arg(root.name().toString()),
                ErrorKind::InvalidInput);
        else if (root.tokenType() != QXmlStreamReader::DTD)
            return ResultError(tr("The file is not a REFI-QDA project: its project file is not "
                                  "XML (%1).")
                                   .arg(root.errorString()),
                ErrorKind::InvalidInput);
    }
    RefiProject project;
    ProjectXml reader(project, files);
    if (auto parsed = reader.read(xml); !parsed)
        return parsed.failure();
    // Selections name their users by GUID; reports and annotators want the names.
    for (RefiSource &source : project.sources) {
        for (RefiSelection &selection : source.selections)
            selection.user = project.users.value(selection.user, selection.user);
    }
    return project;
}

} // namespace RefiReader

namespace RefiPositions {

namespace {

/// One way of counting positions in a source: which characters count, and where each
/// position lands in the stored text.
struct Convention
{
    QString description;
    QList<int> toStored; ///< position → UTF-16 offset in the stored text
};

/// Positions counted in code points of `counted`, a form of the raw text; `stored[i]` says
/// where its i-th UTF-16 unit lands in the stored text.
Convention convention(const QString &description, const QString &raw, bool lineBreaksOnce,
    bool countMark, const QString &stored)
{
    Convention result;
    result.description = description;
    result.toStored.reserve(raw.size() + 1);
    qsizetype out = 0; // where the next stored character is
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const QChar c = raw.at(i);
        if (c.isLowSurrogate())
            continue; // one position for the pair
        const char16_t u = c.unicode();
        if (u == 0xFEFF && i == 0) {
            if (countMark)
                result.toStored.append(int(out));
            continue;
        }
        if (u == u'\r' && i + 1 < raw.size() && raw.at(i + 1) == u'\n') {
            // A CRLF: one position, or two that both land on the stored "\n".
            result.toStored.append(int(out));
            if (!lineBreaksOnce)
                result.toStored.append(int(out));
            ++i;
            ++out;
            continue;
        }
        result.toStored.append(int(out));
        // What storedText keeps of it: a character (two units for a pair), or nothing.
        const bool kept = u == u'\r' || u == u'\n' || u == 0x2028 || u == 0x2029 || u == u'\t'
            || u == u'\f' || u == u'\v' || (u >= 0x20 && (u < 0x7F || u >= 0xA0) && u != 0xFEFF);
        if (kept)
            out += c.isHighSurrogate() && i + 1 < raw.size() && raw.at(i + 1).isLowSurrogate() ? 2 : 1;
    }
    result.toStored.append(int(stored.size()));
    return result;
}

/// How much a selection's name says the convention is right: a name quoting the text (maybe
/// cut short with "…") at the positions, or a "line:N" name at the start of line N.
int evidence(const RefiSelection &selection, int start, int end, const QString &stored,
    const QList<int> &lineStarts)
{
    QString name = selection.name.trimmed();
    static const QRegularExpression line(uR"(^line:(\d+)$)"_s);
    if (const QRegularExpressionMatch match = line.match(name); match.hasMatch()) {
        const qsizetype number = match.captured(1).toLongLong();
        return number < lineStarts.size() && lineStarts.at(number) == start ? 2 : -1;
    }
    bool cut = false;
    for (const QString &ellipsis : { u"…"_s, u"..."_s }) {
        if (name.endsWith(ellipsis)) {
            name.chop(ellipsis.size());
            cut = true;
        }
    }
    name = name.simplified();
    if (name.size() < 4)
        return 0;
    const QString quoted = stored.mid(start, end - start).simplified();
    if (quoted == name || (cut && quoted.startsWith(name)))
        return 3;
    // A label rather than a quote says nothing either way; one that quotes the text elsewhere
    // near by says this way is off.
    return stored.mid(std::max(0, start - 4), end - start + 8).simplified().contains(name) ? -2 : 0;
}

} // namespace

SourcePlacement place(const RefiSource &source, const QString &origin)
{
    SourcePlacement placement;
    const QString &stored = source.text;
    QList<int> lineStarts { 0 };
    for (qsizetype i = 0; i < stored.size(); ++i) {
        if (stored.at(i) == u'\n')
            lineStarts.append(int(i + 1));
    }
    // The candidates, the usual one for the tool first: ATLAS.ti counts a CRLF once; others
    // writing CRLF files (Windows NVivo) count it twice, which QualCoder pads for; a leading
    // byte-order mark is counted by some readers, not by the writers that add it.
    const bool atlas = origin.contains(u"ATLAS"_s, Qt::CaseInsensitive);
    QList<Convention> candidates;
    const QString once = tr("line breaks counted once");
    const QString twice = tr("CRLF line breaks counted as two positions");
    QList<std::pair<bool, bool>> ways; // (line breaks once, byte-order mark counted)
    if (!source.hadCarriageReturns || atlas)
        ways.append({ true, false });
    if (source.hadCarriageReturns)
        ways.append({ false, false });
    if (source.hadCarriageReturns && !atlas)
        ways.append({ true, false });
    if (source.hadByteOrderMark) {
        const qsizetype count = ways.size();
        for (qsizetype i = 0; i < count; ++i)
            ways.append({ ways.at(i).first, true });
    }
    for (const auto &[lineOnce, mark] : std::as_const(ways)) {
        QString description = lineOnce ? once : twice;
        if (source.hadByteOrderMark)
            description += mark ? tr(", the byte-order mark counted") : tr(", the byte-order mark not counted");
        candidates.append(convention(description, source.rawText, lineOnce, mark, stored));
    }

    int best = 0;
    int bestScore = std::numeric_limits<int>::min();
    for (qsizetype c = 0; c < candidates.size(); ++c) {
        const QList<int> &map = candidates.at(c).toStored;
        int score = 0;
        for (const RefiSelection &selection : source.selections) {
            if (selection.start < 0)
                continue;
            if (selection.end >= map.size()) {
                score -= 5;
                continue;
            }
            score += evidence(selection, map.at(selection.start), map.at(selection.end), stored, lineStarts);
        }
        if (score > bestScore) {
            bestScore = score;
            best = int(c);
        }
    }
    const Convention &chosen = candidates.at(best);
    placement.convention = chosen.description;
    for (const RefiSelection &selection : source.selections) {
        PlacedSelection placed;
        if (!selection.positionProblem.isEmpty()) {
            placed.problem = selection.positionProblem;
        } else if (selection.start < 0) {
            placed.problem = tr("it has no positions");
        } else if (selection.end >= chosen.toStored.size()) {
            placed.problem = tr("it ends at %1, past the end of its source (%2 characters)")
                                 .arg(selection.end)
                                 .arg(chosen.toStored.size() - 1);
        } else {
            placed.start = chosen.toStored.at(selection.start);
            placed.end = chosen.toStored.at(selection.end);
            if (placed.end <= placed.start) {
                placed.problem = tr("it selects no text");
                placed.start = placed.end = -1;
            }
        }
        placement.selections.append(placed);
    }
    return placement;
}

} // namespace RefiPositions
