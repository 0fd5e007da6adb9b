#include "quotedetector.h"

#include <QHash>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace QuoteDetector {

namespace {

const QString s_verbs = u"said|says|added|adds|told|tells|asked|asks|wrote|writes|explained|"
                        "explains|continued|continues|noted|notes|argued|argues|insisted|insists|"
                        "warned|warns|stated|states|replied|replies|recalled|recalls|admitted|"
                        "admits|claimed|claims|declared|declares|responded|responds|remarked|"
                        "remarks|agreed|agrees|suggested|suggests|joked|jokes|shared|shares"_s;
// A capitalised word (O'Brien and Sherman-Palladino included), then more of them.
const QString s_word = u"[A-Z][a-z]+(?:['’][A-Z][a-z]+|-[A-Z][a-z]+)?"_s;
const QString s_name = s_word + u"(?:\\s+(?:"_s + s_word + u"|de|van|von|da|di|bin|al))*"_s;

// Capitalised words that start sentences but name nobody.
bool isFunctionWord(const QString &word)
{
    static const QStringList words = { u"The"_s, u"A"_s, u"An"_s, u"In"_s, u"On"_s, u"At"_s,
        u"It"_s, u"He"_s, u"She"_s, u"They"_s, u"We"_s, u"I"_s, u"But"_s, u"And"_s, u"If"_s,
        u"So"_s, u"This"_s, u"That"_s, u"When"_s, u"There"_s, u"Then"_s, u"Now"_s, u"Yet"_s,
        u"Listen"_s, u"Mr"_s, u"Ms"_s, u"Mrs"_s, u"Dr"_s, u"Its"_s, u"His"_s, u"Her"_s, u"Their"_s,
        u"Our"_s, u"My"_s, u"Your"_s, u"As"_s, u"For"_s, u"With"_s, u"After"_s, u"Before"_s,
        u"While"_s, u"Although"_s, u"However"_s, u"Meanwhile"_s };
    return words.contains(word);
}
const QString s_subject = u"(?:he|she|they|[Tt]he\\s+[^,.;:\"“”]{1,50}?|"_s + s_name + u')';

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

int wordCount(QStringView text)
{
    int words = 0;
    bool in = false;
    for (QChar c : text) {
        const bool letter = c.isLetterOrNumber();
        if (letter && !in)
            ++words;
        in = letter || (in && (c == u'\'' || c == u'’'));
    }
    return words;
}

struct Span
{
    int start = 0;
    int end = 0; ///< after the closing mark
    int innerStart = 0; ///< after the opening mark
    int innerEnd = 0; ///< before the closing mark
    bool closed = true;
};

// Double-quoted spans of one paragraph (offsets relative to the body).
QList<Span> doubleQuotes(QStringView paragraph, int offset)
{
    QList<Span> spans;
    qsizetype open = -1;
    for (qsizetype i = 0; i < paragraph.size(); ++i) {
        const QChar c = paragraph.at(i);
        if (c != u'"' && c != u'“' && c != u'”' && c != u'«' && c != u'»')
            continue;
        if (open < 0 && isOpening(paragraph, i)) {
            open = i;
        } else if (open >= 0 && isClosing(paragraph, i)) {
            spans.append({ offset + int(open), offset + int(i) + 1, offset + int(open) + 1,
                offset + int(i), true });
            open = -1;
        }
    }
    if (open >= 0)
        spans.append({ offset + int(open), offset + int(paragraph.size()), offset + int(open) + 1,
            offset + int(paragraph.size()), false });
    return spans;
}

// Single-quoted spans inside a double-quoted one: ‘…’ or '…' not used as apostrophes.
QList<Span> singleQuotes(const QString &body, const Span &outer)
{
    QList<Span> spans;
    int open = -1;
    for (int i = outer.innerStart; i < outer.innerEnd; ++i) {
        const QChar c = body.at(i);
        const bool before = i > 0 && body.at(i - 1).isLetterOrNumber();
        const bool after = i + 1 < body.size() && body.at(i + 1).isLetterOrNumber();
        if (open < 0 && (c == u'‘' || (c == u'\'' && !before && after)))
            open = i;
        else if (open >= 0 && (c == u'’' || c == u'\'') && !after && i > 0
            && (before || QStringView(u"!?.,;").contains(body.at(i - 1))))
            spans.append({ open, i + 1, open + 1, i, true }), open = -1;
    }
    return spans;
}

class Resolver
{
public:
    explicit Resolver(const QString &body)
    {
        // Full names: two or more capitalised words, not starting a sentence with a function
        // word. Possessives ("Ventimiglia's") count as the name.
        static const QRegularExpression names(
            u"\\b("_s + s_word + u"(?:\\s+"_s + s_word + u"){1,2})(?:['’]s)?\\b"_s);
        QRegularExpressionMatchIterator it = names.globalMatch(body);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            QStringList words = match.captured(1).split(u' ');
            while (!words.isEmpty() && isFunctionWord(words.front()))
                words.removeFirst();
            if (words.size() < 2)
                continue;
            m_mentions.append({ int(match.capturedStart(1)), words.join(u' ') });
        }
    }

    /// The fullest known name for a mention before offset.
    QString resolve(const QString &subject, int offset, const QString &lastSpeaker) const
    {
        const QString trimmed = subject.trimmed();
        if (trimmed.isEmpty())
            return {};
        const QString lower = trimmed.toLower();
        if (lower == u"he"_s || lower == u"she"_s || lower == u"they"_s
            || lower.startsWith(u"the "_s))
            return lastSpeaker.isEmpty() ? lastPerson(offset) : lastSpeaker;
        // A surname or a full name: the most recent full name containing it.
        for (auto it = m_mentions.crbegin(); it != m_mentions.crend(); ++it) {
            if (it->first > offset + 200)
                continue;
            const QStringList parts = it->second.split(u' ');
            if (it->second == trimmed || parts.contains(trimmed) || trimmed.contains(it->second))
                return it->second.size() >= trimmed.size() ? it->second : trimmed;
        }
        // A name the article never gives in full stays as written; a lone capitalised word
        // that is not a name ("There's") is no speaker.
        if (isFunctionWord(trimmed.section(u' ', 0, 0)) || !trimmed.front().isUpper())
            return {};
        return trimmed;
    }

private:
    QString lastPerson(int offset) const
    {
        for (auto it = m_mentions.crbegin(); it != m_mentions.crend(); ++it) {
            if (it->first < offset)
                return it->second;
        }
        return {};
    }

    QList<QPair<int, QString>> m_mentions;
};

} // namespace

QuoteAnalysis analyse(const QString &body)
{
    static const QRegularExpression after(u"^[,.!?…—–\\s-]*(?:("_s + s_subject + u")\\s+(?:"
        + s_verbs + u")\\b|(?:" + s_verbs + u")\\s+(" + s_name + u")|according\\s+to\\s+(" + s_name
        + u"))");
    static const QRegularExpression before(u"(?:^|[.!?]\\s+|\\s)("_s + s_subject + u")\\s+(?:"
        + s_verbs + u")\\b[^.!?\"“”]{0,60}?[,:]\\s*$|(?:^|\\s)(" + s_name + u"):\\s*$");
    static const QRegularExpression sentenceSubject(
        u"(?:^|[.!?:;]\\s+)("_s + s_name + u"|[Hh]e|[Ss]he)\\s+[^.!?\"“”]*$");

    QuoteAnalysis result;
    Resolver resolver(body);
    QString lastSpeaker;
    const QList<QStringView> paragraphs = QStringView(body).split(u'\n');
    int offset = 0;
    QList<Span> spans;
    for (QStringView paragraph : paragraphs) {
        spans += doubleQuotes(paragraph, offset);
        offset += int(paragraph.size()) + 1;
    }
    // A quotation left open continues into the next paragraph that opens with a quote mark.
    QList<Span> merged;
    for (const Span &span : std::as_const(spans)) {
        if (!merged.isEmpty() && !merged.back().closed) {
            const int gap = span.start - merged.back().end;
            if (gap == 1) {
                merged.back().end = span.end;
                merged.back().innerEnd = span.innerEnd;
                merged.back().closed = span.closed;
                continue;
            }
        }
        merged.append(span);
    }

    for (int i = 0; i < merged.size(); ++i) {
        const Span &span = merged.at(i);
        const int contextStart = std::max(
            i > 0 ? merged.at(i - 1).end : 0, int(body.lastIndexOf(u'\n', span.start - 1)) + 1);
        const int nextStart = i + 1 < merged.size() ? merged.at(i + 1).start : int(body.size());
        const int paragraphEnd = body.indexOf(u'\n', span.end) < 0
            ? int(body.size())
            : int(body.indexOf(u'\n', span.end));
        const QString following = body.mid(span.end, std::min(nextStart, paragraphEnd) - span.end);
        const QString preceding = body.mid(contextStart, span.start - contextStart);

        QString subject;
        if (const QRegularExpressionMatch match = after.match(following); match.hasMatch())
            subject = match.captured(1) + match.captured(2) + match.captured(3);
        else if (const QRegularExpressionMatch match = before.match(preceding); match.hasMatch())
            subject = match.captured(1) + match.captured(2);
        const QString inner = body.mid(span.innerStart, span.innerEnd - span.innerStart);
        const bool cued = !subject.isEmpty();
        // A word or two in quotes with nobody saying it is a title or a scare quote.
        if (!cued && wordCount(inner) <= 2)
            continue;
        // The second half of a quotation split by "X said" belongs to X.
        const bool sameParagraph = !result.quotations.isEmpty()
            && !body.mid(result.quotations.back().end, span.start - result.quotations.back().end)
                    .contains(u'\n');
        if (!cued && sameParagraph && result.quotations.back().parent < 0
            && !result.quotations.back().speaker.isEmpty()) {
            subject = result.quotations.back().speaker;
        } else if (!cued) {
            // Quoted words inside a sentence about someone are that someone's words.
            if (const QRegularExpressionMatch match = sentenceSubject.match(preceding);
                match.hasMatch() && !preceding.trimmed().isEmpty())
                subject = match.captured(1);
        }
        Quotation quotation;
        quotation.start = span.start;
        quotation.end = span.end;
        quotation.text = inner.trimmed();
        quotation.text.remove(QRegularExpression(u"\\n[\"“]"_s));
        quotation.speaker = resolver.resolve(subject, span.start, lastSpeaker);
        if (!quotation.speaker.isEmpty())
            lastSpeaker = quotation.speaker;
        const int parentIndex = int(result.quotations.size());
        result.quotations.append(quotation);
        for (const Span &nested : singleQuotes(body, span)) {
            if (wordCount(body.mid(nested.innerStart, nested.innerEnd - nested.innerStart)) < 2)
                continue;
            Quotation inside;
            inside.start = nested.start;
            inside.end = nested.end;
            inside.text = body.mid(nested.innerStart, nested.innerEnd - nested.innerStart);
            inside.parent = parentIndex;
            result.quotations.append(inside);
        }
    }

    QHash<QString, int> index;
    for (const Quotation &quotation : std::as_const(result.quotations)) {
        if (quotation.speaker.isEmpty())
            continue;
        if (!index.contains(quotation.speaker)) {
            index.insert(quotation.speaker, int(result.speakers.size()));
            result.speakers.append({ quotation.speaker, { quotation.speaker }, 0 });
        }
        ++result.speakers[index.value(quotation.speaker)].quotations;
    }
    return result;
}

} // namespace QuoteDetector
