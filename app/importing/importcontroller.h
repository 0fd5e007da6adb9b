#pragma once

#include "importer.h"

#include <QObject>
#include <QStringList>

class LibraryWorker;

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
    /// Starts importing paths into the library file; false if an import is already running.
    bool start(const QString &libraryPath, const QStringList &paths);
    /// Asks the running import to stop after the current article; what is stored stays.
    void cancel();

Q_SIGNALS:
    void progressed(int done, int total, const QString &currentFile);
    void finished(const ImportSummary &summary);

private:
    LibraryWorker *m_worker;
};

Q_DECLARE_METATYPE(ImportSummary)
