#include "quotespans.h"

namespace QuoteSpans {

namespace {

bool isDoubleMark(QChar c)
{
    return c == u'"' || c == u'“' || c == u'”' || c == u'«' || c == u'»';
}

// A straight mark opens when no letter stands before it and closes when none follows it.
bool isOpening(QStringView text, qsizetype at)
{
    const QChar c = text.at(at);
    if (c == u'“' || c == u'«')
        return true;
    if (c != u'"')
        return false;
    return at == 0 || !text.at(at - 1).isLetterOrNumber();
}

bool isClosing(QStringView text, qsizetype at)
{
    const QChar c = text.at(at);
    if (c == u'”' || c == u'»')
        return true;
    if (c != u'"')
        return false;
    return at + 1 >= text.size() || !text.at(at + 1).isLetterOrNumber();
}

struct OpenSpan
{
    Span span;
    bool closed = true;
};

QList<OpenSpan> paragraphSpans(QStringView paragraph, int offset)
{
    QList<OpenSpan> spans;
    qsizetype open = -1;
    for (qsizetype i = 0; i < paragraph.size(); ++i) {
        if (!isDoubleMark(paragraph.at(i)))
            continue;
        if (open < 0 && isOpening(paragraph, i)) {
            open = i;
        } else if (open >= 0 && isClosing(paragraph, i)) {
            spans.append({ { offset + int(open), offset + int(i) + 1, offset + int(open) + 1,
                               offset + int(i) },
                true });
            open = -1;
        }
    }
    if (open >= 0) {
        const int end = offset + int(paragraph.size());
        spans.append({ { offset + int(open), end, offset + int(open) + 1, end }, false });
    }
    return spans;
}

} // namespace

QList<Span> doubleQuoted(const QString &body)
{
    QList<OpenSpan> found;
    int offset = 0;
    for (QStringView paragraph : QStringView(body).split(u'\n')) {
        found += paragraphSpans(paragraph, offset);
        offset += int(paragraph.size()) + 1;
    }
    QList<Span> spans;
    bool lastOpen = false;
    for (const OpenSpan &open : std::as_const(found)) {
        // Only a paragraph that starts with the mark continues the open quotation.
        if (lastOpen && open.span.start == spans.back().end + 1) {
            spans.back().end = open.span.end;
            spans.back().innerEnd = open.span.innerEnd;
        } else {
            spans.append(open.span);
        }
        lastOpen = !open.closed;
    }
    return spans;
}

QList<Span> singleQuotedInside(const QString &body, const Span &outer)
{
    QList<Span> spans;
    int open = -1;
    for (int i = outer.innerStart; i < outer.innerEnd; ++i) {
        const QChar c = body.at(i);
        const bool letterBefore = i > 0 && body.at(i - 1).isLetterOrNumber();
        const bool letterAfter = i + 1 < body.size() && body.at(i + 1).isLetterOrNumber();
        if (open < 0 && (c == u'‘' || (c == u'\'' && !letterBefore && letterAfter))) {
            open = i;
        } else if (open >= 0 && (c == u'’' || c == u'\'') && !letterAfter
            && (letterBefore || QStringView(u"!?.,;").contains(body.at(i - 1)))) {
            spans.append({ open, i + 1, open + 1, i });
            open = -1;
        }
    }
    return spans;
}

QList<Sentence> sentences(const QString &body, const QList<Span> &spans)
{
    QList<Sentence> result;
    const int size = int(body.size());
    auto endsSentence = [&](int after) {
        // After a full stop: optional closing marks, then space and a capital, a mark, a digit.
        int i = after;
        while (i < size && (body.at(i) == u')' || body.at(i) == u'\'' || body.at(i) == u'’'))
            ++i;
        if (i >= size || body.at(i) == u'\n')
            return true;
        if (!body.at(i).isSpace())
            return false;
        while (i < size && body.at(i) == u' ')
            ++i;
        if (i >= size)
            return true;
        const QChar next = body.at(i);
        return next.isUpper() || next.isDigit() || isDoubleMark(next) || next == u'‘'
            || next == u'\n';
    };
    int start = 0;
    int spanIndex = 0;
    auto close = [&](int end) {
        while (start < end && body.at(start).isSpace())
            ++start;
        if (end > start)
            result.append({ start, end });
        start = end;
    };
    for (int i = 0; i < size; ++i) {
        while (spanIndex < spans.size() && spans.at(spanIndex).end <= i)
            ++spanIndex;
        if (spanIndex < spans.size() && spans.at(spanIndex).start == i) {
            const Span &span = spans.at(spanIndex);
            i = span.end - 1;
            const QChar last
                = span.innerEnd > span.innerStart ? body.at(span.innerEnd - 1) : QChar();
            if ((last == u'.' || last == u'!' || last == u'?') && endsSentence(span.end))
                close(span.end);
            continue;
        }
        const QChar c = body.at(i);
        if (c == u'\n')
            close(i);
        else if ((c == u'.' || c == u'!' || c == u'?') && endsSentence(i + 1))
            close(i + 1);
    }
    close(size);
    return result;
}

int wordCount(QStringView text)
{
    int words = 0;
    bool in = false;
    for (QChar c : text) {
        const bool letter = c.isLetterOrNumber();
        if (letter && !in)
            ++words;
        in = letter || (in && (c == u'\'' || c == u'’' || c == u'-'));
    }
    return words;
}

bool isTitleLike(QStringView text)
{
    static const QStringList small = { QStringLiteral("of"), QStringLiteral("the"),
        QStringLiteral("and"), QStringLiteral("a"), QStringLiteral("in"), QStringLiteral("on") };
    bool any = false;
    for (QStringView word : text.split(u' ', Qt::SkipEmptyParts)) {
        if (small.contains(word.toString()))
            continue;
        if (!word.front().isUpper())
            return false;
        any = true;
    }
    return any;
}

} // namespace QuoteSpans
