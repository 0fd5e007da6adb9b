#pragma once

#include "importer.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

class QThread;

/// Runs imports on a worker thread with its own library connection, so the window stays
/// responsive. One import at a time; progress and the summary arrive as queued signals.
class ImportController final : public QObject
{
    Q_OBJECT
public:
    explicit ImportController(QObject *parent = nullptr);
    ~ImportController() override;
    Q_DISABLE_COPY_MOVE(ImportController)

    bool isRunning() const { return m_running; }
    /// Starts importing paths into the library file; false if an import is already running.
    bool start(const QString &libraryPath, const QStringList &paths);
    /// Asks the running import to stop after the current article; what is stored stays.
    void cancel();

Q_SIGNALS:
    void progressed(int done, int total, const QString &currentFile);
    void finished(const ImportSummary &summary);

private:
    void waitForWorker();

    std::unique_ptr<QThread> m_thread;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_running = false;
};

Q_DECLARE_METATYPE(ImportSummary)
