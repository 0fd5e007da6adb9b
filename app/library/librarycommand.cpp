#include "librarycommand.h"

#include "sqlhelpers.h"

#include <QUndoStack>

LibraryCommand::LibraryCommand(
    const QString &connection, const QString &text, Step apply, Step revert, Done done)
    : QUndoCommand(text)
    , m_connection(connection)
    , m_apply(std::move(apply))
    , m_revert(std::move(revert))
    , m_done(std::move(done))
{ }

Result<void> LibraryCommand::inTransaction(const QString &connection, const Step &step)
{
    ScopedTransaction transaction(connection);
    if (!transaction.began())
        return transaction.began();
    if (auto applied = step(); !applied)
        return applied;
    return transaction.commit();
}

Result<void> LibraryCommand::perform(QUndoStack *stack, const QString &connection,
    const QString &text, Step apply, Step revert, Done done)
{
    if (auto applied = inTransaction(connection, apply); !applied)
        return applied;
    stack->push(
        new LibraryCommand(connection, text, std::move(apply), std::move(revert), std::move(done)));
    return {};
}

void LibraryCommand::redo()
{
    if (m_first) {
        m_first = false;
        return;
    }
    m_done(inTransaction(m_connection, m_apply));
}

void LibraryCommand::undo()
{
    m_done(inTransaction(m_connection, m_revert));
}
