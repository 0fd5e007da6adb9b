#pragma once

#include <QString>
#include <QStringList>

class QTextStream;

/// The verbs of the gloss binary that run without a window: import, parse, stats, search.
/// Each prints its result on out; any error is one sentence on err and a non-zero exit code.
namespace CommandLine {

enum ExitCode { Success = 0, Failure = 1, PartialFailure = 2 };

/// True when the first argument names a verb (so main() need not create a window).
bool isVerb(const QString &argument);

/// arguments as from QCoreApplication::arguments(): program, verb, options…
int run(const QStringList &arguments, QTextStream &out, QTextStream &err);

/// Where the user's library lives when --library is not given.
QString defaultLibraryPath();

} // namespace CommandLine
