#pragma once

#include "core/result.h"

#include <QString>
#include <QUndoCommand>

#include <functional>

/// An undoable change to the library: each step runs in a transaction of its own, so it lands
/// whole or not at all. Build it with LibraryCommand::perform(), which applies the change first
/// and pushes the command only when that worked.
class LibraryCommand final : public QUndoCommand
{
public:
    using Step = std::function<Result<void>()>;
    /// Told after every redo and undo, with what the library said.
    using Done = std::function<void(const Result<void> &)>;

    /// Runs apply in a transaction now; on success pushes an undo step that runs revert and
    /// apply again later, and calls done after each (not after this first run).
    [[nodiscard]] static Result<void> perform(QUndoStack *stack, const QString &connection,
        const QString &text, Step apply, Step revert, Done done);

    /// Runs a step in a transaction on the connection.
    [[nodiscard]] static Result<void> inTransaction(const QString &connection, const Step &step);

    void redo() override;
    void undo() override;

private:
    LibraryCommand(
        const QString &connection, const QString &text, Step apply, Step revert, Done done);

    QString m_connection;
    Step m_apply;
    Step m_revert;
    Done m_done;
    bool m_first = true; ///< push() calls redo() once; the change is already made
};
