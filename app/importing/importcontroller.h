#pragma once

#include "importer.h"

#include <QObject>
#include <QStringList>

#include <memory>

class LibraryWorker;
class LibraryWriter;

/// Runs imports on a worker thread with its own library connection, so the window stays
/// responsive. One import at a time; progress and the summary arrive as queued signals.
class ImportController final : public QObject
{
    Q_OBJECT
public:
    explicit ImportController(QObject *parent = nullptr);
    ~ImportController() override;
    Q_DISABLE_COPY_MOVE(ImportController)

    bool isRunning() const;
    /// Starts importing paths into the writer's library; false if an import is already running.
    bool start(const std::shared_ptr<LibraryWriter> &writer, const QStringList &paths);
    /// Asks the running import to stop after the current article; what is stored stays.
    void cancel();

Q_SIGNALS:
    void progressed(int done, int total, const QString &currentFile);
    void finished(const ImportSummary &summary);

private:
    LibraryWorker *m_worker;
};

Q_DECLARE_METATYPE(ImportSummary)
