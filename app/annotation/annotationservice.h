#pragma once

#include "annotationstore.h"
#include "core/result.h"
#include "highlight.h"

#include <QObject>
#include <QUndoStack>

#include <functional>
#include <memory>

class LibraryStore;

/// Every annotation edit goes through here: it is checked, written to the library at once (so a
/// crash loses nothing already done), and pushed on the undo stack. Views call these and listen
/// to the signals; they never write themselves.
class AnnotationService final : public QObject
{
    Q_OBJECT
public:
    /// The store must outlive the service and live on its thread.
    explicit AnnotationService(LibraryStore *library, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(AnnotationService)

    QUndoStack *undoStack() { return &m_undo; }
    const AnnotationStore &store() const { return m_store; }

    // Highlights. Offsets are into the article body.
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
    /// they read it afresh. Not undoable: the import is one transaction of its own.
    void announceOutsideChange() { Q_EMIT tagsChanged(); }

    /// Splits "A/B/C" into checked names; fails with the sentence for the first bad one.
    [[nodiscard]] static Result<QStringList> splitTagPath(const QString &path);

Q_SIGNALS:
    /// Many highlights of an article may have changed (re-anchoring, tag merges).
    void highlightsChanged(qint64 articleId);
    /// One highlight was created, edited or deleted (check the store to see which).
    void highlightChanged(qint64 articleId, qint64 highlightId);
    void tagsChanged();
    /// An undo or redo that the library refused; the text is for the user.
    void errorOccurred(const QString &message);

private:
    using Step = std::function<Result<void>()>;
    /// What an edit touched, so listeners refresh only that. The highlight id is shared because
    /// a new highlight's id is known only once the edit has run.
    struct Scope
    {
        qint64 articleId = 0;
        std::shared_ptr<qint64> highlightId;
        bool tagsChange = false;
    };
    static Scope codebookScope();
    static Scope highlightScope(qint64 articleId, qint64 highlightId, bool tagsChange);
    /// Runs `apply` now; on success pushes an undo step that runs `revert`/`apply`.
    [[nodiscard]] Result<void> perform(const QString &text, Step apply, Step revert, Scope scope);
    [[nodiscard]] Result<void> update(
        const Highlight &before, Highlight after, const QString &text, bool tagsChange = false);
    [[nodiscard]] Result<QList<Tag>> ensurePath(const QStringList &names, qint64 &leafId);
    void announce(const Scope &scope);
    [[nodiscard]] Result<void> editTag(
        qint64 id, const QString &text, const std::function<void(Tag &)> &change);

    LibraryStore *m_library;
    AnnotationStore m_store;
    QUndoStack m_undo;
};
