#pragma once

#include "quotes/quotedetector.h"

#include <QStandardItemModel>

/// The quotations of one article grouped by speaker (unknown speakers last): speakers at the
/// top level with their count, quotations below in text order.
class QuotationModel final : public QStandardItemModel
{
    Q_OBJECT
public:
    enum Role { StartRole = Qt::UserRole + 1, EndRole, SpeakerRole, IsSpeakerRole };

    explicit QuotationModel(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(QuotationModel)

    void setBody(const QString &body);
    const QuoteAnalysis &analysis() const { return m_analysis; }
    /// The quotations under an index: itself, or all of a speaker's.
    QList<Quotation> quotationsAt(const QModelIndex &index) const;

private:
    QuoteAnalysis m_analysis;
};
