#pragma once

#include "quotes/quotedetector.h"

#include <QStandardItemModel>

/// The quotations of one article grouped by speaker (unknown speakers last): speakers at the
/// top level with their count, quotations below in text order. Quotations nested in another
/// are shown with their parent, not on their own.
class QuotationModel final : public QStandardItemModel
{
    Q_OBJECT
public:
    enum Role {
        StartRole = Qt::UserRole + 1,
        EndRole,
        SpeakerRole,
        IsSpeakerRole,
        TextRole,
        CorrectedRole ///< the user chose this quotation's speaker
    };

    explicit QuotationModel(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(QuotationModel)

    /// Shows an article's quotations (as detected and corrected); an empty analysis clears.
    void setAnalysis(const QuoteAnalysis &analysis);
    const QuoteAnalysis &analysis() const { return m_analysis; }
    /// The quotations under an index: itself, or all of a speaker's.
    QList<Quotation> quotationsAt(const QModelIndex &index) const;

private:
    QuoteAnalysis m_analysis;
};
