#pragma once

#include "core/result.h"
#include "quotedetector.h"
#include "quotestore.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <optional>

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

    /// Gives every quotation of a speaker, in every article, another name (merging them with
    /// that speaker if the name is taken; empty for nobody). One undo step; the number of
    /// quotations changed.
    [[nodiscard]] Result<int> renameSpeaker(const QString &from, const QString &to);

    /// Applies the article's corrections to what the detector found and stores its speakers in
    /// the index. Call inside a transaction, so the corrections read are the ones in force.
    [[nodiscard]] static Result<void> indexArticle(
        QuoteStore &store, qint64 articleId, QuoteAnalysis detected);

Q_SIGNALS:
    /// The speakers of an article changed (a correction, its undo or redo); 0 when several
    /// articles did (a speaker renamed across the library).
    void speakersChanged(qint64 articleId);
    /// An undo or redo that the library refused; the text is for the user.
    void errorOccurred(const QString &message);

private:
    /// One article's part of a correction: its quotations, what the detector found there, and
    /// each quotation's earlier correction (or none) for undo.
    struct Change
    {
        qint64 articleId = 0;
        QStringList quotes;
        QuoteAnalysis detected;
        QHash<QString, std::optional<QString>> previous;
    };
    /// The change for these quotations of an article, plus, when onlyFrom is not null, every
    /// quotation the user now sees given to that speaker.
    [[nodiscard]] Result<Change> changeFor(
        qint64 articleId, const QStringList &quotes, const QString &onlyFrom = {}) const;
    [[nodiscard]] Result<void> perform(
        const QList<Change> &changes, const QString &name, const QString &text, qint64 announced);
    [[nodiscard]] static Result<QString> checkedName(const QString &speaker);

    LibraryStore *m_library;
    QUndoStack *m_undo;
    QuoteStore m_store;
};
