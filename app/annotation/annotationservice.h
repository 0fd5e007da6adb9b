#pragma once

#include "annotationstore.h"
#include "core/result.h"
#include "highlight.h"
#include "library/librarychange.h"

#include <QObject>
#include <QUndoStack>

#include <memory>

class Library;
class LibraryHistory;

/// Every annotation edit goes through here: it is checked, written at once through the
/// library's one writer (so a crash loses nothing already done, and the window never writes on
/// its own thread), and becomes a step of the library's undo history. Views call these and
/// listen to the signals; they never write themselves.
class AnnotationService final : public QObject
{
    Q_OBJECT
public:
    /// The library must outlive the service; reads use its store, on the thread that opened it.
    explicit AnnotationService(Library *library, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(AnnotationService)

    LibraryHistory &history() const;
    const QUndoStack *undoStack() const;
    const AnnotationStore &store() const { return m_store; }

    // Highlights. Offsets are into the article body, which must be the one stored.
    [[nodiscard]] Result<qint64> createHighlight(
        qint64 articleId, const QString &body, int start, int end, const QString &color = {});
    [[nodiscard]] Result<void> deleteHighlight(qint64 id);
    [[nodiscard]] Result<void> setColor(qint64 id, const QString &color);
    [[nodiscard]] Result<void> setNote(qint64 id, const QString &note);
    /// Changes a highlight's extent (or re-attaches an orphan) keeping its tags and note.
    [[nodiscard]] Result<void> setExtent(qint64 id, const QString &body, int start, int end);
    /// Tags a highlight with a tag path, creating the missing tags, as one undo step.
    [[nodiscard]] Result<qint64> addTag(qint64 highlightId, const QString &path);
    [[nodiscard]] Result<void> removeTag(qint64 highlightId, qint64 tagId);

    /// A span to highlight and tag in one step with others: a new highlight when highlightId
    /// is 0, else tags added to that one.
    struct TaggedSpan
    {
        int start = 0;
        int end = 0;
        qint64 highlightId = 0;
        QStringList tagPaths;
    };
    /// Highlights and tags several spans of an article as one undo step (all or nothing).
    [[nodiscard]] Result<void> highlightSpans(qint64 articleId, const QString &body,
        const QList<TaggedSpan> &spans, const QString &text);

    // The codebook.
    [[nodiscard]] Result<qint64> createTag(const QString &path);
    [[nodiscard]] Result<void> renameTag(qint64 id, const QString &name);
    [[nodiscard]] Result<void> moveTag(qint64 id, qint64 newParentId);
    [[nodiscard]] Result<void> setTagColor(qint64 id, const QString &color);
    [[nodiscard]] Result<void> setTagDescription(qint64 id, const QString &description);
    /// Deletes a tag and the tags below it, removing them from their highlights.
    [[nodiscard]] Result<void> deleteTag(qint64 id);
    /// Gives every highlight of `from` the tag `into`, moves `from`'s children under `into` and
    /// deletes `from`.
    [[nodiscard]] Result<void> mergeTags(qint64 from, qint64 into);
    [[nodiscard]] Result<void> setColorName(const QString &color, const QString &name);

    /// Tells the models that the library was changed by someone else (an annotation import);
    /// they read it afresh. Not undoable: the import is its own change.
    void announceOutsideChange() { Q_EMIT tagsChanged(); }

    /// Splits "A/B/C" into checked names; fails with the sentence for the first bad one.
    [[nodiscard]] static Result<QStringList> splitTagPath(const QString &path);
    /// Checks a span of a body for a new highlight: ordered, clamped, spaces at its edges left
    /// out. Fails with a sentence when nothing but spaces is left.
    [[nodiscard]] static Result<QPair<int, int>> trimmedSpan(const QString &body, int start, int end);

Q_SIGNALS:
    /// Many highlights of an article may have changed (0: of any article).
    void highlightsChanged(qint64 articleId);
    /// One highlight was created, edited or deleted (check the store to see which).
    void highlightChanged(qint64 articleId, qint64 highlightId);
    void tagsChanged();
    /// An undo or redo that the library refused; the text is for the user.
    void errorOccurred(const QString &message);

private:
    void announce(const QList<ChangeNotice> &notices);
    [[nodiscard]] Result<void> perform(const QString &text, std::unique_ptr<LibraryChange> change);
    [[nodiscard]] Result<void> patch(qint64 id, HighlightPatch patch, const QString &text,
        const QString &textHash = {});
    [[nodiscard]] Result<void> patchTag(qint64 id, TagPatch patch, const QString &text);
    /// The content hash of the article when body is its stored text; else a sentence.
    [[nodiscard]] Result<QString> hashOfShownText(qint64 articleId, const QString &body) const;

    Library *m_library;
    AnnotationStore m_store;
};
