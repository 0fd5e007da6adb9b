#include "importcontroller.h"

#include "library/librarystore.h"
#include "library/libraryworker.h"

ImportController::ImportController(QObject *parent)
    : QObject(parent)
    , m_worker(new LibraryWorker(this))
{
    qRegisterMetaType<ImportSummary>();
    connect(m_worker, &LibraryWorker::progressed, this, &ImportController::progressed);
    connect(m_worker, &LibraryWorker::finished, this,
        [this](const QVariant &result, const QString &error) {
            ImportSummary summary = result.value<ImportSummary>();
            if (!error.isEmpty())
                summary.fatalError = error;
            Q_EMIT finished(summary);
        });
}

ImportController::~ImportController() = default;

bool ImportController::isRunning() const
{
    return m_worker->isRunning();
}

bool ImportController::start(const QString &libraryPath, const QStringList &paths)
{
    return m_worker->start(libraryPath,
        [paths](LibraryStore &store, const std::atomic_bool &cancel,
            const LibraryWorker::Progress &progress) {
            Importer importer(store);
            return QVariant::fromValue(importer.run(paths, &cancel, progress));
        });
}

void ImportController::cancel()
{
    m_worker->cancel();
}
