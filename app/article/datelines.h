#pragma once

#include <QDate>
#include <QStringView>

/// Dates as news databases print them, in English, German, French, Spanish, Italian, Dutch and
/// Portuguese: "January 11, 2010 Monday", "11 January 2010", "Monday 5:00 PM GMT" after a
/// date, "Montag, 11. Januar 2010", "mardi 10 décembre 2019", "10 de enero de 2010",
/// "2010-01-11", "11.01.2010". Month and weekday names are matched without regard to case or
/// accents. Linear in the length of the text.
namespace DateLines {

/// The first date in text, or an invalid date.
QDate parse(QStringView text);

/// True when the whole line is a date (with perhaps a weekday, a time, a time zone): a
/// headline that mentions a date is not one.
bool isDateLine(QStringView line);

/// The month (1–12) a word names in one of the languages, or 0.
int monthOf(QStringView word);

/// True for a weekday's name in one of the languages.
bool isWeekday(QStringView word);

} // namespace DateLines
