#include "quotationmodel.h"

#include <QFont>
#include <QMap>

using namespace Qt::StringLiterals;

QuotationModel::QuotationModel(QObject *parent)
    : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels({ tr("Quotation") });
}

void QuotationModel::setAnalysis(const QuoteAnalysis &analysis)
{
    m_analysis = analysis;
    clear();
    setHorizontalHeaderLabels({ tr("Quotation") });
    QMap<QString, QList<const Quotation *>> bySpeaker;
    for (const Quotation &quotation : std::as_const(m_analysis.quotations)) {
        if (quotation.parent < 0)
            bySpeaker[quotation.speaker].append(&quotation);
    }
    auto addSpeaker = [this](const QString &speaker, const QList<const Quotation *> &quotations) {
        auto *group = new QStandardItem((speaker.isEmpty() ? tr("Unknown speaker") : speaker)
            + u"  ("_s + QString::number(quotations.size()) + u')');
        group->setData(speaker, SpeakerRole);
        for (const Speaker &known : std::as_const(m_analysis.speakers)) {
            if (known.name == speaker && known.mentions.size() > 1)
                group->setToolTip(tr("Named in the article as %1").arg(known.mentions.join(u", ")));
        }
        group->setData(true, IsSpeakerRole);
        group->setEditable(false);
        for (const Quotation *quotation : quotations) {
            auto *item = new QStandardItem(u"“"_s + quotation->text + u"”"_s);
            item->setData(quotation->start, StartRole);
            item->setData(quotation->end, EndRole);
            item->setData(speaker, SpeakerRole);
            item->setData(false, IsSpeakerRole);
            item->setData(quotation->text, TextRole);
            item->setData(quotation->corrected, CorrectedRole);
            // What the user decided reads differently from what Gloss guessed.
            if (quotation->corrected) {
                QFont font = item->font();
                font.setItalic(true);
                item->setFont(font);
                item->setToolTip(tr("%1\n\nSpeaker set by you.").arg(quotation->text));
            } else {
                item->setToolTip(quotation->text);
            }
            item->setEditable(false);
            group->appendRow(item);
        }
        appendRow(group);
    };
    for (auto it = bySpeaker.cbegin(); it != bySpeaker.cend(); ++it) {
        if (!it.key().isEmpty())
            addSpeaker(it.key(), it.value());
    }
    if (bySpeaker.contains(QString()))
        addSpeaker(QString(), bySpeaker.value(QString()));
}

QList<Quotation> QuotationModel::quotationsAt(const QModelIndex &index) const
{
    QList<Quotation> result;
    if (!index.isValid())
        return result;
    const QModelIndex first = index.siblingAtColumn(0);
    QList<QModelIndex> items;
    if (first.data(IsSpeakerRole).toBool()) {
        for (int row = 0; row < rowCount(first); ++row)
            items.append(this->index(row, 0, first));
    } else {
        items.append(first);
    }
    for (const QModelIndex &item : std::as_const(items)) {
        for (const Quotation &quotation : m_analysis.quotations) {
            if (quotation.start == item.data(StartRole).toInt() && quotation.parent < 0)
                result.append(quotation);
        }
    }
    return result;
}
