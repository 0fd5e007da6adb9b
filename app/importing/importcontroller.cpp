#include "importcontroller.h"

#include "library/librarystore.h"
#include "library/libraryworker.h"
#include "library/librarywriter.h"

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

bool ImportController::start(
    const std::shared_ptr<LibraryWriter> &writer, const QStringList &paths)
{
    // Files are read on the worker; every article goes through the library's one writer.
    return m_worker->start(writer->path(),
        [paths, writer](LibraryStore &, const std::atomic_bool &cancel,
            const LibraryWorker::Progress &progress) {
            Importer importer(*writer);
            return QVariant::fromValue(importer.run(paths, &cancel, progress));
        });
}

void ImportController::cancel()
{
    m_worker->cancel();
}
