#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

/// How a file counts text positions. The W3C model counts Unicode code points; Hypothesis and
/// other tools running in a browser count UTF-16 units, as JavaScript strings do. They differ
/// only after a character outside the Basic Multilingual Plane (an emoji).
enum class PositionUnit { CodePoints, Utf16 };

/// What a foreign file says about where an annotation is, before it is placed in an article:
/// any of a quote with its context, positions, or a range between two quotes. Positions are
/// into the whole text of the source, in `unit`; -1 when the file gives none (or gives
/// positions relative to something Gloss cannot know, such as an XPath).
struct ForeignTarget
{
    QString exact, prefix, suffix;
    qint64 start = -1;
    qint64 end = -1;
    PositionUnit unit = PositionUnit::CodePoints;
    /// A W3C RangeSelector between two quotes: from the start of the first to the start of the
    /// second (exact then holds nothing).
    QString rangeStartQuote, rangeEndQuote;
    /// Where the quote is likely to be when positions cannot be trusted as they are (a quote
    /// inside a known fragment): only to choose between repeats of the quote. -1 when none.
    qint64 hint = -1;

    bool hasPositions() const { return start >= 0 && end >= start; }
    bool hasQuote() const { return !exact.isEmpty(); }
    bool hasRange() const { return !rangeStartQuote.isEmpty() && !rangeEndQuote.isEmpty(); }
    bool isEmpty() const { return !hasPositions() && !hasQuote() && !hasRange(); }
};

/// One annotation of a web annotation file (W3C Web Annotation or Hypothesis), one per target:
/// the model says each body applies to each target.
struct ForeignAnnotation
{
    QString label; ///< how reports name it: its id, or its place in the file
    QString origin; ///< its id in the file, to recognise it when imported again
    QStringList sources; ///< the document's IRIs, best first (target source, then uri)
    QString documentTitle; ///< what the file calls the document, when it says
    ForeignTarget target;
    QStringList tagPaths;
    QString note;
    QStringList links; ///< IRI bodies: resources the annotation points at
    QString annotator;
    QString color; ///< a Gloss palette key, when the file is Gloss's own
    QDateTime created;
    QDateTime modified;
};
