#include "datelines.h"

#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QString>

using namespace Qt::StringLiterals;

namespace DateLines {

namespace {

// A date is at the start of what is read; past this many words the rest is not looked at, so
// a long text costs no more than a short one.
constexpr int MaximumTokens = 32;
constexpr qsizetype MaximumDateLine = 120;

/// Lower case without accents: "Décembre" and "decembre" are one word.
QString folded(QStringView word)
{
    const QString decomposed = word.toString().toLower().normalized(QString::NormalizationForm_D);
    QString out;
    out.reserve(decomposed.size());
    for (QChar c : decomposed) {
        if (c.category() != QChar::Mark_NonSpacing)
            out += c;
    }
    return out;
}

const QHash<QString, int> &months()
{
    static const QHash<QString, int> table = [] {
        // Full names and the abbreviations databases print, folded; one list per month.
        const QList<QStringList> names = {
            { u"january"_s, u"jan"_s, u"januar"_s, u"janner"_s, u"janvier"_s, u"janv"_s, u"enero"_s,
                u"ene"_s, u"gennaio"_s, u"gen"_s, u"januari"_s, u"janeiro"_s },
            { u"february"_s, u"feb"_s, u"febr"_s, u"februar"_s, u"fevrier"_s, u"fevr"_s, u"fev"_s,
                u"febrero"_s, u"febbraio"_s, u"februari"_s, u"fevereiro"_s },
            { u"march"_s, u"mar"_s, u"marz"_s, u"mrz"_s, u"mars"_s, u"marzo"_s, u"maart"_s,
                u"mrt"_s, u"marco"_s },
            { u"april"_s, u"apr"_s, u"avril"_s, u"avr"_s, u"abril"_s, u"abr"_s, u"aprile"_s },
            { u"may"_s, u"mai"_s, u"mayo"_s, u"maggio"_s, u"mag"_s, u"mei"_s, u"maio"_s },
            { u"june"_s, u"jun"_s, u"juni"_s, u"juin"_s, u"junio"_s, u"giugno"_s, u"giu"_s,
                u"junho"_s },
            { u"july"_s, u"jul"_s, u"juli"_s, u"juillet"_s, u"juil"_s, u"julio"_s, u"luglio"_s,
                u"lug"_s, u"julho"_s },
            { u"august"_s, u"aug"_s, u"aout"_s, u"agosto"_s, u"ago"_s, u"augustus"_s },
            { u"september"_s, u"sep"_s, u"sept"_s, u"septembre"_s, u"septiembre"_s, u"setiembre"_s,
                u"settembre"_s, u"set"_s, u"setembro"_s },
            { u"october"_s, u"oct"_s, u"oktober"_s, u"okt"_s, u"octobre"_s, u"octubre"_s,
                u"ottobre"_s, u"ott"_s, u"outubro"_s, u"out"_s },
            { u"november"_s, u"nov"_s, u"novembre"_s, u"noviembre"_s, u"novembro"_s },
            { u"december"_s, u"dec"_s, u"dezember"_s, u"dez"_s, u"decembre"_s, u"diciembre"_s,
                u"dic"_s, u"dicembre"_s, u"dezembro"_s },
        };
        QHash<QString, int> byName;
        for (qsizetype month = 0; month < names.size(); ++month) {
            for (const QString &name : names.at(month))
                byName.insert(name, int(month) + 1);
        }
        return byName;
    }();
    return table;
}

bool inList(const QString &word, std::initializer_list<const char16_t *> list)
{
    for (const char16_t *entry : list) {
        if (word == QStringView(entry))
            return true;
    }
    return false;
}

bool isWeekdayFolded(const QString &word)
{
    return inList(word,
        { u"monday", u"tuesday", u"wednesday", u"thursday", u"friday", u"saturday", u"sunday",
            u"mon", u"tue", u"tues", u"wed", u"thu", u"thur", u"thurs", u"fri", u"sat", u"sun",
            u"montag", u"dienstag", u"mittwoch", u"donnerstag", u"freitag", u"samstag",
            u"sonnabend", u"sonntag", u"lundi", u"mardi", u"mercredi", u"jeudi", u"vendredi",
            u"samedi", u"dimanche", u"lunes", u"martes", u"miercoles", u"jueves", u"viernes",
            u"sabado", u"domingo", u"lunedi", u"martedi", u"mercoledi", u"giovedi", u"venerdi",
            u"domenica", u"maandag", u"dinsdag", u"woensdag", u"donderdag", u"vrijdag", u"zaterdag",
            u"zondag", u"segunda", u"terca", u"quarta", u"quinta", u"sexta", u"feira" });
}

/// Words that sit between the parts of a date: "10 de enero de 2010", "the 1st of May".
bool isConnector(const QString &word)
{
    return inList(
        word, { u"de", u"del", u"of", u"the", u"le", u"den", u"der", u"am", u"el", u"di", u"du" });
}

bool isOrdinal(const QString &word)
{
    return inList(word, { u"st", u"nd", u"rd", u"th", u"er", u"e", u"o", u"a" });
}

/// What may follow a date on its line: the time of day and its zone.
bool isClockWord(const QString &word)
{
    return inList(word,
        { u"am", u"pm", u"a", u"p", u"m", u"gmt", u"utc", u"bst", u"cet", u"cest", u"est", u"edt",
            u"pst", u"pdt", u"cst", u"cdt", u"mst", u"mdt", u"mez", u"mesz", u"ist", u"aest",
            u"aedt", u"jst", u"hkt", u"sgt", u"z", u"uhr", u"h" });
}

/// The edition printed on the date's line: "Late Edition - Final".
bool isEditionWord(const QString &word)
{
    return inList(word,
        { u"edition", u"editions", u"late", u"early", u"final", u"national", u"international",
            u"city", u"star", u"ausgabe", u"edicion", u"edizione", u"editie" });
}

struct Token
{
    enum Kind { Word, Number, Time } kind = Word;
    QString word; ///< folded, for words
    int value = 0; ///< for numbers
    int digits = 0;
};

QList<Token> tokens(QStringView text)
{
    QList<Token> list;
    qsizetype i = 0;
    const qsizetype size = text.size();
    while (i < size && list.size() < MaximumTokens) {
        const QChar c = text.at(i);
        if (c.isLetter()) {
            const qsizetype start = i;
            while (i < size && (text.at(i).isLetter() || text.at(i).isMark()) && i - start < 24)
                ++i;
            list.append({ Token::Word, folded(text.sliced(start, i - start)), 0, 0 });
            while (i < size && text.at(i).isLetter())
                ++i;
        } else if (c.isDigit()) {
            const qsizetype start = i;
            while (i < size && text.at(i).isDigit() && i - start < 9)
                ++i;
            Token token { Token::Number, {}, text.sliced(start, i - start).toInt(),
                int(i - start) };
            // "5:00", "17:30:05": a time of day, not a day of the month.
            if (i + 1 < size && text.at(i) == u':' && text.at(i + 1).isDigit()) {
                token.kind = Token::Time;
                while (i < size && (text.at(i).isDigit() || text.at(i) == u':'))
                    ++i;
            }
            while (i < size && text.at(i).isDigit())
                ++i;
            list.append(token);
        } else {
            ++i;
        }
    }
    return list;
}

bool isDay(const Token &token)
{
    return token.kind == Token::Number && token.digits <= 2 && token.value >= 1
        && token.value <= 31;
}

bool isYear(const Token &token)
{
    return token.kind == Token::Number && token.digits == 4 && token.value >= 1000;
}

bool skippable(const Token &token)
{
    return token.kind == Token::Word && (isConnector(token.word) || isOrdinal(token.word));
}

/// A date around the month name at index k, or an invalid one.
QDate dateAround(const QList<Token> &list, qsizetype k, int month)
{
    int day = 0;
    qsizetype before = k - 1;
    while (before >= 0 && before >= k - 2 && skippable(list.at(before)))
        --before;
    if (before >= 0 && isDay(list.at(before)))
        day = list.at(before).value;
    qsizetype after = k + 1;
    while (after < list.size() && after <= k + 2 && skippable(list.at(after)))
        ++after;
    if (after < list.size() && isDay(list.at(after))) {
        if (day == 0)
            day = list.at(after).value;
        ++after;
    }
    // The year comes within a few words: after a day, a comma, "de", an ordinal or a weekday.
    for (qsizetype i = after; i < list.size() && i <= after + 3; ++i) {
        const Token &token = list.at(i);
        if (isYear(token)) {
            const QDate date(token.value, month, day);
            return day > 0 && date.isValid() ? date : QDate();
        }
        if (token.kind != Token::Word || !(skippable(token) || isWeekdayFolded(token.word)))
            break;
    }
    return {};
}

QDate numericDate(QStringView text)
{
    static const QRegularExpression iso(uR"((?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d))"_s);
    static const QRegularExpression dotted(
        uR"((?<!\d)(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?!\d))"_s);
    static const QRegularExpression slashed(uR"((?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d))"_s);
    const QStringView head = text.first(std::min<qsizetype>(text.size(), 200));
    if (const QRegularExpressionMatch m = iso.match(head); m.hasMatch()) {
        const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
        if (date.isValid())
            return date;
    }
    if (const QRegularExpressionMatch m = dotted.match(head); m.hasMatch()) {
        const QDate date(m.captured(3).toInt(), m.captured(2).toInt(), m.captured(1).toInt());
        if (date.isValid())
            return date;
    }
    if (const QRegularExpressionMatch m = slashed.match(head); m.hasMatch()) {
        // American order, unless the first number cannot be a month.
        int month = m.captured(1).toInt();
        int day = m.captured(2).toInt();
        if (month > 12)
            std::swap(month, day);
        const QDate date(m.captured(3).toInt(), month, day);
        if (date.isValid())
            return date;
    }
    return {};
}

} // namespace

int monthOf(QStringView word)
{
    return months().value(folded(word), 0);
}

bool isWeekday(QStringView word)
{
    return isWeekdayFolded(folded(word));
}

QDate parse(QStringView text)
{
    const QList<Token> list = tokens(text);
    for (qsizetype k = 0; k < list.size(); ++k) {
        if (list.at(k).kind != Token::Word)
            continue;
        const int month = months().value(list.at(k).word, 0);
        if (month == 0)
            continue;
        const QDate date = dateAround(list, k, month);
        if (date.isValid())
            return date;
    }
    return numericDate(text);
}

bool isDateLine(QStringView line)
{
    if (line.size() > MaximumDateLine)
        return false;
    const QList<Token> list = tokens(line);
    if (list.isEmpty())
        return false;
    int dateWords = 0;
    int others = 0;
    for (const Token &token : list) {
        const bool dateish = token.kind != Token::Word || months().contains(token.word)
            || isWeekdayFolded(token.word) || skippable(token) || isClockWord(token.word);
        if (dateish)
            ++dateWords;
        else if (!isEditionWord(token.word))
            ++others;
        if (&token == &list.front() && !dateish)
            return false;
    }
    // An edition or a correction note may share the line; a sentence may not.
    if (others > 3 || others * 2 >= dateWords)
        return false;
    return parse(line).isValid();
}

} // namespace DateLines
