#pragma once

#include <QString>
#include <QStringList>

class QTextStream;

/// The gloss binary without a window: its verbs (see verbs.h), --help and --version. Each verb
/// prints its result on out; any error is one sentence on err and a non-zero exit code.
namespace CommandLine {

enum ExitCode { Success = 0, Failure = 1, PartialFailure = 2 };

/// True when the first argument names a verb (so main() need not create a window).
bool isVerb(const QString &argument);

/// arguments as from QCoreApplication::arguments(): program, verb, options…
int run(const QStringList &arguments, QTextStream &out, QTextStream &err);

/// Where the user's library lives when --library is not given.
QString defaultLibraryPath();

/// gloss --help: every verb with one line each, and the window's own options.
QString helpText();
/// The verb nearest to a word the user typed ("improt" → "import"), or empty.
QString suggestionFor(const QString &word);

} // namespace CommandLine
