#include "pdflayout.h"
#include "textblocks.h"
#include "textdecoder.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace PdfLayout {

namespace {

// How deep a page is cut into bands and columns, and how many lines a region may have to be
// cut at all: past these a region is read top to bottom, so no page costs more than a sort.
constexpr int MaximumCuts = 48;
constexpr qsizetype MaximumCutLines = 5000;
// The share of a page's height at its top and bottom where running heads and page numbers
// sit.
constexpr double Margin = 0.12;

struct Line
{
    QString text;
    QRectF box;
    double height = 0; ///< the median height of its words: the size of its text
    int page = 0;
    double leafLeft = 0; ///< left and right edges of the part of the page it was read in
    double leafRight = 0;
    bool dropped = false; ///< a running head, a footer or a page number
};

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    const qsizetype middle = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + middle, values.end());
    return values.at(middle);
}

/// Fonts draw "fi" and "ffl" as one glyph, which PDFs pass on as a ligature character; the
/// text has the letters.
QString withoutLigatures(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        switch (c.unicode()) {
        case 0xFB00:
            out += u"ff"_s;
            break;
        case 0xFB01:
            out += u"fi"_s;
            break;
        case 0xFB02:
            out += u"fl"_s;
            break;
        case 0xFB03:
            out += u"ffi"_s;
            break;
        case 0xFB04:
            out += u"ffl"_s;
            break;
        case 0xFB05:
        case 0xFB06:
            out += u"st"_s;
            break;
        default:
            out += c;
        }
    }
    return out;
}

QList<Line> linesOf(const PdfPage &page, int pageNumber)
{
    QList<Line> lines;
    Line current;
    QList<double> heights;
    auto flush = [&] {
        current.text = simplifyLine(current.text);
        if (!current.text.isEmpty()) {
            current.height = median(heights);
            current.page = pageNumber;
            lines.append(current);
        }
        current = Line();
        heights.clear();
    };
    for (const PdfWord &word : page.words) {
        if (!word.text.trimmed().isEmpty() && word.box.isValid()) {
            current.box = current.text.isEmpty() ? word.box : current.box.united(word.box);
            current.text += withoutLigatures(word.text);
            if (word.spaceAfter)
                current.text += u' ';
            heights.append(word.box.height());
        }
        if (word.endsLine)
            flush();
    }
    flush();
    return lines;
}

/// "12", "- 12 -", "Page 3 of 10", "iv": what a page number looks like.
bool isPageNumber(const QString &text)
{
    static const QRegularExpression number(
        uR"(^(?:(?:page|seite|pagina|página|p\.|pg\.?|s\.)\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*(?:(?:/|of|von|de|sur|di)\s*\d{1,4})?\s*[-–—]?$)"_s,
        QRegularExpression::CaseInsensitiveOption);
    return text.size() <= 20 && number.match(text).hasMatch();
}

/// A line's text with its numbers made alike, so "Page 3" and "Page 4" are one running head.
QString masked(const QString &text)
{
    QString out;
    out.reserve(text.size());
    bool inNumber = false;
    for (QChar c : text) {
        if (c.isDigit()) {
            if (!inNumber)
                out += u'#';
            inNumber = true;
            continue;
        }
        inNumber = false;
        out += c.toLower();
    }
    return out;
}

/// Drops running heads and footers (the same text at the same height in the top or bottom
/// margin of many pages) and page numbers (alone at the top or bottom of a page).
void dropPageFurniture(QList<Line> &lines, const QList<PdfPage> &pages)
{
    const int pageCount = int(pages.size());
    auto inMargin = [&](const Line &line) {
        const double height = pages.at(line.page).size.height();
        if (height <= 0)
            return false;
        return line.box.bottom() < height * Margin || line.box.top() > height * (1 - Margin);
    };
    // Two grids of 8 points, one shifted by half, so that a line moved by a point or two from
    // page to page still falls with the others in one of them.
    QHash<QPair<QString, int>, QSet<int>> grid;
    QHash<QPair<QString, int>, QSet<int>> shifted;
    for (const Line &line : std::as_const(lines)) {
        if (!inMargin(line))
            continue;
        const QString key = masked(line.text);
        const double y = line.box.center().y();
        grid[{ key, int(std::floor(y / 8)) }].insert(line.page);
        shifted[{ key, int(std::floor((y + 4) / 8)) }].insert(line.page);
    }
    const int repeated = pageCount <= 3 ? 2 : std::max(3, pageCount / 10);
    // The first and last lines of each page, where a page number stands when the margins are
    // narrow.
    QHash<int, QPair<qsizetype, qsizetype>> ends;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        auto it = ends.find(lines.at(i).page);
        if (it == ends.end()) {
            ends.insert(lines.at(i).page, { i, i });
            continue;
        }
        if (lines.at(i).box.top() < lines.at(it->first).box.top())
            it->first = i;
        if (lines.at(i).box.bottom() > lines.at(it->second).box.bottom())
            it->second = i;
    }
    for (qsizetype i = 0; i < lines.size(); ++i) {
        Line &line = lines[i];
        const auto end = ends.value(line.page);
        const bool atEnd = i == end.first || i == end.second;
        if (isPageNumber(line.text) && (atEnd || inMargin(line))) {
            line.dropped = true;
            continue;
        }
        if (pageCount < 2 || !inMargin(line))
            continue;
        const QString key = masked(line.text);
        const double y = line.box.center().y();
        const qsizetype onPages = std::max(grid.value({ key, int(std::floor(y / 8)) }).size(),
            shifted.value({ key, int(std::floor((y + 4) / 8)) }).size());
        if (onPages >= repeated)
            line.dropped = true;
    }
}

/// The page's lines in reading order: the page is cut where whitespace runs across all of
/// it, into bands from the top down, and where none does, into columns from the left.
QList<qsizetype> readingOrder(QList<Line> &lines, const QList<qsizetype> &page)
{
    struct Region
    {
        QList<qsizetype> lines;
        int depth = 0;
    };
    QList<qsizetype> order;
    order.reserve(page.size());
    QList<Region> stack = { { page, 0 } };
    auto leaf = [&](QList<qsizetype> region) {
        std::sort(region.begin(), region.end(), [&](qsizetype a, qsizetype b) {
            const QRectF &first = lines.at(a).box;
            const QRectF &second = lines.at(b).box;
            return first.top() != second.top() ? first.top() < second.top()
                                               : first.left() < second.left();
        });
        double left = 1e18;
        double right = -1e18;
        for (qsizetype i : std::as_const(region)) {
            left = std::min(left, lines.at(i).box.left());
            right = std::max(right, lines.at(i).box.right());
        }
        for (qsizetype i : std::as_const(region)) {
            lines[i].leafLeft = left;
            lines[i].leafRight = right;
        }
        order += region;
    };
    // Cuts the region along one axis where a gap wider than minimumGap runs across it.
    auto cut = [&](const QList<qsizetype> &region, bool vertical, double minimumGap) {
        QList<qsizetype> sorted = region;
        auto low = [&](qsizetype i) {
            return vertical ? lines.at(i).box.left() : lines.at(i).box.top();
        };
        auto high = [&](qsizetype i) {
            return vertical ? lines.at(i).box.right() : lines.at(i).box.bottom();
        };
        std::sort(sorted.begin(), sorted.end(),
            [&](qsizetype a, qsizetype b) { return low(a) < low(b); });
        QList<QList<qsizetype>> parts = { {} };
        double reach = -1e18;
        for (qsizetype i : std::as_const(sorted)) {
            if (!parts.back().isEmpty() && low(i) - reach > minimumGap)
                parts.append(QList<qsizetype>());
            parts.back().append(i);
            reach = std::max(reach, high(i));
        }
        return parts;
    };
    while (!stack.isEmpty()) {
        const Region region = stack.takeLast();
        if (region.lines.size() <= 1 || region.depth >= MaximumCuts
            || region.lines.size() > MaximumCutLines) {
            leaf(region.lines);
            continue;
        }
        QList<double> heights;
        for (qsizetype i : region.lines)
            heights.append(lines.at(i).height);
        const double size = std::max(1.0, median(heights));
        // Bands need a gap of about a line, more than lines of side-by-side columns leave
        // between them; columns need less than a word's width of gutter.
        QList<QList<qsizetype>> parts = cut(region.lines, false, 0.9 * size);
        if (parts.size() == 1)
            parts = cut(region.lines, true, 0.5 * size);
        if (parts.size() == 1) {
            leaf(region.lines);
            continue;
        }
        for (qsizetype p = parts.size() - 1; p >= 0; --p)
            stack.append({ parts.at(p), region.depth + 1 });
    }
    return order;
}

bool isBullet(const QString &text)
{
    return text.size() == 1
        && (text == u"\u2022" || text == u"\u25E6" || text == u"\u25AA" || text == u"\u25CF"
            || text == u"\u2013" || text == u"-" || text == u"*" || text == u"\u00B7");
}

QString withoutClosers(const QString &text)
{
    qsizetype end = text.size();
    while (end > 0) {
        const QChar c = text.at(end - 1);
        if (c == u'"' || c == u'\'' || c == u'\u201D' || c == u'\u2019' || c == u'\u00BB'
            || c == u')' || c == u']' || c == u' ')
            --end;
        else
            break;
    }
    return text.left(end);
}

bool endsSentence(const QString &text)
{
    const QString core = withoutClosers(text);
    if (core.isEmpty())
        return false;
    const QChar last = core.back();
    return last == u'.' || last == u'!' || last == u'?' || last == u':' || last == u'\u2026';
}

bool endsWithHyphen(const QString &text)
{
    if (text.size() < 2)
        return false;
    const QChar last = text.back();
    return (last == u'-' || last == u'\u2010' || last == u'\u00AD')
        && text.at(text.size() - 2).isLetter();
}

QString lastWord(const QString &text)
{
    const qsizetype space = text.lastIndexOf(u' ');
    return text.mid(space + 1);
}

QString firstWord(const QString &text)
{
    qsizetype end = 0;
    while (end < text.size() && text.at(end).isLetter())
        ++end;
    return text.left(end);
}

/// The words a document writes with a hyphen inside a line ("well-known"), so that one
/// split at a line's end keeps its hyphen.
QSet<QString> hyphenatedWords(const QList<Line> &lines)
{
    QSet<QString> words;
    for (const Line &line : lines) {
        const QString &text = line.text;
        for (qsizetype i = 1; i + 1 < text.size(); ++i) {
            if (text.at(i) != u'-' || !text.at(i - 1).isLetter() || !text.at(i + 1).isLetter())
                continue;
            qsizetype start = i;
            while (start > 0 && text.at(start - 1).isLetter())
                --start;
            qsizetype end = i + 1;
            while (end < text.size() && text.at(end).isLetter())
                ++end;
            words.insert(text.mid(start, end - start).toLower());
        }
    }
    return words;
}

/// Appends a line to a paragraph: a word split at the line's end is joined again.
void join(QString &paragraph, const QString &line, const QSet<QString> &hyphenated)
{
    if (paragraph.isEmpty()) {
        paragraph = line;
        return;
    }
    if (endsWithHyphen(paragraph) && !line.isEmpty() && line.front().isLower()) {
        const QChar hyphen = paragraph.back();
        const QString whole = lastWord(paragraph) + firstWord(line);
        // A soft hyphen is never written; a hard one stays when the document writes the
        // word with it elsewhere.
        if (hyphen == u'\u00AD' || !hyphenated.contains(whole.toLower()))
            paragraph.chop(1);
        paragraph += line;
        return;
    }
    if (paragraph.endsWith(u'\u00AD'))
        paragraph.chop(1);
    paragraph += u' ' + line;
}

} // namespace

PdfText read(const QList<PdfPage> &pages, bool titleFromLayout)
{
    QList<Line> lines;
    for (qsizetype p = 0; p < pages.size(); ++p)
        lines += linesOf(pages.at(p), int(p));
    dropPageFurniture(lines, pages);

    // Reading order, page by page.
    QList<qsizetype> order;
    order.reserve(lines.size());
    {
        QList<qsizetype> page;
        for (qsizetype i = 0; i <= lines.size(); ++i) {
            if (i == lines.size()
                || (!page.isEmpty() && lines.at(i).page != lines.at(page.back()).page)) {
                order += readingOrder(lines, page);
                page.clear();
            }
            if (i < lines.size() && !lines.at(i).dropped)
                page.append(i);
        }
    }

    // The size of body text, and how far apart its lines usually are (relative to it).
    QList<double> sizes;
    QList<double> spacings;
    for (qsizetype k = 0; k < order.size(); ++k) {
        const Line &line = lines.at(order.at(k));
        for (qsizetype c = 0; c < line.text.size(); c += 8)
            sizes.append(line.height);
        if (k == 0)
            continue;
        const Line &previous = lines.at(order.at(k - 1));
        const double delta = line.box.top() - previous.box.top();
        if (previous.page == line.page && delta > 0 && delta < 3 * line.height
            && std::abs(previous.height - line.height) < 0.1 * line.height
            && line.box.left() < previous.box.right() && previous.box.left() < line.box.right())
            spacings.append(delta / line.height);
    }
    const double bodySize = std::max(1.0, median(sizes));
    const double spacing = spacings.size() >= 3 ? median(spacings) : 1.2;

    // The title: the first page's largest text, when it stands out from the body.
    QSet<qsizetype> titleLines;
    PdfText result;
    if (titleFromLayout) {
        double largest = 0;
        for (qsizetype i : std::as_const(order)) {
            if (lines.at(i).page == 0)
                largest = std::max(largest, lines.at(i).height);
        }
        if (largest >= 1.2 * bodySize) {
            QStringList parts;
            for (qsizetype i : std::as_const(order)) {
                const Line &line = lines.at(i);
                if (line.page != 0)
                    break;
                if (line.height >= 0.95 * largest) {
                    parts.append(line.text);
                    titleLines.insert(i);
                } else if (!parts.isEmpty()) {
                    break;
                }
            }
            result.title = parts.join(u' ');
        }
    }

    // How this document marks a paragraph within a column: by indenting its first line, by
    // space above it, or not at all (then only a short line ending a sentence tells).
    struct Step
    {
        bool resized = false;
        bool below = false; ///< the line is under the previous one, in the same column
        bool gap = false;
        bool indented = false;
        double size = 0;
    };
    auto stepBetween = [&](const Line &previous, const Line &line) {
        Step step;
        step.size = std::max(line.height, previous.height);
        step.resized = std::abs(line.height - previous.height)
            > 0.2 * std::min(line.height, previous.height);
        step.below = line.page == previous.page && line.box.top() > previous.box.top()
            && line.box.left() < previous.box.right() && previous.box.left() < line.box.right();
        if (step.below) {
            step.gap = (line.box.top() - previous.box.top()) / step.size > spacing * 1.3;
            step.indented = line.box.left() > previous.box.left() + 0.8 * step.size;
        } else {
            step.indented = line.box.left() > line.leafLeft + 0.8 * step.size;
        }
        return step;
    };
    int indents = 0;
    int gaps = 0;
    for (qsizetype k = 1; k < order.size(); ++k) {
        const Step step = stepBetween(lines.at(order.at(k - 1)), lines.at(order.at(k)));
        if (step.below && !step.resized) {
            indents += step.indented ? 1 : 0;
            gaps += step.gap ? 1 : 0;
        }
    }
    const bool marksByIndent = indents >= 2 && indents >= gaps;
    const bool marksByGap = gaps >= 2 && gaps > indents;

    const QSet<QString> hyphenated = hyphenatedWords(lines);
    QString text;
    int linesInParagraph = 0;
    bool heading = false;
    auto flush = [&] {
        if (!text.isEmpty()) {
            Paragraph paragraph;
            paragraph.text = cleanText(text);
            paragraph.kind = heading                           ? ParagraphKind::Heading
                : TextBlocks::looksLikeCaption(paragraph.text) ? ParagraphKind::Caption
                                                               : ParagraphKind::Paragraph;
            if (!paragraph.text.trimmed().isEmpty())
                result.paragraphs.append(paragraph);
        }
        text.clear();
        linesInParagraph = 0;
    };
    const Line *previous = nullptr;
    bool firstParagraphIsOneLine = false;
    QString bullet; // a list's bullet, which PDFs often set apart from its item
    for (qsizetype i : std::as_const(order)) {
        if (titleLines.contains(i))
            continue;
        const Line &line = lines.at(i);
        if (isBullet(line.text)) {
            bullet = line.text;
            continue;
        }
        bool breaks = previous == nullptr;
        if (previous) {
            const Step step = stepBetween(*previous, line);
            const bool sentence = endsSentence(previous->text) && !endsWithHyphen(previous->text);
            const bool shortLine = previous->box.right() < previous->leafRight - 2.5 * step.size;
            if (step.resized) {
                breaks = true;
            } else if (step.below) {
                // A short last line is a sign only where nothing else marks paragraphs:
                // ragged lines of narrow columns are often short.
                breaks = step.gap || step.indented
                    || (!marksByIndent && !marksByGap && sentence && shortLine);
            } else if (marksByIndent) {
                // Into the next column or page: a paragraph goes on there unless the line
                // there is indented, or, where space marks paragraphs, a sentence ended
                // short at the foot of the last.
                breaks = step.indented;
            } else if (marksByGap) {
                breaks = sentence && shortLine;
            } else {
                breaks = sentence || step.indented;
            }
        }
        if (breaks || !bullet.isEmpty()) {
            if (result.paragraphs.isEmpty() && !text.isEmpty())
                firstParagraphIsOneLine = linesInParagraph == 1;
            flush();
            heading = line.height >= 1.3 * bodySize;
        }
        if (!bullet.isEmpty()) {
            text = bullet;
            bullet.clear();
        }
        join(text, line.text, hyphenated);
        ++linesInParagraph;
        previous = &line;
    }
    if (result.paragraphs.isEmpty() && !text.isEmpty())
        firstParagraphIsOneLine = linesInParagraph == 1;
    flush();

    // Without larger text, a short first line that stands alone is the title.
    if (titleFromLayout && result.title.isEmpty() && result.paragraphs.size() > 1
        && firstParagraphIsOneLine && result.paragraphs.front().text.size() <= 120
        && !endsSentence(result.paragraphs.front().text)) {
        result.title = result.paragraphs.takeFirst().text;
    }
    result.title = simplifyLine(cleanText(result.title));
    return result;
}

} // namespace PdfLayout
