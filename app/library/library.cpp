#include "library.h"
#include "libraryhistory.h"
#include "libraryhooks.h"
#include "librarywriter.h"
#include "sqlhelpers.h"

Result<std::unique_ptr<Library>> Library::open(
    const QString &path, LibraryStore::OpenMode mode, Writing writing)
{
    Result<std::unique_ptr<LibraryStore>> store = LibraryStore::open(path, mode);
    if (!store)
        return store.failure();
    std::unique_ptr<Library> library(new Library);
    library->m_store = std::move(*store);
    if (writing == Writing::Inline) {
        library->m_writer = LibraryWriter::inlineOn(*library->m_store);
    } else {
        Result<std::shared_ptr<LibraryWriter>> writer
            = LibraryWriter::start(library->m_store->path());
        if (!writer)
            return writer.failure();
        library->m_writer = std::move(*writer);
    }
    library->m_history = std::make_unique<LibraryHistory>(library->m_writer);
    for (const LibraryHooks::Recovery &hook : LibraryHooks::recoveries()) {
        const Result<QVariant> pending = Sql::scalar(library->m_store->connectionName(), hook.pending);
        if (!pending || pending->toLongLong() == 0)
            continue;
        if (auto recovered = library->m_writer->write(hook.run);
            !recovered && recovered.kind() != ErrorKind::ReadOnly)
            return recovered.failure();
    }
    return library;
}

Library::~Library()
{
    // Steps hold changes only, but they go first; the writer commits and closes before the
    // store it may share.
    m_history.reset();
    m_writer.reset();
    m_store.reset();
}
