#include "ftsquery.h"

#include <QCoreApplication>
#include <QSet>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace FtsQuery {

namespace {

bool hasWordCharacter(const QString &term)
{
    return std::any_of(term.cbegin(), term.cend(), [](QChar c) { return c.isLetterOrNumber(); });
}

QString quoted(QString term)
{
    term.replace(u'"', u"\"\""_s);
    return u'"' + term + u'"';
}

struct Term
{
    QString text;
    bool phrase = false;
    bool excluded = false;
    bool orOperator = false;
};

QList<Term> termsOf(const QString &text, int *dropped);

} // namespace

QString limitNote(const QString &text)
{
    int dropped = 0;
    (void)termsOf(text, &dropped);
    if (dropped == 0)
        return {};
    return QCoreApplication::translate("FtsQuery",
        "Only the first %1 different words were searched; %2 more were left out.")
        .arg(MaximumTerms)
        .arg(dropped);
}

namespace {

QList<Term> termsOf(const QString &text, int *dropped)
{
    QSet<QString> seen;
    QList<Term> terms;
    qsizetype i = 0;
    const qsizetype size = text.size();
    while (i < size) {
        while (i < size && text.at(i).isSpace())
            ++i;
        if (i >= size)
            break;
        Term term;
        if (text.at(i) == u'-' && i + 1 < size && !text.at(i + 1).isSpace()) {
            term.excluded = true;
            ++i;
        }
        if (text.at(i) == u'"') {
            const qsizetype end = text.indexOf(u'"', i + 1);
            term.phrase = true;
            term.text = text.mid(i + 1, end < 0 ? -1 : end - i - 1);
            i = end < 0 ? size : end + 1;
        } else {
            const qsizetype start = i;
            while (i < size && !text.at(i).isSpace())
                ++i;
            term.text = text.mid(start, i - start);
            term.orOperator = !term.excluded && term.text == u"OR"_s;
        }
        if (!term.orOperator && !hasWordCharacter(term.text))
            continue;
        // A term typed again adds nothing to an AND; past the cap, terms are counted, not
        // searched.
        const QString key = (term.excluded ? u"-"_s : QString()) + (term.phrase ? u"\""_s : QString())
            + term.text.toCaseFolded();
        if (!term.orOperator && seen.contains(key))
            continue;
        if (!term.orOperator && seen.size() >= MaximumTerms) {
            ++*dropped;
            continue;
        }
        if (!term.orOperator)
            seen.insert(key);
        terms.append(term);
    }
    return terms;
}

} // namespace

QString fromUserText(const QString &text)
{
    int dropped = 0;
    const QList<Term> terms = termsOf(text, &dropped);
    const bool typingLastWord = !text.isEmpty() && !text.back().isSpace();

    QStringList parts;
    bool pendingOr = false;
    for (qsizetype k = 0; k < terms.size(); ++k) {
        const Term &term = terms.at(k);
        if (term.orOperator) {
            pendingOr = !parts.isEmpty();
            continue;
        }
        QString expression = quoted(term.text);
        // One or two letters would match a large part of the vocabulary: they must be typed
        // out; from three on the prefix index answers at once.
        if (k == terms.size() - 1 && typingLastWord && !term.phrase && !term.excluded
            && term.text.size() >= 3)
            expression += u'*';
        if (term.excluded) {
            // FTS5's NOT needs something on its left; an exclusion alone searches nothing.
            if (!parts.isEmpty())
                parts.append(u"NOT "_s + expression);
        } else {
            parts.append(pendingOr && !parts.isEmpty() ? u"OR "_s + expression : expression);
        }
        pendingOr = false;
    }
    return parts.join(u' ');
}

} // namespace FtsQuery
