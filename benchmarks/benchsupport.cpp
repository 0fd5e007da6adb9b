#include "benchsupport.h"

#include <QDir>
#include <QFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bench {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

qint64 peakMemoryKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').front().toLongLong();
    }
    return -1;
}

Spread spread(QList<double> samples)
{
    std::sort(samples.begin(), samples.end());
    if (samples.isEmpty())
        return {};
    return { samples.at(samples.size() / 2), samples.back() };
}

// A deterministic vocabulary with the Zipf distribution of real prose: the common words of
// English news first, then tens of thousands of rarer made-up words, so that a query matches
// a realistic share of the library (a common word many articles, a rare one few).
namespace {

class Vocabulary
{
public:
    Vocabulary()
    {
        m_words = QStringLiteral(
            "the of to and a in that is for on it with said was he as at by be from his have "
            "has but are an not they who this were which had their been its will would also "
            "more after one two new last first year people government minister market "
            "company police court report election council bank prices week month city "
            "country world economy players season club film music technology phone users "
            "health hospital school energy budget plan policy law judge trial officials "
            "spokesman analysts profit sales deal talks agreement workers jobs inflation")
                      .split(u' ', Qt::SkipEmptyParts);
        static const char16_t *syllables[] = { u"ka", u"lo", u"mi", u"ter", u"an", u"sul", u"ven",
            u"ro", u"di", u"ne", u"bar", u"os", u"qui", u"tal", u"em", u"por", u"li", u"gra", u"fe",
            u"zu", u"nor", u"is", u"cho", u"dem" };
        QRandomGenerator random(42);
        while (m_words.size() < 40000) {
            QString word;
            const int parts = 2 + int(random.bounded(3));
            for (int i = 0; i < parts; ++i)
                word += QString::fromUtf16(syllables[random.bounded(24)]);
            m_words.append(word);
        }
        double total = 0;
        for (qsizetype rank = 1; rank <= m_words.size(); ++rank) {
            total += 1.0 / double(rank);
            m_cumulative.append(total);
        }
    }

    QString pick(QRandomGenerator &random) const
    {
        const double target = random.generateDouble() * m_cumulative.back();
        const auto it = std::lower_bound(m_cumulative.cbegin(), m_cumulative.cend(), target);
        return m_words.at(qMin<qsizetype>(it - m_cumulative.cbegin(), m_words.size() - 1));
    }
    QString atRank(int rank) const { return m_words.at(rank); }

private:
    QStringList m_words;
    QList<double> m_cumulative;
};

const Vocabulary &vocabulary()
{
    static const Vocabulary words;
    return words;
}

} // namespace

QString sentence(QRandomGenerator &random)
{
    const int length = 8 + int(random.bounded(14));
    QString text;
    for (int i = 0; i < length; ++i) {
        if (i > 0)
            text += u' ';
        text += vocabulary().pick(random);
    }
    text[0] = text.at(0).toUpper();
    return text + u'.';
}

QByteArray generatedArticle(QRandomGenerator &random, int number)
{
    QString text = u"Story %1: "_s.arg(number) + sentence(random).chopped(1) + u"\n\n"_s;
    const int paragraphs = 5 + int(random.bounded(6));
    for (int p = 0; p < paragraphs; ++p) {
        const int sentences = 2 + int(random.bounded(4));
        for (int s = 0; s < sentences; ++s)
            text += (s > 0 ? u" "_s : QString()) + sentence(random);
        text += u"\n\n"_s;
    }
    return text.toUtf8();
}

void generateCorpus(const QString &folder, int count)
{
    QRandomGenerator random(20261129);
    for (int i = 0; i < count; ++i) {
        const QString dir = u"%1/%2"_s.arg(folder).arg(i / 1000, 3, 10, QChar(u'0'));
        if (i % 1000 == 0)
            QDir().mkpath(dir);
        QFile file(u"%1/%2.txt"_s.arg(dir).arg(i, 6, 10, QChar(u'0')));
        if (file.open(QIODevice::WriteOnly))
            file.write(generatedArticle(random, i));
    }
}


double percentile(QList<double> samples, double share)
{
    if (samples.isEmpty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const qsizetype index = std::min<qsizetype>(samples.size() - 1, qsizetype(share * samples.size()));
    return samples.at(index);
}

QString wordAtRank(int rank)
{
    return vocabulary().atRank(rank);
}

} // namespace Bench
