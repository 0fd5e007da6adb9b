#pragma once

#include "core/result.h"
#include "quotedetector.h"
#include "quotestore.h"

#include <QObject>
#include <QStringList>

class LibraryStore;
class QUndoStack;

/// Quotations as the user sees them: detected in the text, then corrected by the user. A
/// correction is stored at once, kept when the article is imported again (it is found by the
/// quotation's words), undoable, and brings the library-wide speaker index up to date for that
/// article in the same transaction.
class QuotationService final : public QObject
{
    Q_OBJECT
public:
    /// The store must outlive the service; undo steps go on the given stack (shared with the
    /// annotations, so Edit ▸ Undo takes back whichever came last).
    QuotationService(LibraryStore *library, QUndoStack *undo, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(QuotationService)

    const QuoteStore &store() const { return m_store; }

    [[nodiscard]] Result<QuoteAnalysis> analysis(qint64 articleId, const QString &body) const;

    /// Gives these quotations (by their words) the speaker; an empty name means "nobody
    /// named". One undo step.
    [[nodiscard]] Result<void> correctSpeaker(
        qint64 articleId, const QStringList &quotes, const QString &speaker);

    /// Applies the article's corrections to what the detector found and stores its speakers in
    /// the index. Call inside a transaction, so the corrections read are the ones in force.
    [[nodiscard]] static Result<void> indexArticle(
        QuoteStore &store, qint64 articleId, QuoteAnalysis detected);

Q_SIGNALS:
    /// The speakers of an article changed (a correction, its undo or redo).
    void speakersChanged(qint64 articleId);
    /// An undo or redo that the library refused; the text is for the user.
    void errorOccurred(const QString &message);

private:
    LibraryStore *m_library;
    QUndoStack *m_undo;
    QuoteStore m_store;
};
