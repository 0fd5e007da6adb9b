#include "importcontroller.h"
#include "library/librarystore.h"

#include <QCoreApplication>
#include <QThread>

ImportController::ImportController(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ImportSummary>();
}

ImportController::~ImportController()
{
    cancel();
    waitForWorker();
}

void ImportController::waitForWorker()
{
    if (m_thread) {
        m_thread->wait();
        m_thread.reset();
    }
}

bool ImportController::start(const QString &libraryPath, const QStringList &paths)
{
    if (m_running)
        return false;
    waitForWorker();
    m_running = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const std::shared_ptr<std::atomic_bool> cancelFlag = m_cancel;

    // The worker owns its store: a connection must stay on the thread that opened it. The
    // destructor waits for the worker, so `this` outlives it; queued calls die with `this`.
    m_thread.reset(QThread::create([this, libraryPath, paths, cancelFlag] {
        ImportSummary summary;
        Result<std::unique_ptr<LibraryStore>> store
            = LibraryStore::open(libraryPath, LibraryStore::OpenMode::MustExist);
        if (!store) {
            summary.fatalError = store.error();
        } else {
            Importer importer(**store);
            summary = importer.run(
                paths, cancelFlag.get(), [this](int done, int total, const QString &file) {
                    QMetaObject::invokeMethod(
                        this, [this, done, total, file] { Q_EMIT progressed(done, total, file); },
                        Qt::QueuedConnection);
                });
        }
        QMetaObject::invokeMethod(
            this,
            [this, summary] {
                m_running = false;
                Q_EMIT finished(summary);
            },
            Qt::QueuedConnection);
    }));
    m_thread->start();
    return true;
}

void ImportController::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}
