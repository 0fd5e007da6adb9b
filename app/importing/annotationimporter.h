#pragma once

#include "core/result.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

class LibraryStore;

struct AnnotationImportReport
{
    int added = 0;
    int duplicates = 0; ///< already in the library (their missing tags were added)
    int orphaned = 0; ///< matched an article but not its text: kept as orphans
    int unmatched = 0; ///< no article in the library: not imported
    QStringList problems; ///< one line each, for the user

    QString countsLine() const;
};

Q_DECLARE_METATYPE(AnnotationImportReport)

/// Brings highlights back from W3C Web Annotation JSON (Gloss's own and other tools' with the
/// same selectors) and REFI-QDA projects (.qdpx). Articles are matched by content hash, then by
/// source; highlights are placed with the re-anchoring rules; tags are merged into the codebook
/// by path. Importing the same file twice adds nothing. All or nothing: one transaction.
class AnnotationImporter
{
public:
    using Progress = std::function<void(int done, int total)>;

    explicit AnnotationImporter(LibraryStore &library);
    /// Imports a file whole or not at all; a set cancel flag stops it with nothing imported.
    [[nodiscard]] Result<AnnotationImportReport> importFile(const QString &path,
        const std::atomic_bool *cancel = nullptr, const Progress &progress = {});

private:
    LibraryStore &m_library;
};
