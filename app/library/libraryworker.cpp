#include "libraryworker.h"

#include "librarystore.h"

#include <QThread>

LibraryWorker::LibraryWorker(QObject *parent)
    : QObject(parent)
{ }

LibraryWorker::~LibraryWorker()
{
    cancel();
    wait();
}

void LibraryWorker::wait()
{
    if (m_thread) {
        m_thread->wait();
        m_thread.reset();
    }
}

bool LibraryWorker::start(const QString &libraryPath, Job job, QThread::Priority priority)
{
    if (m_running)
        return false;
    wait();
    m_running = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const std::shared_ptr<std::atomic_bool> cancelFlag = m_cancel;

    // The destructor waits for the thread, so `this` outlives it; queued calls die with `this`.
    m_thread.reset(QThread::create([this, libraryPath, job = std::move(job), cancelFlag] {
        QVariant result;
        QString error;
        Result<std::unique_ptr<LibraryStore>> store
            = LibraryStore::open(libraryPath, LibraryStore::OpenMode::MustExist,
                LibraryStore::Verification::AlreadyChecked);
        if (!store) {
            error = store.error();
        } else {
            result = job(**store, *cancelFlag, [this](int done, int total, const QString &label) {
                QMetaObject::invokeMethod(
                    this, [this, done, total, label] { Q_EMIT progressed(done, total, label); },
                    Qt::QueuedConnection);
            });
        }
        QMetaObject::invokeMethod(
            this,
            [this, result, error] {
                m_running = false;
                Q_EMIT finished(result, error);
            },
            Qt::QueuedConnection);
    }));
    m_thread->start(priority);
    return true;
}

void LibraryWorker::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}
