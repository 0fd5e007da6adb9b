#pragma once

#include "core/result.h"
#include "library/librarychange.h"
#include "quotedetector.h"
#include "quotestore.h"

#include <QHash>
#include <QObject>
#include <QStringList>

class Library;

/// The topic of the quotation layer's change notices (ChangeNotice::topic).
namespace QuoteTopics {
inline constexpr char16_t Speakers[] = u"speakers"; ///< an article's speakers (0: several)
} // namespace QuoteTopics

/// Quotations as the user sees them: detected in the text, then corrected by the user. A
/// correction is stored at once through the library's writer, kept when the article is
/// imported again (it is found by the quotation's words), undoable on the library's history,
/// and brings the library-wide speaker index up to date for that article in the same
/// transaction.
class QuotationService final : public QObject
{
    Q_OBJECT
public:
    /// The library must outlive the service.
    explicit QuotationService(Library *library, QObject *parent = nullptr);
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
    /// the index, if the article still has the text of contentHash (false when not). Call
    /// inside a transaction, so the corrections read are the ones in force.
    [[nodiscard]] static Result<bool> indexArticle(QuoteStore &store, qint64 articleId,
        QuoteAnalysis detected, const QString &contentHash);
    /// The same, detecting the article's quotations in its current text first.
    [[nodiscard]] static Result<void> reindexArticle(LibraryStore &store, qint64 articleId);

Q_SIGNALS:
    /// The speakers of an article changed (a correction, its undo or redo); 0 when several
    /// articles did (a speaker renamed across the library).
    void speakersChanged(qint64 articleId);
    /// An undo or redo that the library refused; the text is for the user.
    void errorOccurred(const QString &message);

private:
    void announce(const QList<ChangeNotice> &notices);
    [[nodiscard]] static Result<QString> checkedName(const QString &speaker);

    Library *m_library;
    QuoteStore m_store;
};
