#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

/// Whether a library file is whole, and what can be saved from one that is not.
///
/// Opening runs a quick check bounded in time (SQLite's quick_check, interrupted when its
/// budget is spent), so that a small library is checked whole before anything touches it and a
/// large one at least in part; the window then checks large libraries whole on a worker, and
/// the command line before it writes. A damaged library is never written into: it is refused,
/// and recover() copies what SQLite can still read into a new file (SQLite's own recovery).
namespace LibraryCheck {

struct Outcome
{
    bool complete = true; ///< false when the budget ran out before the end
    QStringList problems; ///< SQLite's words for each damage found; empty when whole
};

/// Checks the structure of every page the check reaches within budgetMs (0: no limit).
[[nodiscard]] Result<Outcome> quick(const QString &connection, int budgetMs);
/// Checks every page, then that the full-text indexes agree with the text they index.
/// Stops, with nothing decided, when cancel is set.
[[nodiscard]] Result<Outcome> full(const QString &connection, const std::atomic_bool *cancel);

/// One sentence for the user naming the damage found.
QString describe(const QString &path, const Outcome &outcome);

struct Recovered
{
    qint64 articles = 0;
    qint64 highlights = 0;
    qint64 tags = 0;
    QString path;
};

/// Copies what can be read of a damaged library into a new library file at target (which must
/// not exist), rebuilds its full-text indexes and checks it. The damaged file is only read.
[[nodiscard]] Result<Recovered> recover(const QString &damaged, const QString &target,
    const std::function<void(const QString &step)> &progress = {});

} // namespace LibraryCheck
