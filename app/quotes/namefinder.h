#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

/// People and organisations named in an article, and which full name a short form ("Mr
/// Miller", "Hewitt", "Lady Hale") stands for. Rules, not a model: capitalised words, the role
/// words before a name ("Secretary", "chief", "Dr"), and a list of words that make a name an
/// organisation ("Council", "Party", an acronym). Internal to the quote detector.
class NameFinder
{
public:
    enum class Kind { Person, Organisation, Other };

    struct Mention
    {
        int start = 0;
        int end = 0;
        QString canonical; ///< the fullest form the article gives
        Kind kind = Kind::Other;
        bool afterPreposition = false; ///< "of the UK Patent Office", "with Bank Oyens"
        bool afterRoleWord = false; ///< "chief executive Clara Furse", "Dr Jeremy Philpott"
        QString role; ///< the role word before the name, in lower case: "judge", "executive"
        int phraseStart = 0; ///< where the name's words begin, titles included ("Justice …")
    };

    /// Finds the names in the body outside the given ranges (the quotations: a name inside
    /// someone's words is not who is speaking).
    NameFinder(const QString &body, const QList<QPair<int, int>> &excluded);

    /// Mentions starting in [from, to), in text order.
    QList<Mention> mentionsIn(int from, int to) const;
    /// The last mention before `before` introduced with this role word ("judge"), if any.
    std::optional<Mention> lastWithRole(const QString &role, int before) const;
    /// The forms the text names someone by ("Milo Ventimiglia", "Ventimiglia").
    QStringList formsOf(const QString &canonical) const;
    /// Whether a canonical name is a person's or an organisation's, as its mentions say.
    Kind kindOf(const QString &canonical) const { return m_kinds.value(canonical, Kind::Other); }

    static bool isPronoun(const QString &word);

private:
    struct Run
    {
        int start = 0;
        int end = 0;
        QStringList words;
        bool titled = false;
        bool afterPreposition = false;
        bool afterRoleWord = false;
        QString role;
        QString title; ///< the role word as written, when it stands inside the name
        int nameStart = 0;
    };

    QList<Run> runsIn(int from, int to) const;
    QString canonicalFor(const Run &run, Kind *kind) const;
    QString organisationNounAfter(int end) const;
    bool usesInLowerCase(const QString &word) const;

    const QString &m_body;
    QList<QPair<int, QString>> m_fullNames; ///< people named in full, by position
    /// The full names by their last word, each list in text order: "Hewitt" finds its
    /// "Patricia Hewitt" without looking at every name.
    QHash<QString, QList<QPair<int, QString>>> m_bySurname;
    QSet<QString> m_lowerCaseWords; ///< every word the text writes in lower case
    QList<Mention> m_mentions; ///< in text order
    QHash<QString, QList<int>> m_byRole; ///< role word → indices into m_mentions, in order
    QHash<QString, QStringList> m_forms; ///< canonical → the forms the text uses
    QHash<QString, Kind> m_kinds; ///< canonical → what its mentions are
};
