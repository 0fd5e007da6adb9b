#pragma once

#include <QList>
#include <QRandomGenerator>
#include <QString>
#include <QTextStream>

/// What the benchmarks share: their output, memory and timing summaries, and the generated
/// corpus (prose with the word frequencies of real news text).
namespace Bench {

QTextStream &out();
qint64 peakMemoryKiB();

struct Spread
{
    double median = 0;
    double worst = 0;
};
Spread spread(QList<double> samples);
/// The value below which this share (0–1) of the samples lie.
double percentile(QList<double> samples, double share);

QString sentence(QRandomGenerator &random);
QByteArray generatedArticle(QRandomGenerator &random, int number);
/// Writes count article files into folder, a thousand a subfolder.
void generateCorpus(const QString &folder, int count);
/// The word of this rank in the vocabulary (0 is the most frequent).
QString wordAtRank(int rank);

} // namespace Bench

/// Highlight creation latency in the window while a 100,000-article import and a 50,000-
/// annotation import run (editlatency.cpp).
void benchEditLatency(const QString &work, int articles);
/// Time against input size for each parser and the quote detector (scaling.cpp).
void benchScaling();
/// Web annotations and a REFI-QDA project imported at scale (exchange.cpp).
void benchExchange(const QString &work);
/// How fast each input format is read: the Readability pages, a 500-page PDF, Nexis exports,
/// Word and RTF documents (inputs.cpp).
void benchInputs(const QString &work);
