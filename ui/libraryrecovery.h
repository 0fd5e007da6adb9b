#pragma once

#include <QString>

class QWidget;

/// The way out of a damaged library in the window: the sentence naming the damage, and an offer
/// to copy what can still be read into a new library, run on a worker with its steps shown.
/// The damaged file is only ever read.
namespace LibraryRecovery {

/// Tells the damage and offers recovery; the new library's path when one was made, or empty.
QString offer(QWidget *parent, const QString &damagedPath, const QString &sentence);
/// Asks where the new library goes (beside the damaged one by default) and recovers into it.
QString chooseAndRecover(QWidget *parent, const QString &damagedPath);
/// Recovers into target, showing progress; the target's path on success, else empty after
/// telling why.
QString recoverInto(QWidget *parent, const QString &damagedPath, const QString &target);

} // namespace LibraryRecovery
