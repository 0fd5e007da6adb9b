#pragma once

#include <QMetaType>
#include <QString>

#include <atomic>
#include <functional>

class LibraryStore;
class LibraryWriter;

struct SpeakerIndexOutcome
{
    int indexed = 0;
    bool cancelled = false;
    QString error; ///< for the user; empty when all went well
};

/// Brings the library-wide index of who is quoted where up to date: every article imported or
/// changed since it was last looked at, or looked at by an older detector. Articles are read
/// and analysed on the calling thread (reader: its own connection); the results go through the
/// library's writer as background work committed one batch at a time, so a cancel or a crash
/// loses at most a batch and an edit in the window never waits for it. A result is stored only
/// if the article still has the text it was computed from; an article imported again meanwhile
/// waits for the next pass. Progress is told once before the first batch (when there is work)
/// and after each.
namespace SpeakerIndexer {

constexpr int BatchSize = 500;

SpeakerIndexOutcome run(LibraryStore &reader, LibraryWriter &writer,
    const std::atomic_bool *cancel = nullptr,
    const std::function<void(int done, int total)> &progress = {});

} // namespace SpeakerIndexer

Q_DECLARE_METATYPE(SpeakerIndexOutcome)
