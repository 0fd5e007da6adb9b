#pragma once

#include <QObject>
#include <QString>
#include <QThread>
#include <QVariant>

#include <atomic>
#include <functional>
#include <memory>

class LibraryStore;

/// Runs one long job at a time on a worker thread with its own connection to the library (a
/// connection must stay on the thread that opened it), so the window stays responsive. Progress
/// and the result arrive as queued signals on the thread that owns the worker.
class LibraryWorker final : public QObject
{
    Q_OBJECT
public:
    using Progress = std::function<void(int done, int total, const QString &label)>;
    /// The job gets the worker's own store, a flag that asks it to stop, and a way to report.
    using Job = std::function<QVariant(
        LibraryStore &store, const std::atomic_bool &cancel, const Progress &progress)>;

    explicit LibraryWorker(QObject *parent = nullptr);
    ~LibraryWorker() override;
    Q_DISABLE_COPY_MOVE(LibraryWorker)

    bool isRunning() const { return m_running; }
    /// Starts the job on the library file; false if a job is already running. Work the user did
    /// not ask for (indexing) runs at idle priority, so it never slows the window.
    bool start(
        const QString &libraryPath, Job job, QThread::Priority priority = QThread::InheritPriority);
    /// Asks the running job to stop at its next check; what it stored stays.
    void cancel();
    /// Blocks until the job is over (for shutdown and tests).
    void wait();

Q_SIGNALS:
    void progressed(int done, int total, const QString &label);
    /// The job's result, or the sentence saying why the library could not be opened.
    void finished(const QVariant &result, const QString &error);

private:
    std::unique_ptr<QThread> m_thread;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_running = false;
};
