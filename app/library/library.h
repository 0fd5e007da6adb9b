#pragma once

#include "core/result.h"
#include "librarystore.h"

#include <memory>

class LibraryHistory;
class LibraryWriter;

/// An open library as a program uses it: a store for reading on the thread that opened it, the
/// one writer every change goes through, and the undo history of this program's edits.
class Library
{
public:
    enum class Writing {
        OwnThread, ///< the writer has a thread and connection of its own (the window)
        Inline, ///< the writer runs on the opening thread with the same connection (CLI)
    };

    [[nodiscard]] static Result<std::unique_ptr<Library>> open(const QString &path,
        LibraryStore::OpenMode mode = LibraryStore::OpenMode::CreateIfMissing,
        Writing writing = Writing::OwnThread);
    ~Library();
    Q_DISABLE_COPY_MOVE(Library)

    QString path() const { return m_store->path(); }
    bool isNew() const;
    /// False when the check at opening covered only part of a large file: check the rest
    /// (LibraryStore::checkWhole on a worker's connection) before trusting it.
    bool checkedWhole() const;
    LibraryStore &store() { return *m_store; }
    const LibraryStore &store() const { return *m_store; }
    LibraryWriter &writer() { return *m_writer; }
    /// For work on other threads that must write (imports, indexing).
    std::shared_ptr<LibraryWriter> sharedWriter() const { return m_writer; }
    LibraryHistory &history() { return *m_history; }

private:
    Library() = default;
    // Declared so the history goes first, then the writer, then the store it may run on.
    std::unique_ptr<LibraryStore> m_store;
    std::shared_ptr<LibraryWriter> m_writer;
    std::unique_ptr<LibraryHistory> m_history;
};
