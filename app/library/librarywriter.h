#pragma once

#include "core/result.h"
#include "librarystore.h"

#include <QString>
#include <QVariant>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>


/// The one place a library is written (as qBittorrent's resume-data storage and Strawberry's
/// database thread do it). A windowed program gives it a thread and a connection of its own, so
/// no write runs on the GUI thread; the command line runs it inline on its own thread.
///
/// Two kinds of work share it. An edit (write()) runs in a transaction of its own, ahead of
/// everything queued. Background work (an import, the speaker index) goes through a Batch,
/// whose jobs share one transaction until the batch commits, but which is committed at once
/// when an edit arrives: so an edit never waits for an import, only for the article in hand.
class LibraryWriter
{
public:
    using Job = std::function<Result<QVariant>(LibraryStore &store)>;
    using VoidJob = std::function<Result<void>(LibraryStore &store)>;
    class Batch;

    /// A writer with its own thread and connection to the library at path; opening it (and
    /// creating or upgrading the file, as the mode allows) happens on that thread.
    [[nodiscard]] static Result<std::shared_ptr<LibraryWriter>> start(
        const QString &path, LibraryStore::OpenMode mode = LibraryStore::OpenMode::MustExist);
    /// A writer that runs each job at once on the calling thread, with this store (which must
    /// outlive it and belong to that thread).
    static std::shared_ptr<LibraryWriter> inlineOn(LibraryStore &store);

    virtual ~LibraryWriter();
    Q_DISABLE_COPY_MOVE(LibraryWriter)

    /// Runs the job in a transaction of its own, committed before this returns; any batch with
    /// work not yet committed is committed first. Blocks until done; safe from any thread.
    [[nodiscard]] Result<QVariant> write(const Job &job);
    [[nodiscard]] Result<void> write(const VoidJob &job);

    /// A new batch of background work; jobs of different batches never share a transaction.
    std::unique_ptr<Batch> batch();

    /// True when an edit was written in the last `milliseconds`: background work then keeps
    /// its batches short, since an edit waits for the open batch to be committed.
    bool editedWithin(qint64 milliseconds) const;

    /// The library file this writer writes.
    virtual QString path() const = 0;
    /// True when opening the writer created the library (so the caller may seed it).
    virtual bool createdLibrary() const = 0;
    /// False when the check at opening ran out of time before the end of a large file.
    virtual bool checkedWhole() const = 0;

    /// From now on every write fails with this sentence (ErrorKind::Damaged): the library was
    /// found damaged, and nothing is ever written into a damaged library.
    void refuseWrites(const QString &sentence);

protected:
    LibraryWriter();
    struct Task;
    /// Runs a task (on the writer's thread) or queues it; blocks until it is done.
    virtual Result<QVariant> submit(Task task) = 0;

    /// What a writer does with a task, on whatever thread it runs them. Holds the open batch.
    class Engine;
    friend class Batch;

    /// The refusal set by refuseWrites, or empty.
    QString refusal() const;

private:
    std::atomic<qint64> m_lastEdit; ///< steady-clock milliseconds of the last edit, or 0
    mutable std::mutex m_refusalMutex;
    QString m_refusal;
};

/// Background work written in one transaction across many jobs. The owner commits when it
/// wants (say every few thousand articles), and the writer commits earlier when an edit needs
/// it. written() and saved() let the owner tell which of its jobs are safely stored.
class LibraryWriter::Batch
{
public:
    ~Batch();
    Q_DISABLE_COPY_MOVE(Batch)

    /// Runs the job inside the batch's transaction (begun if none is open). When it fails,
    /// that transaction is rolled back whole: everything since the last commit is lost, and
    /// saved() says how much survives.
    [[nodiscard]] Result<QVariant> write(const Job &job);
    /// Commits what the batch has written; nothing happens when nothing is pending.
    [[nodiscard]] Result<void> commit();

    /// Jobs of this batch that ran, and those of them committed.
    qint64 written() const;
    qint64 saved() const;

private:
    friend class LibraryWriter;
    explicit Batch(LibraryWriter *writer);
    struct State;
    LibraryWriter *m_writer;
    std::shared_ptr<State> m_state;
};
