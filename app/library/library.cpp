#include "library.h"
#include "libraryhistory.h"
#include "libraryhooks.h"
#include "librarywriter.h"
#include "sqlhelpers.h"

Result<std::unique_ptr<Library>> Library::open(
    const QString &path, LibraryStore::OpenMode mode, Writing writing)
{
    std::unique_ptr<Library> library(new Library);
    if (writing == Writing::Inline) {
        Result<std::unique_ptr<LibraryStore>> store = LibraryStore::open(path, mode);
        if (!store)
            return store.failure();
        library->m_store = std::move(*store);
        library->m_writer = LibraryWriter::inlineOn(*library->m_store);
    } else {
        // The writer opens first, on its own thread: creating the file, backing it up and
        // upgrading it are writes, and no write runs on the window's thread.
        Result<std::shared_ptr<LibraryWriter>> writer = LibraryWriter::start(path, mode);
        if (!writer)
            return writer.failure();
        library->m_writer = std::move(*writer);
        Result<std::unique_ptr<LibraryStore>> store = LibraryStore::open(path,
            LibraryStore::OpenMode::MustExist, LibraryStore::Verification::AlreadyChecked);
        if (!store)
            return store.failure();
        library->m_store = std::move(*store);
    }
    library->m_history = std::make_unique<LibraryHistory>(library->m_writer);
    for (const LibraryHooks::Recovery &hook : LibraryHooks::recoveries()) {
        const Result<QVariant> pending = Sql::scalar(library->m_store->connectionName(), hook.pending);
        if (!pending || pending->toLongLong() == 0)
            continue;
        // A library another program is writing, or that cannot be written, opens as it is;
        // the next opening puts it right.
        if (auto recovered = library->m_writer->write(hook.run); !recovered
            && recovered.kind() != ErrorKind::ReadOnly && recovered.kind() != ErrorKind::Busy)
            return recovered.failure();
    }
    return library;
}

bool Library::isNew() const
{
    return m_writer->createdLibrary();
}

bool Library::checkedWhole() const
{
    return m_writer->checkedWhole();
}

Library::~Library()
{
    // Steps hold changes only, but they go first; the writer commits and closes before the
    // store it may share.
    m_history.reset();
    m_writer.reset();
    m_store.reset();
}
