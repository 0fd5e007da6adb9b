#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

/// A REFI-QDA project (.qdpx archive or bare .qde) as other tools write it: NVivo, ATLAS.ti,
/// MAXQDA, QualCoder, qc. Read whole but not placed anywhere; pure, so it can be tried on any
/// bytes. What the reader cannot use (pictures, audio, cases) is counted and named, never
/// dropped silently.
struct RefiCode
{
    QString guid;
    QString name; ///< as the tool named it, a "/" made "-" (Gloss joins paths with "/")
    QString color; ///< "#rrggbb", or empty
    QString description;
    bool codable = true;
    int parent = -1; ///< index into RefiProject::codes, -1 at the top
    QString path; ///< names from the top joined with "/"
};

struct RefiSelection
{
    QString guid;
    QString name; ///< often the quoted text, maybe cut short with "…"; or a label
    qint64 start = -1; ///< as written, in the project's own way of counting (see RefiSource)
    qint64 end = -1;
    QString positionProblem; ///< why start/end cannot be used, or empty
    QStringList codeGuids;
    QStringList notes; ///< texts of the notes attached to it (NoteRef, NVivo's links, memos)
    QString description; ///< a memo on the selection (MAXQDA, ATLAS.ti)
    QString user; ///< the creating user's name
    QDateTime created;
    QDateTime modified;
};

struct RefiSource
{
    QString guid;
    QString name;
    /// The source's text as Gloss stores it: line breaks as "\n", no byte-order mark,
    /// control characters gone; empty with `missing` set when it could not be read.
    QString text;
    QString missing; ///< why there is no text (a file not in the archive), or empty
    /// What the file had, which changes how other tools count positions in it.
    bool hadByteOrderMark = false;
    bool hadCarriageReturns = false;
    QString rawText; ///< the text as decoded, before line breaks were made "\n"
    QString description;
    QDateTime created;
    QDateTime modified;
    QList<RefiSelection> selections;
    QStringList wholeSourceCodes; ///< codes applied to all of the source
};

struct RefiProject
{
    QString name;
    QString origin; ///< the tool that wrote it ("ATLAS.ti 8.4", "qc 1.3.2")
    QHash<QString, QString> users; ///< normalised guid → name
    QList<RefiCode> codes;
    QHash<QString, int> codeIndex; ///< normalised guid → index into codes
    QList<RefiSource> sources;
    QStringList projectNotes; ///< notes attached to nothing Gloss keeps
    QStringList notRead; ///< sentences naming what the project holds that Gloss does not read

    /// GUIDs compare without case and braces, as the standard allows.
    static QString normalisedGuid(const QString &guid);
};

namespace RefiReader {

/// Caps against hostile projects, each with its own sentence when reached.
constexpr qint64 MaximumProjectXml = qint64(512) << 20; // bytes of project.qde
constexpr qint64 MaximumSourceText = qint64(64) << 20; // bytes of one source's text
constexpr int MaximumSelections = 500000;
constexpr int MaximumNesting = 256;

/// Reads a .qdpx archive or a .qde project (whose sources are then files beside it or
/// absolute paths). Source files found nowhere else are looked for in sourcesFolder, by their
/// file name or by the source's name.
[[nodiscard]] Result<RefiProject> read(const QString &path, const QString &sourcesFolder = {});

} // namespace RefiReader

/// Where a source's selections fall in its text. Tools count positions in code points, but
/// disagree about line breaks and byte-order marks: ATLAS.ti counts a CRLF as one position,
/// Windows NVivo exports count it as two (QualCoder pads for it), and some count a leading
/// byte-order mark. Each way is tried and the one the evidence supports is kept: selection
/// names that quote the text, "line:N" names, positions within the text.
struct PlacedSelection
{
    int start = -1; ///< UTF-16 offsets into RefiSource::text, or -1 when not placed
    int end = -1;
    QString problem; ///< why it was not placed
};

struct SourcePlacement
{
    QString convention; ///< how positions were counted, in words, for the report
    QList<PlacedSelection> selections; ///< one per RefiSource::selections, same order
};

namespace RefiPositions {

SourcePlacement place(const RefiSource &source, const QString &origin);

} // namespace RefiPositions
