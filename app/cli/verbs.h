#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class QTextStream;

/// The verbs of the command line, one function each: the arguments as the program got them
/// (program, verb, options…); the result on out, errors on err; the exit code.
namespace CommandLine {

using VerbFunction = int (*)(const QStringList &arguments, QTextStream &out, QTextStream &err);

struct VerbEntry
{
    QString name;
    QString summary; ///< one line for gloss --help
    VerbFunction run = nullptr;
};

/// Every verb, in the order gloss --help lists them.
const QList<VerbEntry> &verbs();

int runImport(const QStringList &arguments, QTextStream &out, QTextStream &err);
int runParse(const QStringList &arguments, QTextStream &out, QTextStream &err);
int runStats(const QStringList &arguments, QTextStream &out, QTextStream &err);
int runSearch(const QStringList &arguments, QTextStream &out, QTextStream &err);
int runRecover(const QStringList &arguments, QTextStream &out, QTextStream &err);
int runExport(const QStringList &arguments, QTextStream &out, QTextStream &err);
int runImportAnnotations(const QStringList &arguments, QTextStream &out, QTextStream &err);
int runImportProject(const QStringList &arguments, QTextStream &out, QTextStream &err);
int runQuotes(const QStringList &arguments, QTextStream &out, QTextStream &err);
int runSpeakers(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace CommandLine
