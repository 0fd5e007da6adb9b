#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

/// What a speaker is: a named person or organisation, or a source the text only describes
/// ("a company spokesman", "one dealer"). Stored as one letter.
enum class SpeakerKind : char { Unknown = 0, Person = 'p', Organisation = 'o', Unnamed = 'u' };

/// Speakers are named by labels: the canonical name of a person or organisation, or for an
/// unnamed source "~ " and its description ("~ company spokesman"), so that a source described
/// as a spokesman is never confused with someone named Spokesman.
namespace SpeakerLabel {
constexpr QStringView UnnamedPrefix = u"~ ";
inline bool isUnnamed(const QString &label) { return label.startsWith(UnnamedPrefix); }
/// The description of an unnamed source, or the name.
inline QString text(const QString &label) { return isUnnamed(label) ? label.mid(2) : label; }
inline QString unnamed(const QString &description) { return UnnamedPrefix + description; }
} // namespace SpeakerLabel

/// A direct quotation found in an article body.
struct Quotation
{
    int start = 0; ///< body offset of the opening quotation mark
    int end = 0; ///< body offset just after the closing mark (or the paragraph's end)
    int innerStart = 0; ///< where the quoted words begin, after the opening mark
    int innerEnd = 0; ///< where they end, before the closing mark
    QString text; ///< the words quoted, without the marks (and without the mark opening each
                  ///< further paragraph of a long quotation)
    QString speaker; ///< the speaker's label (see SpeakerLabel), empty when nobody is named
    SpeakerKind speakerKind = SpeakerKind::Unknown;
    int parent = -1; ///< index of the quotation this one is nested in, or -1
    bool corrected = false; ///< the speaker is the user's, not the detector's
};

/// A person quoted in an article, under the fullest name the article gives.
struct Speaker
{
    QString name; ///< a label (see SpeakerLabel)
    SpeakerKind kind = SpeakerKind::Unknown;
    QStringList
        mentions; ///< the forms the article names them by: "Milo Ventimiglia", "Ventimiglia"
    int quotations = 0;
};

struct QuoteAnalysis
{
    QList<Quotation> quotations;
    QList<Speaker> speakers;
};

/// Finds quoted speech and who said it, by rules rather than a model: quotation marks (curly
/// and straight, nested single quotes, quotations running over paragraphs), cues around them
/// ("X said", "said X", "X told …", "according to X", "X: “…”"), and names resolved to the most
/// recent compatible full name (pronouns to the last person mentioned). A quotation with no cue
/// keeps an empty speaker rather than a guess.
namespace QuoteDetector {

/// Raised whenever the rules change, so that results stored by an older version are redone.
constexpr int Version = 3;

QuoteAnalysis analyse(const QString &body);

/// Gives the quotations the user corrected the speakers they chose (found by their words; ''
/// for nobody) and counts the speakers again.
void applyCorrections(QuoteAnalysis &analysis, const QHash<QString, QString> &corrections);

} // namespace QuoteDetector
