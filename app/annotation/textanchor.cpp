#include "textanchor.h"

#include <QTextBoundaryFinder>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

QString anchorStatusName(AnchorStatus status)
{
    switch (status) {
    case AnchorStatus::Exact:
        return u"exact"_s;
    case AnchorStatus::Moved:
        return u"moved"_s;
    case AnchorStatus::Fuzzy:
        return u"fuzzy"_s;
    case AnchorStatus::Orphaned:
        break;
    }
    return u"orphaned"_s;
}

AnchorStatus anchorStatusFromName(const QString &name)
{
    if (name == u"exact"_s)
        return AnchorStatus::Exact;
    if (name == u"moved"_s)
        return AnchorStatus::Moved;
    if (name == u"fuzzy"_s)
        return AnchorStatus::Fuzzy;
    return AnchorStatus::Orphaned;
}

namespace Anchoring {

namespace {

// Characters in common at the end of a (prefix) or the start of b (suffix).
int commonSuffixLength(QStringView a, QStringView b)
{
    int n = 0;
    while (n < a.size() && n < b.size() && a.at(a.size() - 1 - n) == b.at(b.size() - 1 - n))
        ++n;
    return n;
}

int commonPrefixLength(QStringView a, QStringView b)
{
    int n = 0;
    while (n < a.size() && n < b.size() && a.at(n) == b.at(n))
        ++n;
    return n;
}

// Levenshtein distance, abandoned once every path exceeds limit (returns limit + 1).
int boundedDistance(QStringView a, QStringView b, int limit)
{
    if (qAbs(a.size() - b.size()) > limit)
        return limit + 1;
    std::vector<int> previous(size_t(b.size()) + 1);
    std::vector<int> current(size_t(b.size()) + 1);
    for (int j = 0; j <= b.size(); ++j)
        previous[size_t(j)] = j;
    for (int i = 1; i <= a.size(); ++i) {
        current[0] = i;
        int rowBest = current[0];
        for (int j = 1; j <= b.size(); ++j) {
            const int substitution = previous[size_t(j - 1)] + (a.at(i - 1) == b.at(j - 1) ? 0 : 1);
            current[size_t(j)]
                = std::min({ previous[size_t(j)] + 1, current[size_t(j - 1)] + 1, substitution });
            rowBest = std::min(rowBest, current[size_t(j)]);
        }
        if (rowBest > limit)
            return limit + 1;
        std::swap(previous, current);
    }
    return previous[size_t(b.size())];
}

int contextScore(const TextAnchor &anchor, QStringView body, int start, int end)
{
    const int prefixStart = std::max(0, start - int(anchor.prefix.size()));
    const int score = commonSuffixLength(anchor.prefix, body.mid(prefixStart, start - prefixStart))
        + commonPrefixLength(anchor.suffix, body.mid(end, anchor.suffix.size()));
    return score;
}

} // namespace

namespace {

// Grapheme boundaries are decided by the characters around a position, so a window of the text
// answers as well as the whole article, at a cost independent of its length. A line break always
// ends a grapheme, so windows start and end at one where they can.
int snapOne(QStringView text, int position, bool forward)
{
    constexpr int Reach = 64;
    if (position <= 0 || position >= text.size())
        return std::clamp(position, 0, int(text.size()));
    const int from = std::max(0, position - Reach);
    const int to = std::min(int(text.size()), position + Reach);
    const QStringView window = text.mid(from, to - from);
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, window.data(), int(window.size()));
    finder.setPosition(position - from);
    if (finder.isAtBoundary())
        return position;
    const qsizetype boundary = forward ? finder.toNextBoundary() : finder.toPreviousBoundary();
    if (boundary < 0)
        return forward ? to : from;
    return from + int(boundary);
}

} // namespace

void snapToGraphemes(QStringView text, int &start, int &end)
{
    start = std::clamp(start, 0, int(text.size()));
    end = std::clamp(end, start, int(text.size()));
    if (text.isEmpty())
        return;
    start = snapOne(text, start, false);
    end = snapOne(text, end, true);
}

TextAnchor anchorFor(QStringView body, int start, int end)
{
    snapToGraphemes(body, start, end);
    TextAnchor anchor;
    anchor.start = start;
    anchor.end = end;
    anchor.exact = body.mid(start, end - start).toString();
    int prefixStart = std::max(0, start - ContextLength);
    int suffixEnd = std::min(int(body.size()), end + ContextLength);
    int ignored = prefixStart;
    snapToGraphemes(body, prefixStart, ignored);
    ignored = suffixEnd;
    int suffixStart = suffixEnd;
    snapToGraphemes(body, suffixStart, suffixEnd);
    anchor.prefix = body.mid(prefixStart, start - prefixStart).toString();
    anchor.suffix = body.mid(end, suffixEnd - end).toString();
    return anchor;
}

AnchorResolution resolve(const TextAnchor &anchor, QStringView body)
{
    const int length = int(anchor.exact.size());
    if (length == 0)
        return {};
    if (anchor.start >= 0 && anchor.start + length <= body.size()
        && body.mid(anchor.start, length) == anchor.exact)
        return { anchor.start, anchor.start + length, AnchorStatus::Exact };

    // Every occurrence of the quote, the best context winning; ties go to the nearest.
    int bestStart = -1;
    int bestScore = -1;
    int bestDistance = 0;
    for (qsizetype at = body.indexOf(anchor.exact); at >= 0;
         at = body.indexOf(anchor.exact, at + 1)) {
        const int score = contextScore(anchor, body, int(at), int(at) + length);
        const int distance = qAbs(int(at) - anchor.start);
        if (score > bestScore || (score == bestScore && distance < bestDistance)) {
            bestStart = int(at);
            bestScore = score;
            bestDistance = distance;
        }
    }
    if (bestStart >= 0)
        return { bestStart, bestStart + length, AnchorStatus::Moved };

    // Fuzzy: windows that begin or end like the quote, compared by edit distance within a
    // quarter of its length. Bounded: a few hundred candidates, quotes of up to 2,000 characters.
    if (length > 2000)
        return {};
    const int limit = std::max(1, length / 4);
    const int probe = std::min(12, std::max(3, length / 3));
    const QStringView head = QStringView(anchor.exact).left(probe);
    const QStringView tail = QStringView(anchor.exact).right(probe);
    std::vector<int> candidates;
    for (qsizetype at = body.indexOf(head); at >= 0 && candidates.size() < 400;
         at = body.indexOf(head, at + 1))
        candidates.push_back(int(at));
    for (qsizetype at = body.indexOf(tail); at >= 0 && candidates.size() < 800;
         at = body.indexOf(tail, at + 1))
        candidates.push_back(int(at + probe) - length);

    // Scored like Hypothesis does: the quote's likeness counts most, then its context, then
    // how near it is to where it was.
    double bestFuzzyScore = -1;
    AnchorResolution best;
    const double prefixLength = std::max<qsizetype>(1, anchor.prefix.size());
    const double suffixLength = std::max<qsizetype>(1, anchor.suffix.size());
    for (int candidate : candidates) {
        for (int delta = -limit; delta <= limit; delta += std::max(1, limit / 4)) {
            const int start = std::max(0, candidate);
            const int end = std::min(int(body.size()), candidate + length + delta);
            if (end <= start)
                continue;
            const int distance = boundedDistance(anchor.exact, body.mid(start, end - start), limit);
            if (distance > limit)
                continue;
            const int prefixStart = std::max(0, start - int(anchor.prefix.size()));
            const double score = 50.0 * (1.0 - double(distance) / length)
                + 20.0
                    * commonSuffixLength(anchor.prefix, body.mid(prefixStart, start - prefixStart))
                    / prefixLength
                + 20.0 * commonPrefixLength(anchor.suffix, body.mid(end, anchor.suffix.size()))
                    / suffixLength
                + 2.0
                    * (1.0
                        - double(qAbs(start - anchor.start)) / std::max<qsizetype>(1, body.size()));
            if (score > bestFuzzyScore) {
                bestFuzzyScore = score;
                best = { start, end, AnchorStatus::Fuzzy };
            }
        }
    }
    if (best.start >= 0) {
        snapToGraphemes(body, best.start, best.end);
        return best;
    }
    return {};
}

} // namespace Anchoring
