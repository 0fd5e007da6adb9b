#pragma once

#include <QString>
#include <QStringView>

/// How a highlight was placed in its article's current text.
enum class AnchorStatus { Exact, Moved, Fuzzy, Orphaned };

QString anchorStatusName(AnchorStatus status);
AnchorStatus anchorStatusFromName(const QString &name);

/// Where a highlight sits, stored two ways so it survives a changed text: the offsets into the
/// article body (UTF-16 units of the stored body; exports convert to code points) and the quoted
/// text with up to 32 characters of context either side — the W3C TextPositionSelector and
/// TextQuoteSelector pair.
struct TextAnchor
{
    int start = 0;
    int end = 0;
    QString exact;
    QString prefix;
    QString suffix;

    int length() const { return end - start; }
    friend bool operator==(const TextAnchor &a, const TextAnchor &b)
    {
        return a.start == b.start && a.end == b.end && a.exact == b.exact && a.prefix == b.prefix
            && a.suffix == b.suffix;
    }
};

struct AnchorResolution
{
    int start = -1;
    int end = -1;
    AnchorStatus status = AnchorStatus::Orphaned;
};

namespace Anchoring {

constexpr int ContextLength = 32;

/// Widens [start, end) outwards to grapheme boundaries, so a highlight never splits a surrogate
/// pair, a combining sequence or an emoji sequence.
void snapToGraphemes(QStringView text, int &start, int &end);

/// Builds the anchor of [start, end) in body (snapped to graphemes).
TextAnchor anchorFor(QStringView body, int start, int end);

/// Places an anchor in a (possibly changed) body: at its position if the quote is still there;
/// else at the occurrence of the quote whose context matches best; else by a bounded fuzzy match
/// of the quote; else orphaned. Pure: the same inputs always give the same answer.
AnchorResolution resolve(const TextAnchor &anchor, QStringView body);

} // namespace Anchoring
