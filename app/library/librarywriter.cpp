#include "librarywriter.h"
#include "librarystore.h"
#include "sqlhelpers.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LibraryWriter", text);
}

// A batch left open with nothing to do (its owner is parsing a slow file, or has forgotten to
// commit) would keep other programs from writing; after this long it is committed.
constexpr auto IdleBatchCommit = std::chrono::milliseconds(500);
constexpr auto IdleCheckpoint = std::chrono::seconds(2);
// SQLite copies the write-ahead log into the file inside whichever commit makes the log cross
// its threshold, an edit's as likely as an import's. The threaded writer turns that off and
// copies it itself, after a batch commits or when idle and once the log holds this much.
constexpr qint64 CheckpointAfterBytes = 4 * 1024 * 1024;

} // namespace

struct LibraryWriter::Batch::State
{
    std::atomic<qint64> written { 0 };
    std::atomic<qint64> saved { 0 };
    std::mutex errorMutex;
    QString lostError; ///< a commit made on the batch's behalf failed; told at its next call
    ErrorKind lostKind = ErrorKind::Database;
};

struct LibraryWriter::Task
{
    enum class Kind { Edit, BatchJob, BatchCommit };
    Kind kind = Kind::Edit;
    Job job;
    std::shared_ptr<Batch::State> batch;
};

/// The transaction rules, on the thread that owns the store.
class LibraryWriter::Engine
{
public:
    explicit Engine(LibraryStore &store)
        : m_store(store)
    { }

    Result<QVariant> run(const Task &task)
    {
        switch (task.kind) {
        case Task::Kind::Edit: {
            if (m_open) {
                // The batch's work so far is committed first; if that fails, the batch hears
                // of it at its next call, and the edit still gets its chance.
                (void)commitOpen();
            }
            ScopedTransaction transaction(m_store.connectionName());
            if (!transaction.began())
                return transaction.began().failure();
            Result<QVariant> done = task.job(m_store);
            if (!done)
                return done; // rolled back by the transaction's destructor
            if (auto committed = transaction.commit(); !committed)
                return committed.failure();
            return done;
        }
        case Task::Kind::BatchJob: {
            if (auto lost = takeLost(*task.batch); !lost)
                return lost.failure();
            if (m_open && m_open != task.batch)
                (void)commitOpen();
            if (!m_open) {
                if (auto began = Sql::run(m_store.connectionName(), u"BEGIN IMMEDIATE"_s);
                    !began)
                    return began.failure();
                m_open = task.batch;
            }
            Result<QVariant> done = task.job(m_store);
            if (!done) {
                (void)Sql::run(m_store.connectionName(), u"ROLLBACK"_s);
                task.batch->written.store(task.batch->saved.load());
                m_open.reset();
                return done;
            }
            task.batch->written.fetch_add(1);
            return done;
        }
        case Task::Kind::BatchCommit: {
            if (auto lost = takeLost(*task.batch); !lost)
                return lost.failure();
            if (m_open == task.batch) {
                if (auto committed = commitOpen(); !committed)
                    return committed.failure();
            }
            return QVariant();
        }
        }
        return QVariant();
    }

    bool hasOpenBatch() const { return bool(m_open); }

    /// Copies the write-ahead log into the library file; run between transactions, so it
    /// completes and the log starts again from its beginning.
    void checkpoint()
    {
        (void)Sql::scalar(m_store.connectionName(), u"PRAGMA wal_checkpoint(PASSIVE)"_s);
    }

    /// Commits the open batch; on failure its uncommitted work is gone, which it is told.
    Result<void> commitOpen()
    {
        if (!m_open)
            return {};
        const std::shared_ptr<Batch::State> batch = std::move(m_open);
        m_open.reset();
        Result<void> committed = Sql::run(m_store.connectionName(), u"COMMIT"_s);
        if (committed) {
            batch->saved.store(batch->written.load());
            return {};
        }
        (void)Sql::run(m_store.connectionName(), u"ROLLBACK"_s);
        batch->written.store(batch->saved.load());
        std::lock_guard lock(batch->errorMutex);
        batch->lostError = committed.error();
        batch->lostKind = committed.kind();
        return committed;
    }

private:
    static Result<void> takeLost(Batch::State &batch)
    {
        std::lock_guard lock(batch.errorMutex);
        if (batch.lostError.isEmpty())
            return {};
        ResultError error(
            tr("Work of this import could not be saved: %1").arg(batch.lostError), batch.lostKind);
        batch.lostError.clear();
        return error;
    }

    LibraryStore &m_store;
    std::shared_ptr<Batch::State> m_open; ///< the batch whose transaction is open
};

namespace {

/// Runs every task at once on the caller's thread (the command line).
class InlineWriter final : public LibraryWriter
{
public:
    explicit InlineWriter(LibraryStore &store)
        : m_store(store)
        , m_engine(store)
    { }
    ~InlineWriter() override { (void)m_engine.commitOpen(); }
    Q_DISABLE_COPY_MOVE(InlineWriter)

    QString path() const override { return m_store.path(); }
    bool createdLibrary() const override { return m_store.isNew(); }
    bool checkedWhole() const override { return m_store.checkedWhole(); }

protected:
    Result<QVariant> submit(Task task) override { return m_engine.run(task); }

private:
    LibraryStore &m_store;
    Engine m_engine;
};

/// Runs tasks on a thread of its own with its own connection; edits jump the queue.
class ThreadedWriter final : public LibraryWriter
{
public:
    explicit ThreadedWriter(QString path)
        : m_path(std::move(path))
    { }

    ~ThreadedWriter() override
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        if (m_thread.joinable())
            m_thread.join();
    }
    Q_DISABLE_COPY_MOVE(ThreadedWriter)

    QString path() const override { return m_path; }
    bool createdLibrary() const override { return m_created; }
    bool checkedWhole() const override { return m_checkedWhole; }

    Result<void> begin(LibraryStore::OpenMode mode)
    {
        // Shared with the thread: it may still be setting the value when this returns.
        auto opened = std::make_shared<std::promise<QString>>();
        std::future<QString> result = opened->get_future();
        m_thread = std::thread([this, opened, mode] { loop(*opened, mode); });
        const QString error = result.get();
        if (!error.isEmpty())
            return ResultError(error, ErrorKind::Database);
        return {};
    }

protected:
    Result<QVariant> submit(Task task) override
    {
        if (std::this_thread::get_id() == m_thread.get_id()) {
            return ResultError(tr("A library job cannot start another write."), ErrorKind::Failed);
        }
        Pending pending { std::move(task), {} };
        std::future<Result<QVariant>> done = pending.promise.get_future();
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                return ResultError(tr("The library is being closed."), ErrorKind::Cancelled);
            if (pending.task.kind == Task::Kind::Edit)
                m_edits.push_back(std::move(pending));
            else
                m_background.push_back(std::move(pending));
        }
        m_wake.notify_one();
        return done.get();
    }

private:
    struct Pending
    {
        Task task;
        std::promise<Result<QVariant>> promise;
    };

    void loop(std::promise<QString> &opened, LibraryStore::OpenMode mode)
    {
        // Opening may create or upgrade the file (a backup, a migration): that happens here,
        // on the writer's thread, before anyone reads it.
        Result<std::unique_ptr<LibraryStore>> store = LibraryStore::open(m_path, mode);
        if (!store) {
            opened.set_value(store.error());
            return;
        }
        m_created = (*store)->isNew();
        m_checkedWhole = (*store)->checkedWhole();
        opened.set_value(QString());
        (void)Sql::scalar((*store)->connectionName(), u"PRAGMA wal_autocheckpoint = 0"_s);
        Engine engine(**store);
        const QString log = m_path + u"-wal"_s;
        // Small and often: a copy of a few megabytes costs an edit that arrives meanwhile a
        // few milliseconds, a large one a frame or more.
        const auto checkpointIfLarge = [&] {
            if (QFileInfo(log).size() >= CheckpointAfterBytes)
                engine.checkpoint();
        };
        std::unique_lock lock(m_mutex);
        while (true) {
            const auto ready = [this] { return m_stopping || !m_edits.empty() || !m_background.empty(); };
            if (engine.hasOpenBatch()) {
                if (!m_wake.wait_for(lock, IdleBatchCommit, ready)) {
                    (void)engine.commitOpen();
                    lock.unlock();
                    checkpointIfLarge();
                    lock.lock();
                    continue;
                }
            } else if (!m_wake.wait_for(lock, IdleCheckpoint, ready)) {
                // Edits alone grow the log too: copied when the writer has been idle a while.
                lock.unlock();
                checkpointIfLarge();
                lock.lock();
                continue;
            }
            if (m_edits.empty() && m_background.empty())
                break; // stopping, nothing left
            std::deque<Pending> &queue = m_edits.empty() ? m_background : m_edits;
            Pending pending = std::move(queue.front());
            queue.pop_front();
            lock.unlock();
            pending.promise.set_value(engine.run(pending.task));
            // After a batch's commit, when no edit waits: the log is copied while only
            // background work would wait for it.
            if (pending.task.kind == Task::Kind::BatchCommit) {
                bool editWaiting = false;
                {
                    std::lock_guard peek(m_mutex);
                    editWaiting = !m_edits.empty();
                }
                if (!editWaiting)
                    checkpointIfLarge();
            }
            lock.lock();
        }
        lock.unlock();
        (void)engine.commitOpen();
        engine.checkpoint();
    }

    QString m_path;
    bool m_created = false; ///< set before begin() returns
    bool m_checkedWhole = false;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake; ///< the writer's: a task or the end
    std::deque<Pending> m_edits;
    std::deque<Pending> m_background;
    bool m_stopping = false;
};

} // namespace

LibraryWriter::LibraryWriter()
    : m_lastEdit(0)
{ }

LibraryWriter::~LibraryWriter() = default;

namespace {

qint64 steadyMilliseconds()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

bool LibraryWriter::editedWithin(qint64 milliseconds) const
{
    const qint64 last = m_lastEdit.load();
    return last != 0 && steadyMilliseconds() - last <= milliseconds;
}

Result<std::shared_ptr<LibraryWriter>> LibraryWriter::start(
    const QString &path, LibraryStore::OpenMode mode)
{
    auto writer = std::make_shared<ThreadedWriter>(path);
    if (auto began = writer->begin(mode); !began)
        return began.failure();
    return std::shared_ptr<LibraryWriter>(std::move(writer));
}

std::shared_ptr<LibraryWriter> LibraryWriter::inlineOn(LibraryStore &store)
{
    return std::make_shared<InlineWriter>(store);
}

void LibraryWriter::refuseWrites(const QString &sentence)
{
    std::lock_guard lock(m_refusalMutex);
    m_refusal = sentence;
}

QString LibraryWriter::refusal() const
{
    std::lock_guard lock(m_refusalMutex);
    return m_refusal;
}

Result<QVariant> LibraryWriter::write(const Job &job)
{
    if (const QString refused = refusal(); !refused.isEmpty())
        return ResultError(refused, ErrorKind::Damaged);
    m_lastEdit.store(steadyMilliseconds());
    return submit(Task { Task::Kind::Edit, job, nullptr });
}

Result<void> LibraryWriter::write(const VoidJob &job)
{
    Result<QVariant> done = write(Job([&job](LibraryStore &store) -> Result<QVariant> {
        if (auto ran = job(store); !ran)
            return ran.failure();
        return QVariant();
    }));
    return done ? Result<void>() : done.failure();
}

std::unique_ptr<LibraryWriter::Batch> LibraryWriter::batch()
{
    return std::unique_ptr<Batch>(new Batch(this));
}

LibraryWriter::Batch::Batch(LibraryWriter *writer)
    : m_writer(writer)
    , m_state(std::make_shared<State>())
{ }

LibraryWriter::Batch::~Batch()
{
    // Work written is work the owner meant to keep; a batch never ends half open.
    (void)commit();
}

Result<QVariant> LibraryWriter::Batch::write(const Job &job)
{
    if (const QString refused = m_writer->refusal(); !refused.isEmpty())
        return ResultError(refused, ErrorKind::Damaged);
    return m_writer->submit(Task { Task::Kind::BatchJob, job, m_state });
}

Result<void> LibraryWriter::Batch::commit()
{
    Result<QVariant> done = m_writer->submit(Task { Task::Kind::BatchCommit, {}, m_state });
    return done ? Result<void>() : done.failure();
}

qint64 LibraryWriter::Batch::written() const
{
    return m_state->written.load();
}

qint64 LibraryWriter::Batch::saved() const
{
    return m_state->saved.load();
}
