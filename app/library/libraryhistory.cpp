#include "libraryhistory.h"
#include "librarystore.h"
#include "librarywriter.h"

#include <QCoreApplication>
#include <QUndoCommand>

using namespace Qt::StringLiterals;

/// A step on the stack. Its change has already run when the stack calls redo() or undo()
/// through the history, so those calls only move the stack; anything else that drives the
/// stack directly runs the change there, without the protection of the history.
class LibraryHistory::Step final : public QUndoCommand
{
public:
    Step(LibraryHistory *history, const QString &text, std::unique_ptr<LibraryChange> change)
        : QUndoCommand(text)
        , m_history(history)
        , m_change(std::move(change))
    { }

    LibraryChange &change() { return *m_change; }
    void markDone() { m_done = true; }

    void redo() override { move(Direction::Apply); }
    void undo() override { move(Direction::Revert); }

private:
    void move(Direction direction)
    {
        if (m_done) {
            m_done = false;
            return;
        }
        if (auto ran = m_history->run(*m_change, direction, false); !ran)
            Q_EMIT m_history->refused(ran.error());
    }

    LibraryHistory *m_history;
    std::unique_ptr<LibraryChange> m_change;
    bool m_done = false;
};

LibraryHistory::LibraryHistory(std::shared_ptr<LibraryWriter> writer, QObject *parent)
    : QObject(parent)
    , m_writer(std::move(writer))
{ }

LibraryHistory::~LibraryHistory() = default;

Result<void> LibraryHistory::run(LibraryChange &change, Direction direction, bool first)
{
    // The step works on a copy of the versions, which becomes the history's only when the
    // transaction committed: a step that failed leaves no trace, in the library or here.
    VersionBook book = m_book;
    Result<void> done = m_writer->write([&](LibraryStore &store) -> Result<void> {
        ChangeContext context { store, book, first };
        return direction == Direction::Apply ? change.apply(context) : change.revert(context);
    });
    if (!done)
        return done;
    m_book = std::move(book);
    Q_EMIT changed(change.notices());
    return {};
}

Result<void> LibraryHistory::perform(const QString &text, std::unique_ptr<LibraryChange> change)
{
    if (auto applied = run(*change, Direction::Apply, true); !applied)
        return applied;
    auto *step = new Step(this, text, std::move(change));
    step->markDone();
    m_stack.push(step);
    return {};
}

Result<void> LibraryHistory::undo()
{
    if (!m_stack.canUndo())
        return {};
    auto *step = const_cast<Step *>(static_cast<const Step *>(m_stack.command(m_stack.index() - 1)));
    if (auto reverted = run(step->change(), Direction::Revert, false); !reverted) {
        const QString message = QCoreApplication::translate("LibraryHistory",
            "Cannot undo “%1”: %2 Nothing was changed.")
                                    .arg(step->text(), reverted.error());
        Q_EMIT refused(message);
        return ResultError(message, reverted.kind());
    }
    step->markDone();
    m_stack.undo();
    return {};
}

Result<void> LibraryHistory::redo()
{
    if (!m_stack.canRedo())
        return {};
    auto *step = const_cast<Step *>(static_cast<const Step *>(m_stack.command(m_stack.index())));
    if (auto applied = run(step->change(), Direction::Apply, false); !applied) {
        const QString message = QCoreApplication::translate("LibraryHistory",
            "Cannot redo “%1”: %2 Nothing was changed.")
                                    .arg(step->text(), applied.error());
        Q_EMIT refused(message);
        return ResultError(message, applied.kind());
    }
    step->markDone();
    m_stack.redo();
    return {};
}

void LibraryHistory::clear()
{
    m_stack.clear();
    m_book = VersionBook();
}
