#pragma once

#include "core/result.h"

#include <QList>
#include <QString>
#include <QVariantList>

#include <functional>
#include <optional>

class LibraryStore;

/// One condition on the articles of a list: a kind and its values. The library answers its own
/// kinds; the layers above answer theirs through a registered filter (tags, speakers, …).
struct ArticleFilter
{
    QString kind;
    QVariantList values;

    friend bool operator==(const ArticleFilter &a, const ArticleFilter &b)
    {
        return a.kind == b.kind && a.values == b.values;
    }
};

/// A piece of SQL with its bound values: a condition on `a.id` (an article of the list), or a
/// query of article ids.
struct SqlFragment
{
    QString sql;
    QVariantList values;
};

/// How the layers above the library take part in what it does without the library knowing
/// them (Okular's document observers, Strawberry's backend signals): each layer registers its
/// hooks once at start, and the store calls whatever is registered. Registration is not
/// thread-safe and must happen before any library is opened; calls are (hooks hold no state).
namespace LibraryHooks {

/// Runs inside the transaction that gave an article a new text (a re-import in place), so data
/// derived from the text (highlight anchors, the speaker index) changes with it or not at all.
using TextChanged
    = std::function<Result<void>(LibraryStore &store, qint64 articleId, const QString &body)>;
/// Runs inside the transaction that removes an article, before its row goes.
using Removed = std::function<Result<void>(LibraryStore &store, qint64 articleId)>;
/// The condition for a filter kind this layer answers, or nullopt when the kind is not its own.
using Filter = std::function<std::optional<Result<SqlFragment>>(const ArticleFilter &filter)>;
/// A query of the ids of articles that match a full-text expression through this layer's data
/// (the highlighted text and notes of their highlights), bound to the expression.
using TextMatch = std::function<SqlFragment(const QString &ftsExpression)>;
/// A figure for `gloss stats`: its name and a query of one number.
struct Counter
{
    QString name;
    QString sql;
};

/// Puts right what a crash left (an import of annotations that died half way) when a program
/// opens a library: `pending` is a query of one number, non-zero when there is work, so that
/// opening a healthy library writes nothing; `run` then runs in a write transaction.
struct Recovery
{
    QString pending;
    std::function<Result<void>(LibraryStore &store)> run;
};

void addTextChanged(TextChanged hook);
void addRecovery(Recovery hook);
void addRemoved(Removed hook);
void addFilter(Filter hook);
void addTextMatch(TextMatch hook);
void addCounter(Counter counter);

const QList<TextChanged> &textChanged();
const QList<Recovery> &recoveries();
const QList<Removed> &removed();
const QList<Filter> &filters();
const QList<TextMatch> &textMatches();
const QList<Counter> &counters();

/// Forgets every hook (tests that check the library alone).
void clear();

} // namespace LibraryHooks
