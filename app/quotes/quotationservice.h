#pragma once

#include "core/result.h"
#include "library/librarychange.h"
#include "quotedetector.h"
#include "quotestore.h"

#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <functional>

class Library;

/// What a correction or a rename will change, worked out before it is written (for a rename
/// across a large library, on a worker with progress): per article, its text's hash, what the
/// detector finds in it, and the words of the quotations to give the new speaker.
struct SpeakerPlan
{
    struct Article
    {
        QString contentHash;
        QuoteAnalysis detected;
        QStringList quotes;
    };
    QHash<qint64, Article> articles;
    QString from; ///< the speaker renamed; null for a correction of chosen quotations

    int quotationCount() const;
};
Q_DECLARE_METATYPE(SpeakerPlan)

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
    /// quotations changed. Plans on this thread; the window plans on a worker instead
    /// (planRename) and then calls applyRename.
    [[nodiscard]] Result<int> renameSpeaker(const QString &from, const QString &to);
    /// Finds every quotation of a speaker in the library, reading with `reader` (a worker's
    /// own connection); progress counts articles.
    [[nodiscard]] static Result<SpeakerPlan> planRename(const LibraryStore &reader,
        const QString &from, const std::atomic_bool *cancel = nullptr,
        const std::function<void(int done, int total)> &progress = {});
    /// Writes a planned rename as one undo step; refused when an article changed since it was
    /// planned. The number of quotations changed.
    [[nodiscard]] Result<int> applyRename(const SpeakerPlan &plan, const QString &to);

    /// Applies the article's corrections to what the detector found and stores its speakers in
    /// the index, if the article still has the text of contentHash (false when not). Call
    /// inside a transaction, so the corrections read are the ones in force.
    [[nodiscard]] static Result<bool> indexArticle(QuoteStore &store, qint64 articleId,
        QuoteAnalysis detected, const QString &contentHash);


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
