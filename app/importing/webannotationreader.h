#pragma once

#include "core/result.h"
#include "foreignannotation.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

/// What a web annotation file holds, read but not yet placed.
struct WebAnnotationFile
{
    QString kind; ///< "W3C Web Annotation" or "Hypothesis", for the report
    QList<ForeignAnnotation> annotations; ///< one per target of each annotation taken
    int found = 0; ///< annotations in the file, taken or not
    /// One sentence per annotation, or part of one, that cannot be taken, saying why: nothing
    /// is left out silently.
    QStringList skipped;
    /// What was read but is worth knowing: a selector that could not be used while another
    /// was, a reply threaded into a note.
    QStringList notes;
};

/// Reads W3C Web Annotation JSON (one annotation, an array, an AnnotationPage or an
/// AnnotationCollection with its pages embedded) and Hypothesis JSON (one annotation, an
/// array, a search response {"total", "rows"} or the client's export {"annotations"}).
///
/// Following the W3C model: the selectors of a target are alternatives; refinedBy applies an
/// inner selector to what the outer one selected, so inner positions count from the outer
/// segment's start; a RangeSelector runs from the start of one selection to the start of the
/// other; every body applies to every target; a body given as an IRI is a link, not text.
/// Positions count code points (W3C) or UTF-16 units (Hypothesis, which counts like the
/// browser). Pure: no library, so it can be tried on any bytes.
namespace WebAnnotationReader {

/// The most annotations a file may hold; beyond, it is refused whole with a sentence (memory
/// grows with each, and no real export comes near).
constexpr int MaximumAnnotations = 250000;

[[nodiscard]] Result<WebAnnotationFile> read(const QByteArray &json);

} // namespace WebAnnotationReader
