#include "markdowninline.h"

#include <QHash>

#include <vector>

namespace MarkdownInline {

namespace {

constexpr int NoPosition = -1;
// A link's address or a tag longer than this is not one (and would make every '[' or '<'
// look far ahead).
constexpr int LongestReach = 2048;

bool isAsciiPunctuation(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x21 && u <= 0x2F) || (u >= 0x3A && u <= 0x40) || (u >= 0x5B && u <= 0x60)
        || (u >= 0x7B && u <= 0x7E);
}

bool isPunctuation(QChar c)
{
    return isAsciiPunctuation(c) || c.isPunct() || c.isSymbol();
}

/// For each offset, the first offset at or after it holding `wanted` (NoPosition if none).
std::vector<int> nextOccurrences(QStringView text, QChar wanted)
{
    std::vector<int> next(size_t(text.size()) + 1, NoPosition);
    for (qsizetype i = text.size() - 1; i >= 0; --i)
        next[size_t(i)] = text.at(i) == wanted ? int(i) : next[size_t(i) + 1];
    return next;
}

struct Run
{
    int start = 0;
    int length = 0;
    char16_t marker = 0;
    bool canOpen = false;
    bool canClose = false;
    int remaining = 0; ///< markers not yet matched
    int openingTaken = 0; ///< matched from its inner (right) end, as an opener
};

class Scanner
{
public:
    explicit Scanner(QStringView text)
        : m_text(text)
        , m_keep(size_t(text.size()), true)
        , m_literal(size_t(text.size()), false)
    { }

    QString run()
    {
        scanConstructs();
        matchEmphasis();
        QString out;
        out.reserve(m_text.size());
        for (qsizetype i = 0; i < m_text.size(); ++i) {
            if (m_keep[size_t(i)])
                out += m_text.at(i);
        }
        return out;
    }

private:
    QChar at(qsizetype i) const { return i >= 0 && i < m_text.size() ? m_text.at(i) : QChar(u' '); }

    void drop(qsizetype from, qsizetype to)
    {
        for (qsizetype i = from; i < to; ++i)
            m_keep[size_t(i)] = false;
    }

    void protect(qsizetype from, qsizetype to)
    {
        for (qsizetype i = from; i < to; ++i)
            m_literal[size_t(i)] = true;
    }

    /// Backtick runs by length, each list in text order, and how far each was consumed.
    void indexBackticks()
    {
        qsizetype i = 0;
        while (i < m_text.size()) {
            if (m_text.at(i) != u'`') {
                ++i;
                continue;
            }
            qsizetype j = i;
            while (j < m_text.size() && m_text.at(j) == u'`')
                ++j;
            m_backticks[int(j - i)].push_back(int(i));
            i = j;
        }
    }

    /// The next run of exactly `length` backticks starting after `after`, or NoPosition.
    int closingBackticks(int length, int after)
    {
        auto found = m_backticks.find(length);
        if (found == m_backticks.end())
            return NoPosition;
        size_t &cursor = m_backtickCursor[length];
        const std::vector<int> &positions = found.value();
        while (cursor < positions.size() && positions[cursor] <= after)
            ++cursor;
        return cursor < positions.size() ? positions[cursor] : NoPosition;
    }

    bool looksLikeTag(qsizetype from, qsizetype to) const
    {
        qsizetype i = from + 1;
        if (i < to && m_text.at(i) == u'/')
            ++i;
        if (i >= to || !m_text.at(i).isLetter() || m_text.at(i).unicode() > 0x7F)
            return false;
        while (i < to && (m_text.at(i).isLetterOrNumber() || m_text.at(i) == u'-'))
            ++i;
        return i == to || m_text.at(i).isSpace() || m_text.at(i) == u'/';
    }

    bool looksLikeAutolink(qsizetype from, qsizetype to) const
    {
        const QStringView inside = m_text.mid(from + 1, to - from - 1);
        if (!(inside.startsWith(u"http://") || inside.startsWith(u"https://")
                || inside.startsWith(u"mailto:")))
            return false;
        for (QChar c : inside) {
            if (c.isSpace() || c == u'<')
                return false;
        }
        return true;
    }

    void scanConstructs()
    {
        indexBackticks();
        const std::vector<int> nextClose = nextOccurrences(m_text, u')');
        const std::vector<int> nextAngle = nextOccurrences(m_text, u'>');
        std::vector<int> brackets; ///< open '[' offsets (an image's '!' just before)
        qsizetype i = 0;
        while (i < m_text.size()) {
            const QChar c = m_text.at(i);
            if (c == u'\\' && i + 1 < m_text.size() && isAsciiPunctuation(m_text.at(i + 1))) {
                m_keep[size_t(i)] = false;
                m_literal[size_t(i + 1)] = true;
                i += 2;
                continue;
            }
            if (c == u'`') {
                qsizetype end = i;
                while (end < m_text.size() && m_text.at(end) == u'`')
                    ++end;
                const int length = int(end - i);
                const int closer = closingBackticks(length, int(i));
                if (closer == NoPosition) {
                    protect(i, end);
                    i = end;
                    continue;
                }
                drop(i, end);
                protect(end, closer);
                drop(closer, closer + length);
                i = closer + length;
                continue;
            }
            if (c == u'<') {
                const int close = nextAngle[size_t(i)];
                if (close != NoPosition && close - i <= LongestReach) {
                    if (looksLikeAutolink(i, close)) {
                        m_keep[size_t(i)] = false;
                        m_keep[size_t(close)] = false;
                        protect(i + 1, close);
                        i = close + 1;
                        continue;
                    }
                    if (looksLikeTag(i, close)) {
                        drop(i, close + 1);
                        i = close + 1;
                        continue;
                    }
                }
                ++i;
                continue;
            }
            if (c == u'[') {
                brackets.push_back(int(i));
                ++i;
                continue;
            }
            if (c == u']' && !brackets.empty()) {
                const int open = brackets.back();
                brackets.pop_back();
                if (at(i + 1) == u'(') {
                    const int close = nextClose[size_t(i + 1)];
                    if (close != NoPosition && close - i <= LongestReach) {
                        // [text](address) and ![alt](address): the words stay.
                        m_keep[size_t(open)] = false;
                        if (open > 0 && m_text.at(open - 1) == u'!' && m_keep[size_t(open - 1)])
                            m_keep[size_t(open - 1)] = false;
                        drop(i, close + 1);
                        i = close + 1;
                        continue;
                    }
                }
                ++i;
                continue;
            }
            if (c == u'*' || c == u'_' || c == u'~') {
                qsizetype end = i;
                while (end < m_text.size() && m_text.at(end) == c && !m_literal[size_t(end)])
                    ++end;
                addRun(i, end, c);
                i = end;
                continue;
            }
            ++i;
        }
    }

    void addRun(qsizetype start, qsizetype end, QChar marker)
    {
        const QChar before = at(start - 1);
        const QChar after = at(end);
        const bool leftFlanking = !after.isSpace()
            && (!isPunctuation(after) || before.isSpace() || isPunctuation(before));
        const bool rightFlanking = !before.isSpace()
            && (!isPunctuation(before) || after.isSpace() || isPunctuation(after));
        Run run;
        run.start = int(start);
        run.length = int(end - start);
        run.marker = marker.unicode();
        run.remaining = run.length;
        if (marker == u'_') {
            run.canOpen = leftFlanking && (!rightFlanking || isPunctuation(before));
            run.canClose = rightFlanking && (!leftFlanking || isPunctuation(after));
        } else {
            run.canOpen = leftFlanking;
            run.canClose = rightFlanking;
        }
        // A strike is two tildes (or one); a lone run of three or more is text.
        if (marker == u'~' && run.length > 2)
            run.canOpen = run.canClose = false;
        m_runs.push_back(run);
    }

    /// Pairs openers and closers, nearest first, a stack per marker: each run is pushed and
    /// popped at most once.
    void matchEmphasis()
    {
        QHash<char16_t, std::vector<size_t>> open;
        for (size_t index = 0; index < m_runs.size(); ++index) {
            Run &closer = m_runs[index];
            if (closer.canClose) {
                std::vector<size_t> &stack = open[closer.marker];
                while (closer.remaining > 0 && !stack.empty()) {
                    Run &opener = m_runs[stack.back()];
                    if (opener.remaining == 0) {
                        stack.pop_back();
                        continue;
                    }
                    int take = (opener.remaining >= 2 && closer.remaining >= 2) ? 2 : 1;
                    if (closer.marker == u'~' && opener.remaining != closer.remaining) {
                        stack.pop_back();
                        continue; // "~~a~" strikes nothing
                    }
                    if (closer.marker == u'~')
                        take = closer.remaining;
                    // The opener's inner markers go first, then the closer's.
                    const int openerEnd = opener.start + opener.length - opener.openingTaken;
                    drop(openerEnd - take, openerEnd);
                    opener.openingTaken += take;
                    opener.remaining -= take;
                    const int closerStart = closer.start + (closer.length - closer.remaining);
                    drop(closerStart, closerStart + take);
                    closer.remaining -= take;
                    if (opener.remaining == 0)
                        stack.pop_back();
                }
            }
            if (closer.canOpen && closer.remaining > 0)
                open[closer.marker].push_back(index);
        }
    }

    QStringView m_text;
    std::vector<bool> m_keep;
    std::vector<bool> m_literal; ///< escaped or in a code span: never a marker
    std::vector<Run> m_runs;
    QHash<int, std::vector<int>> m_backticks;
    QHash<int, size_t> m_backtickCursor;
};

} // namespace

QString toPlainText(QStringView text)
{
    return Scanner(text).run();
}

} // namespace MarkdownInline
