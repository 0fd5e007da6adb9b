#pragma once

#include <QMetaType>
#include <QString>

#include <atomic>
#include <functional>

class LibraryStore;

struct SpeakerIndexOutcome
{
    int indexed = 0;
    bool cancelled = false;
    QString error; ///< for the user; empty when all went well
};

/// Brings the library-wide index of who is quoted where up to date: every article imported or
/// changed since it was last looked at, or looked at by an older detector. Batches of articles
/// are committed one transaction each, so cancelling or a crash loses at most one batch of work
/// and never leaves the index half written. Progress is told once before the first batch (when
/// there is work) and after each.
namespace SpeakerIndexer {

constexpr int BatchSize = 500;

SpeakerIndexOutcome run(LibraryStore &store, const std::atomic_bool *cancel = nullptr,
    const std::function<void(int done, int total)> &progress = {});

} // namespace SpeakerIndexer

Q_DECLARE_METATYPE(SpeakerIndexOutcome)
