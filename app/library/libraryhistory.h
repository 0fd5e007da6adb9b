#pragma once

#include "core/result.h"
#include "librarychange.h"

#include <QObject>
#include <QUndoStack>

#include <memory>

class LibraryWriter;

/// The undo history of one library in one window. A change is applied through the library's
/// writer, in one transaction, and becomes an undo step only when that worked. Undo and Redo
/// run the step first and move the stack only when it succeeded: a step refused because its
/// rows changed since (ErrorKind::Conflict, NotFound) leaves the stack where it was, and the
/// sentence says why. Use undo()/redo() here, not the stack's own: the stack is for showing
/// (texts, counts, clean state).
class LibraryHistory final : public QObject
{
    Q_OBJECT
public:
    explicit LibraryHistory(std::shared_ptr<LibraryWriter> writer, QObject *parent = nullptr);
    ~LibraryHistory() override;
    Q_DISABLE_COPY_MOVE(LibraryHistory)

    /// Applies the change now; on success it is the next step Undo takes back.
    [[nodiscard]] Result<void> perform(const QString &text, std::unique_ptr<LibraryChange> change);
    [[nodiscard]] Result<void> undo();
    [[nodiscard]] Result<void> redo();
    /// Forgets every step (the user asked to, or the library is closing).
    void clear();

    /// For showing only: moving it directly would bypass the checks.
    const QUndoStack *stack() const { return &m_stack; }
    LibraryWriter &writer() const { return *m_writer; }

Q_SIGNALS:
    /// A step was applied, undone or redone: what to read again.
    void changed(const QList<ChangeNotice> &notices);
    /// An undo or redo was refused; the sentence says why and that nothing changed.
    void refused(const QString &message);

private:
    class Step;
    enum class Direction { Apply, Revert };
    [[nodiscard]] Result<void> run(LibraryChange &change, Direction direction, bool first);

    std::shared_ptr<LibraryWriter> m_writer;
    VersionBook m_book;
    QUndoStack m_stack;
};
