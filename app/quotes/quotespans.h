#pragma once

#include <QList>
#include <QString>
#include <QStringView>

/// Where quotation marks and sentences are in an article body; no attribution. Internal to the
/// quote detector.
namespace QuoteSpans {

struct Span
{
    int start = 0; ///< the opening mark
    int end = 0; ///< after the closing mark (or the end of the last paragraph when left open)
    int innerStart = 0; ///< after the opening mark
    int innerEnd = 0; ///< before the closing mark
};

struct Sentence
{
    int start = 0;
    int end = 0;
};

/// Double-quoted spans, curly or straight. A quotation left open at the end of a paragraph
/// continues into the next paragraph when that one opens with a quote mark, as in print.
QList<Span> doubleQuoted(const QString &body);

/// Single-quoted spans inside a double-quoted one (‘…’, or '…' where the marks are not
/// apostrophes).
QList<Span> singleQuotedInside(const QString &body, const Span &outer);

/// Sentences of the body. A quotation never splits a sentence, however many full stops it
/// holds; a paragraph break always ends one.
QList<Sentence> sentences(const QString &body, const QList<Span> &spans);

int wordCount(QStringView text);

/// "Axis of Evil", "Save Betamax": every word capitalised, so a name or a title.
bool isTitleLike(QStringView text);

} // namespace QuoteSpans
