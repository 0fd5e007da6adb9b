#include "quotedetector.h"

#include "namefinder.h"
#include "quotespans.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <tuple>

using namespace Qt::StringLiterals;

namespace QuoteDetector {

namespace {

using QuoteSpans::Sentence;
using QuoteSpans::Span;
using Kind = NameFinder::Kind;

// Verbs that introduce or close someone's words.
const QString s_speechVerbs
    = u"said|says|say|told|tells|added|adds|asked|asks|wrote|writes|explained|explains|"
      "continued|continues|noted|notes|argued|argues|insisted|insists|warned|warns|stated|"
      "states|replied|replies|recalled|recalls|admitted|admits|claimed|claims|declared|"
      "declares|responded|responds|remarked|remarks|agreed|agrees|suggested|suggests|joked|"
      "jokes|shared|shares|conceded|concedes|concluded|concludes|acknowledged|acknowledges|"
      "confirmed|confirms|announced|announces|stressed|stresses|urged|urges|predicted|"
      "predicts|promised|promises|pledged|pledges|vowed|vows|commented|comments|observed|"
      "observes|reiterated|maintained|maintains|countered|counters|revealed|reveals|"
      "complained|complains|boasted|boasts|cautioned|cautions|read"_s;
// Verbs that put words in someone's mouth by naming or describing; they only count before
// the words they introduce ("called the targets "hugely unambitious"").
const QString s_characterisingVerbs
    = u"called|calls|calling|described|describes|describing|dismissed|dismisses|branded|"
      "brands|labelled|labels|termed|names|saying|adding|telling|warning|insisting|arguing|"
      "claiming|suggesting"_s;
const QString s_cueStart = u"^[\\s,;—–-]*"_s;

const QRegularExpression &afterPronoun()
{
    static const QRegularExpression re(s_cueStart
        + u"(he|she|they|it|we)\\s+(?:also\\s+|later\\s+|then\\s+)?(?:"_s + s_speechVerbs
        + u")\\b"_s);
    return re;
}

const QRegularExpression &afterVerbThenName()
{
    static const QRegularExpression re(
        s_cueStart + u"(?:"_s + s_speechVerbs + u")\\s+([^,.;:!?()\"“”]{1,80})"_s);
    return re;
}

const QRegularExpression &afterQuotedAsSaying()
{
    static const QRegularExpression re(s_cueStart
        + u"(?:[^.;:!?\"“”]{0,40}?\\bquoted\\s+([^,.;]{1,60}?)|([^.;:!?\"“”]{1,80}?)\\s+"
          "(?:is|was)\\s+(?:reported|quoted)|according\\s+to\\s+([^,.;]{1,60}?))"
          "(?:\\s+as\\s+saying|[,.;]|$)"_s);
    return re;
}

const QRegularExpression &afterNameThenVerb()
{
    static const QRegularExpression re(s_cueStart
        + u"([^.;:!?\"“”]{1,140}?)\\s+(?:has\\s+|had\\s+|also\\s+|later\\s+|then\\s+)?(?:"_s
        + s_speechVerbs + u")\\b"_s);
    return re;
}

// ", he argues." or ", Charles Kennedy has said." ending a sentence that holds a quotation.
const QRegularExpression &sentenceEndCue()
{
    static const QRegularExpression re(u",\\s*([^,\"“”]{1,60}?)\\s+(?:has\\s+|have\\s+|had\\s+)?"
                                       "(?:also\\s+)?(?:"_s
        + s_speechVerbs + u")\\b[^\"“”,]{0,40}$"_s);
    return re;
}

const QRegularExpression &speechVerb()
{
    static const QRegularExpression re(u"\\b(?:"_s + s_speechVerbs + u")\\b"_s);
    return re;
}

const QRegularExpression &introducingVerb()
{
    static const QRegularExpression re(
        u"\\b(?:"_s + s_speechVerbs + u'|' + s_characterisingVerbs + u")\\b"_s);
    return re;
}

bool isPassiveSaid(QStringView before)
{
    static const QRegularExpression re(u"\\b(?:is|was|are|were|been|be)\\s+$"_s);
    return re.match(before).hasMatch();
}

// The last verb in the text that could introduce the quotation after it.
QRegularExpressionMatch lastIntroducingVerb(const QString &before)
{
    QRegularExpressionMatch verb;
    for (auto it = introducingVerb().globalMatch(before); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QStringView left = QStringView(before).left(match.capturedStart());
        if (left.endsWith(u"so-"_s))
            continue; // "so-called" distances the writer; it quotes nobody
        if (match.captured() == u"said"_s && isPassiveSaid(left))
            continue; // "is said to believe"
        verb = match;
    }
    return verb;
}

struct Attribution
{
    bool found = false;
    QString speaker; ///< empty when the cue names nobody ("a spokeswoman said")
};

// How much of a sentence the rules read: a subject, a verb of saying and their cues sit near
// its start or near the quotation, and a sentence longer than this is not a sentence.
constexpr int SentenceWindow = 1500;

class Attributor
{
public:
    explicit Attributor(const QString &body)
        : m_body(body)
        , m_spans(QuoteSpans::doubleQuoted(body))
        , m_sentences(QuoteSpans::sentences(body, m_spans))
        , m_names(body, ranges(m_spans))
        , m_sentenceSpeaker(m_sentences.size())
    { }

    QuoteAnalysis run()
    {
        for (qsizetype i = 0; i < m_spans.size(); ++i)
            attribute(m_spans.at(i), i);
        return std::move(m_analysis);
    }

    /// The ways the article names someone: "Milo Ventimiglia", "Ventimiglia".
    QStringList formsOf(const QString &canonical) const { return m_names.formsOf(canonical); }
    SpeakerKind kindOf(const QString &label) const
    {
        if (label.isEmpty())
            return SpeakerKind::Unknown;
        if (SpeakerLabel::isUnnamed(label))
            return SpeakerKind::Unnamed;
        return m_names.kindOf(label) == NameFinder::Kind::Organisation ? SpeakerKind::Organisation
                                                                      : SpeakerKind::Person;
    }

private:
    static QList<QPair<int, int>> ranges(const QList<Span> &spans)
    {
        QList<QPair<int, int>> result;
        for (const Span &span : spans)
            result.append({ span.start, span.end });
        return result;
    }

    int sentenceAt(int offset) const
    {
        auto it = std::upper_bound(m_sentences.cbegin(), m_sentences.cend(), offset,
            [](int at, const Sentence &sentence) { return at < sentence.end; });
        if (it == m_sentences.cend())
            return int(m_sentences.size()) - 1;
        return int(it - m_sentences.cbegin());
    }

    QString text(int from, int to) const { return m_body.mid(from, std::max(0, to - from)); }
    /// The text of [from, to), at most its last `limit` characters.
    QString tail(int from, int to, int limit = SentenceWindow) const
    {
        return text(std::max(from, to - limit), to);
    }

    // A sentence (or its first `limit` characters) with its quotations blanked out, offsets
    // kept: the words around them. Bounded, so that a sentence running on for pages costs
    // every quotation in it only a window of it.
    QString outsideQuotations(const Sentence &range, int limit = SentenceWindow) const
    {
        const int end = std::min(range.end, range.start + limit);
        QString result = text(range.start, end);
        auto it = std::lower_bound(m_spans.cbegin(), m_spans.cend(), range.start,
            [](const Span &span, int at) { return span.end <= at; });
        for (; it != m_spans.cend() && it->start < end; ++it) {
            const int from = std::max(it->start, range.start);
            const int to = std::min(it->end, end);
            if (from < to)
                result.replace(from - range.start, to - from, QString(to - from, u' '));
        }
        return result;
    }

    // The earlier quotation of the same sentence, for "X said "A" and "B"".
    const Quotation *earlierInSentence(int sentence) const
    {
        for (auto it = m_analysis.quotations.crbegin(); it != m_analysis.quotations.crend(); ++it) {
            if (it->parent >= 0)
                continue;
            if (it->start < m_sentences.at(sentence).start)
                return nullptr;
            return &*it;
        }
        return nullptr;
    }

    // Who a sentence is about: the speaker of a quotation in it, else its grammatical subject
    // as far as rules can tell (a pronoun or "the …" at its start refers back).
    QString subjectOf(int sentence, bool personOnly, int depth = 0) const
    {
        if (sentence < 0 || depth > 3)
            return {};
        // A quotation in the sentence was given to someone, or to nobody in particular.
        // (A spokeswoman's organisation stands for her, so "she" may point at it.)
        if (const std::optional<QString> &speaker = m_sentenceSpeaker.at(sentence); speaker)
            return *speaker;
        const Sentence &range = m_sentences.at(sentence);
        const QString words = outsideQuotations(range);
        // "X said …", "…, says Prof Brewer, …": who the sentence reports.
        if (const QRegularExpressionMatch verb = speechVerb().match(words); verb.hasMatch()) {
            const int at = range.start + int(verb.capturedStart());
            const int after = range.start + int(verb.capturedEnd());
            static const QRegularExpression title(
                u"^\\s*(?:(?:Mr|Mrs|Ms|Dr|Prof|Professor|Sir|Lord|Lady)\\s+)?$"_s);
            const QList<NameFinder::Mention> inverted = m_names.mentionsIn(after, after + 16);
            if (words.left(verb.capturedStart()).trimmed().endsWith(u',') && !inverted.isEmpty()
                && title.match(text(after, inverted.front().start)).hasMatch())
                return inverted.front().canonical;
            int phraseStart = range.start;
            for (const Span &span : m_spans) {
                if (span.end <= at && span.end > phraseStart)
                    phraseStart = span.end;
            }
            if (const Attribution subject = speakerFromPhrase(phraseStart, at, sentence, depth);
                subject.found)
                return subject.speaker;
        }
        static const QRegularExpression lead(
            u"^\\s*(?:(?:But|And|However|Meanwhile|So|Yet|Also|Now|Still|Instead|Then|Indeed|"
            "Elsewhere|Earlier|Later)\\b,?\\s+)*(\\S+)\\s+(\\S+)"_s);
        if (const QRegularExpressionMatch match = lead.match(words); match.hasMatch()) {
            const QString first = match.captured(1).toLower();
            if (first == u"he"_s || first == u"she"_s)
                return subjectOf(sentence - 1, true, depth + 1);
            if (first == u"it"_s || first == u"they"_s)
                return subjectOf(sentence - 1, false, depth + 1);
            if (first == u"the"_s && !match.captured(2).front().isUpper())
                return subjectOf(sentence - 1, personOnly, depth + 1);
        }
        // Otherwise the first name not inside a prepositional phrase ("Having worked with Mr
        // Cantalupo, Mr Bell focused …"); for "it" and "they" an organisation will do.
        const QList<NameFinder::Mention> mentions
            = m_names.mentionsIn(range.start, std::min(range.end, range.start + SentenceWindow));
        for (const bool strict : { true, false }) {
            for (const NameFinder::Mention &mention : mentions) {
                if (strict && mention.afterPreposition)
                    continue;
                if (mention.kind == Kind::Person
                    || (!personOnly && mention.kind != Kind::Person && strict))
                    return mention.canonical;
            }
        }
        // A sentence about nobody by name: the one before it may say who.
        return subjectOf(sentence - 1, personOnly, depth + 1);
    }

    // Whether a sentence (up to `before`, if given) tells what someone said or what stand they
    // took: a quotation of known speaker in it, or such a verb outside its quotations.
    bool reportsSomeone(int sentence, int before = -1) const
    {
        if (sentence < 0)
            return false;
        if (const std::optional<QString> &speaker = m_sentenceSpeaker.at(sentence);
            speaker && !speaker->isEmpty())
            return true;
        static const QRegularExpression stance(u"\\b(?:"_s + s_speechVerbs + u'|'
            + s_characterisingVerbs
            + u"|accused|accuses|thanked|thanks|welcomed|welcomes|criticised|criticises|"
              "criticized|attacked|attacks|praised|praises|hailed|hails|blamed|blames|"
              "condemned|condemns|defended|defends|backed|backs|rejected|rejects|denied|"
              "denies|questioned|questions|challenged|believe|believes|believed|think|thinks|"
              "thought|hope|hopes|hoped|want|wants|wanted|feel|feels|felt|expect|expects|"
              "expected|fear|fears|feared|know|knows|knew|apologised|apologized|demanded|"
              "demands)\\b"_s);
        Sentence range = m_sentences.at(sentence);
        // Only the words just before the point asked about.
        if (before >= range.start) {
            range.start = std::max(range.start, before - SentenceWindow);
            range.end = std::min(range.end, before);
        }
        const QString words = outsideQuotations(range);
        // `We "would like to get into it"` goes on with the speaker of the sentence before.
        return stance.match(words).hasMatch() || words.trimmed() == u"We"_s;
    }

    QString resolvePronoun(const QString &pronoun, int sentence, int at, int depth = 0) const
    {
        const QString lower = pronoun.toLower();
        if (lower == u"we"_s || lower == u"i"_s || lower == u"you"_s)
            return {};
        const bool personOnly = lower == u"he"_s || lower == u"she"_s;
        if (const Quotation *earlier = earlierInSentence(sentence);
            earlier && !earlier->speaker.isEmpty())
            return earlier->speaker;
        for (const NameFinder::Mention &mention :
            m_names.mentionsIn(std::max(m_sentences.at(sentence).start, at - SentenceWindow), at)) {
            if (mention.kind == Kind::Person)
                return mention.canonical;
        }
        return subjectOf(sentence - 1, personOnly, depth + 1);
    }

    // The speaker a phrase names: "Renaissance Capital energy analyst Adam Landes", "Maeve
    // Sherlock, chief executive of the Refugee Council,", "a Home Office spokesman", "he",
    // "the Dutchman".
    Attribution speakerFromPhrase(int from, int to, int sentence, int depth = 0) const
    {
        std::tie(from, to) = clauseNearVerb(from, to);
        const QString phrase = text(from, to);
        const QString lastWord = phrase.section(u' ', -1).toLower();
        if (NameFinder::isPronoun(lastWord) && !phrase.isEmpty())
            return { true, resolvePronoun(lastWord, sentence, to, depth) };
        if (const Attribution named = nameInPhrase(from, to); named.found)
            return named;
        return speakerOfDescription(phrase, from, sentence, depth);
    }

    // The part of [from, to) that is the subject of the verb after it: the clause after the last
    // conjunction that starts one, without auxiliaries and adverbs at the end.
    QPair<int, int> clauseNearVerb(int from, int to) const
    {
        static const QRegularExpression trailing(
            u"[\\s,]+(?:has|have|had|also|then|later|is|was|would|will|again|once|"
            "however|now)?[\\s,]*$"_s);
        // The clause nearest the verb: "It lost a case when a judge said" is about the judge.
        static const QRegularExpression conjunction(
            u"\\b(?:when|while|whilst|because|although|though|if|but|and|so|since|until|unless|"
            "whereas)\\s+"_s,
            QRegularExpression::CaseInsensitiveOption);
        const QString clause = text(from, to);
        int cut = from;
        for (auto it = conjunction.globalMatch(clause); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            // "Trade and Industry Secretary Patricia Hewitt": an "and" between capitalised
            // words joins a name.
            const qsizetype at = match.capturedStart();
            const bool insideName = match.captured().startsWith(u"and"_s)
                && match.capturedEnd() < clause.size() && at >= 2
                && clause.at(match.capturedEnd()).isUpper()
                && clause.lastIndexOf(u' ', at - 2) + 1 < at
                && clause.at(clause.lastIndexOf(u' ', at - 2) + 1).isUpper();
            // "X played down … and said": with nothing after it, the clause before is the one.
            const bool restEmpty = clause.mid(match.capturedEnd()).trimmed().isEmpty();
            // "vice president and research fellow": "and", "but" and "so" start a clause only
            // when a subject follows them.
            static const QRegularExpression subjectNext(
                u"^(?:[A-Z]|(?:he|she|they|it|we|the|a|an|his|her|its|their)\\b)"_s);
            const bool coordinating = match.captured().startsWith(u"and"_s, Qt::CaseInsensitive)
                || match.captured().startsWith(u"but"_s, Qt::CaseInsensitive)
                || match.captured().startsWith(u"so"_s, Qt::CaseInsensitive);
            const bool newSubject
                = subjectNext.match(QStringView(clause).mid(match.capturedEnd())).hasMatch();
            if (!insideName && !restEmpty && (!coordinating || newSubject))
                cut = from + int(match.capturedEnd());
        }
        from = cut;
        QString phrase = text(from, to);
        while (true) {
            const QRegularExpressionMatch match = trailing.match(phrase);
            if (!match.hasMatch() || match.capturedLength() == 0)
                break;
            phrase.chop(match.capturedLength());
        }
        return { from, from + int(phrase.size()) };
    }

    // A name in the phrase, looked for in its comma-separated parts from the one nearest the
    // verb: a person first, then an organisation or another name.
    Attribution nameInPhrase(int from, int to) const
    {
        // Segments between commas, the nearest to the verb first: a person first, then any
        // organisation or other name not inside a prepositional phrase.
        QList<QPair<int, int>> segments;
        int segmentStart = from;
        for (int i = from; i <= to; ++i) {
            if (i == to || m_body.at(i) == u',') {
                segments.prepend({ segmentStart, i });
                segmentStart = i + 1;
            }
        }
        static const QRegularExpression spokes(u"\\b(?:spokes\\w+|statement)\\b"_s);
        static const QRegularExpression description(
            u"^(?:[Tt]he|[Aa]n?|[Oo]ne|[Tt]his)\\s+[^A-Z\\s]"_s);
        for (const bool wantPerson : { true, false }) {
            for (const auto &[start, end] : std::as_const(segments)) {
                const QString segment = text(start, end).trimmed();
                if (segment.isEmpty())
                    continue;
                const QList<NameFinder::Mention> mentions = m_names.mentionsIn(start, end);
                // "the Conservatives" is a name with its article; "director general of …" is
                // a description.
                const QString bare
                    = segment.startsWith(u"the "_s) ? segment.mid(4).trimmed() : segment;
                const bool descriptive = !bare.isEmpty() && bare.front().isLower();
                const bool spokesperson = spokes.match(segment).hasMatch();
                // "The 28-year-old host who presents Stars In Their Eyes": the names inside a
                // description are not who it describes, unless a role names them ("the
                // experts' choice was music critic Paul Connolly").
                const bool describes = description.match(segment).hasMatch() && !spokesperson;
                for (auto it = mentions.crbegin(); it != mentions.crend(); ++it) {
                    // "Plaid Cymru health spokesman": the name before the role is who employs
                    // the speaker, not the speaker.
                    const bool person
                        = it->kind == Kind::Person && (!spokesperson || it->afterRoleWord);
                    if (wantPerson != person || (describes && !(person && it->afterRoleWord)))
                        continue;
                    // "A spokesman for the LSE" speaks for it; "differences with Mr Wyatt" are
                    // not Mr Wyatt's.
                    const bool phraseStart = text(from, it->phraseStart).trimmed().isEmpty();
                    if (it->afterPreposition && !phraseStart && (person || !spokesperson))
                        continue;
                    if (descriptive && person && !it->afterRoleWord)
                        continue;
                    if (descriptive && !person && !spokesperson)
                        continue;
                    return { true, it->canonical };
                }
            }
        }

        return {};
    }

    // A phrase naming nobody: "A spokeswoman", "one trader" and plurals are nobody in
    // particular; "the statement" is whoever spoke last; "the judge" is who was introduced as
    // one; "the Dutchman" is the person the text is about.
    Attribution speakerOfDescription(const QString &phrase, int from, int sentence, int depth) const
    {
        const QString lastWord = phrase.section(u' ', -1).toLower();
        static const QRegularExpression indefinite(
            u"(?:^|\\s)(?:a|an|one|some|another|two|three|several|many)\\s+\\S+"_s,
            QRegularExpression::CaseInsensitiveOption);
        // The part after the last comma is the subject: in "Speaking amid a flurry of
        // campaigning, the prime minister", "a flurry" is no speaker.
        const QString lower = phrase.section(u',', -1).trimmed().toLower();
        if (lower.isEmpty())
            return {};
        // "It summed up … in its submission which states": the clause's own subject.
        if (const QString firstWord = lower.section(u' ', 0, 0); NameFinder::isPronoun(firstWord))
            return { true, resolvePronoun(firstWord, sentence, from, depth) };
        if (lower.contains(u"statement"_s) || lower.contains(u"lawsuit"_s)) {
            if (const Quotation *earlier = earlierInSentence(sentence))
                return { true, earlier->speaker };
            return { true, subjectOf(sentence - 1, false, depth + 1) };
        }
        if (indefinite.match(lower).hasMatch())
            return { true, QString() };
        // "The authors", "analysts": a group, not one speaker.
        if (lastWord.endsWith(u's') && !lastWord.endsWith(u"ss"_s) && lower.count(u' ') < 3)
            return { true, QString() };
        static const QRegularExpression body(
            u"\\b(?:company|firm|group|bank|club|party|government|council|organisation|union|"
            "body|association|watchdog|regulator|paper|newspaper|magazine|network|broadcaster|"
            "team|side|ministry|department|agency|authority|charity|court)\\b"_s);
        // "the judge" after "Texas Judge Letitia Clark"; "the coach" after "England coach Andy
        // Robinson".
        if (lower.startsWith(u"the "_s) || lower.contains(u" the "_s)) {
            if (const std::optional<NameFinder::Mention> introduced
                = m_names.lastWithRole(lastWord, from))
                return { true, introduced->canonical };
        }
        if (lower.startsWith(u"the "_s) || lower.contains(u" the "_s))
            return { true,
                resolvePronoun(
                    body.match(lower).hasMatch() ? u"it"_s : u"he"_s, sentence, from, depth) };
        return {};
    }

    bool afterCueAllowed(const Span &span, const QString &following) const
    {
        int last = span.innerEnd - 1;
        while (last > span.innerStart && m_body.at(last).isSpace())
            --last;
        const QChar mark = last >= span.innerStart ? m_body.at(last) : QChar();
        if (QStringView(u",?!—–-").contains(mark))
            return true;
        const QString trimmed = following.trimmed();
        return !trimmed.isEmpty() && (trimmed.front() == u',' || trimmed.front().isLower());
    }

    // "…," he said. / "…," said X. / "…," X told Y. / "…," the paper quoted X as saying.
    Attribution afterCue(const Span &span, int limit, int sentence) const
    {
        const QString following = text(span.end, std::min(limit, span.end + SentenceWindow));
        if (!afterCueAllowed(span, following))
            return {};
        if (const QRegularExpressionMatch match = afterQuotedAsSaying().match(following);
            match.hasMatch()) {
            for (int group = 1; group <= 3; ++group) {
                if (match.capturedStart(group) >= 0) {
                    const int start = span.end + int(match.capturedStart(group));
                    return speakerFromPhrase(
                        start, start + int(match.capturedLength(group)), sentence);
                }
            }
        }
        if (const QRegularExpressionMatch match = afterPronoun().match(following); match.hasMatch())
            return { true, resolvePronoun(match.captured(1), sentence, span.start) };
        static const QRegularExpression newClause(
            u"^(?:while|whilst|but|and|as|although|though|because|when|after|before|if|which|"
            "who|where|so|by|for|in|on|at|to|from|with|of|over|about|into)\\b"_s);
        for (const QRegularExpression *re : { &afterVerbThenName(), &afterNameThenVerb() }) {
            if (const QRegularExpressionMatch match = re->match(following);
                match.hasMatch() && !newClause.match(match.captured(1).trimmed()).hasMatch()) {
                const int start = span.end + int(match.capturedStart(1));
                const Attribution attribution
                    = speakerFromPhrase(start, start + int(match.capturedLength(1)), sentence);
                if (attribution.found)
                    return attribution;
            }
        }
        return {};
    }

    // X said: "…" / X said the plan was "…" / X called it "…".
    Attribution beforeCue(const Span &span, int clauseStart, int sentence, bool *verbFound) const
    {
        clauseStart = std::max(clauseStart, span.start - SentenceWindow);
        const QString before = text(clauseStart, span.start);
        const QRegularExpressionMatch verb = lastIntroducingVerb(before);
        *verbFound = verb.hasMatch();
        if (!verb.hasMatch()) {
            // The interview form, "Ann Lee: “…”": a short name, a colon, the words.
            static const QRegularExpression colon(u"^\\s*([^:,.;!?]{2,60}):\\s*$"_s);
            const QRegularExpressionMatch named = colon.match(before);
            if (!named.hasMatch() || named.captured(1).count(u' ') > 5
                || m_names.mentionsIn(clauseStart, span.start).isEmpty())
                return {};
            *verbFound = true;
            const int start = clauseStart + int(named.capturedStart(1));
            return speakerFromPhrase(start, start + int(named.capturedLength(1)), sentence);
        }
        // "dismissed as "ridiculous" by Justice David Souter"
        static const QRegularExpression byAgent(u"^\\s*by\\s+([^,.;:\"“”]{1,60})"_s);
        if (isPassiveSaid(QStringView(before).left(verb.capturedStart()))) {
            const QString after = text(span.end, std::min(int(m_body.size()), span.end + 70));
            if (const QRegularExpressionMatch agent = byAgent.match(after); agent.hasMatch()) {
                const int start = span.end + int(agent.capturedStart(1));
                return speakerFromPhrase(start, start + int(agent.capturedLength(1)), sentence);
            }
        }
        return speakerFromPhrase(clauseStart, clauseStart + int(verb.capturedStart()), sentence);
    }

    void attribute(const Span &span, qsizetype index)
    {
        const int sentence = sentenceAt(span.start);
        const Sentence &range = m_sentences.at(sentence);
        const int nextStart
            = index + 1 < m_spans.size() ? m_spans.at(index + 1).start : int(m_body.size());
        const int limit = std::min(range.end, nextStart);
        const Quotation *earlier = earlierInSentence(sentence);
        const int clauseStart = earlier ? earlier->end : range.start;
        const QString inner = text(span.innerStart, span.innerEnd);
        const int words = QuoteSpans::wordCount(inner);
        const bool short_ = words <= 2 || (words <= 5 && QuoteSpans::isTitleLike(inner));
        const bool opensSentence = [&] {
            for (int i = range.start; i < span.start; ++i) {
                if (!m_body.at(i).isSpace())
                    return false;
            }
            return true;
        }();

        Attribution attribution = afterCue(span, limit, sentence);
        bool cued = attribution.found;
        bool verbBefore = false;
        if (!cued) {
            attribution = beforeCue(span, clauseStart, sentence, &verbBefore);
            cued = verbBefore;
        }
        if (!cued) {
            // ", he argues." closing the sentence the quotation stands in.
            const QString rest = text(span.end, std::min(range.end, span.end + SentenceWindow));
            if (const QRegularExpressionMatch match = sentenceEndCue().match(rest);
                match.hasMatch() && !rest.contains(u'"') && !rest.contains(u'“')) {
                // Closing the sentence, a pronoun cannot be the sentence's own subject: "Mr
                // Blair had been "hurt", he added" is someone else on Mr Blair.
                const QString subject = match.captured(1).trimmed();
                if (NameFinder::isPronoun(subject)) {
                    attribution = { true,
                        subjectOf(sentence - 1, subject == u"he"_s || subject == u"she"_s) };
                } else {
                    const int start = span.end + int(match.capturedStart(1));
                    attribution
                        = speakerFromPhrase(start, start + int(match.capturedLength(1)), sentence);
                }
                cued = attribution.found;
            }
        }
        if (!cued && earlier && !earlier->speaker.isEmpty())
            cued = true, attribution = { true, earlier->speaker };
        if (text(std::max(0, span.start - 10), span.start).endsWith(u"so-called "_s))
            return;
        // A word or two in quotes that nobody is said to have said is a scare quote or a
        // title; so is a slogan after a possessive ("McDonald's "I'm lovin' it" campaign").
        static const QRegularExpression possessive(u"\\w['’]s?\\s+$"_s);
        if (!cued && (short_ || possessive.match(tail(range.start, span.start, 40)).hasMatch()))
            return;
        // A verb of saying whose subject the rules cannot name: unknown, not a guess.
        if (!attribution.found && verbBefore)
            attribution = { true, earlier ? earlier->speaker : QString() };
        if (!attribution.found) {
            // No cue: a quotation opening its sentence goes on from the sentence before, and one
            // inside a sentence belongs to whom the sentence is about, but only when that
            // sentence reports someone (a verb of saying or of taking a stand: "accused",
            // "welcomed"); otherwise the speaker stays unknown rather than guessed.
            if (opensSentence) {
                if (reportsSomeone(sentence - 1))
                    attribution.speaker = subjectOf(sentence - 1, false);
            } else if (reportsSomeone(sentence, span.start)) {
                attribution.speaker = resolvePronoun(u"they"_s, sentence, span.start);
            }
        }

        Quotation quotation;
        quotation.start = span.start;
        quotation.end = span.end;
        quotation.innerStart = span.innerStart;
        quotation.innerEnd = span.innerEnd;
        quotation.text = inner.trimmed();
        static const QRegularExpression paragraphMark(u"\\n[\"“]"_s);
        quotation.text.replace(paragraphMark, u"\n"_s);
        quotation.speaker = attribution.speaker;
        if (!m_sentenceSpeaker.at(sentence))
            m_sentenceSpeaker[sentence] = quotation.speaker;
        const int parentIndex = int(m_analysis.quotations.size());
        m_analysis.quotations.append(quotation);

        for (const Span &nested : QuoteSpans::singleQuotedInside(m_body, span)) {
            const QString nestedText = text(nested.innerStart, nested.innerEnd);
            const bool introduced
                = lastIntroducingVerb(text(span.innerStart, nested.start)).hasMatch();
            if (QuoteSpans::wordCount(nestedText) < 3 && !introduced)
                continue;
            Quotation inside;
            inside.start = nested.start;
            inside.end = nested.end;
            inside.innerStart = nested.innerStart;
            inside.innerEnd = nested.innerEnd;
            inside.text = nestedText;
            inside.parent = parentIndex;
            m_analysis.quotations.append(inside);
        }
    }

    const QString &m_body;
    const QList<Span> m_spans;
    const QList<Sentence> m_sentences;
    const NameFinder m_names;
    QList<std::optional<QString>> m_sentenceSpeaker;
    QuoteAnalysis m_analysis;
};

} // namespace

namespace {

// One entry per speaker of the top-level quotations, in order of first quotation; the forms
// already known for a name are kept.
void countSpeakers(QuoteAnalysis &analysis)
{
    QHash<QString, QStringList> forms;
    for (const Speaker &speaker : std::as_const(analysis.speakers))
        forms.insert(speaker.name, speaker.mentions);
    analysis.speakers.clear();
    QHash<QString, qsizetype> index;
    for (const Quotation &quotation : std::as_const(analysis.quotations)) {
        if (quotation.speaker.isEmpty() || quotation.parent >= 0)
            continue;
        if (!index.contains(quotation.speaker)) {
            index.insert(quotation.speaker, analysis.speakers.size());
            analysis.speakers.append({ quotation.speaker, quotation.speakerKind,
                forms.value(quotation.speaker, { quotation.speaker }), 0 });
        }
        ++analysis.speakers[index.value(quotation.speaker)].quotations;
    }
}

} // namespace

QuoteAnalysis analyse(const QString &body)
{
    Attributor attributor(body);
    QuoteAnalysis result = attributor.run();
    for (Quotation &quotation : result.quotations) {
        quotation.speakerKind = attributor.kindOf(quotation.speaker);
        if (!quotation.speaker.isEmpty() && quotation.parent < 0)
            result.speakers.append({ quotation.speaker, quotation.speakerKind,
                attributor.formsOf(quotation.speaker), 0 });
    }
    countSpeakers(result);
    return result;
}

namespace {

/// The kind of a speaker the user chose: an unnamed source by its label, else the kind the
/// article's speakers give that name, else a person.
SpeakerKind kindOfCorrection(const QString &label, const QuoteAnalysis &analysis)
{
    if (label.isEmpty())
        return SpeakerKind::Unknown;
    if (SpeakerLabel::isUnnamed(label))
        return SpeakerKind::Unnamed;
    for (const Speaker &speaker : analysis.speakers) {
        if (speaker.name == label)
            return speaker.kind;
    }
    return SpeakerKind::Person;
}

} // namespace

void applyCorrections(QuoteAnalysis &analysis, const QHash<QString, QString> &corrections)
{
    if (corrections.isEmpty())
        return;
    QSet<QString> used;
    for (qsizetype i = 0; i < analysis.quotations.size(); ++i) {
        Quotation &quotation = analysis.quotations[i];
        if (const auto found = corrections.constFind(quotation.text); found != corrections.cend()) {
            quotation.speaker = *found;
            quotation.speakerKind = kindOfCorrection(*found, analysis);
            quotation.corrected = true;
            used.insert(found.key());
        }
    }
    // A quotation whose words were edited since (a typo fixed, a word added in a re-imported
    // article) is still the same quotation when most of its words are the same.
    auto words = [](const QString &text) {
        static const QRegularExpression separators(u"[^\\w]+"_s);
        const QStringList list = text.toCaseFolded().split(separators, Qt::SkipEmptyParts);
        return QSet<QString>(list.cbegin(), list.cend());
    };
    for (auto it = corrections.cbegin(); it != corrections.cend(); ++it) {
        const QSet<QString> wanted = words(it.key());
        if (used.contains(it.key()) || wanted.size() < 3)
            continue;
        qsizetype best = -1;
        double bestScore = 0.6;
        for (qsizetype i = 0; i < analysis.quotations.size(); ++i) {
            if (analysis.quotations.at(i).corrected)
                continue;
            const QSet<QString> found = words(analysis.quotations.at(i).text);
            const double shared = double(QSet<QString>(found).intersect(wanted).size());
            const double score = shared / double(QSet<QString>(found).unite(wanted).size());
            if (score >= bestScore)
                best = i, bestScore = score;
        }
        if (best >= 0) {
            analysis.quotations[best].speaker = it.value();
            analysis.quotations[best].speakerKind = kindOfCorrection(it.value(), analysis);
            analysis.quotations[best].corrected = true;
        }
    }
    countSpeakers(analysis);
}

} // namespace QuoteDetector
