#pragma once

#include "core/result.h"

#include <QHash>
#include <QList>
#include <QString>

#include <memory>
#include <vector>

class LibraryStore;

/// What a change touched, so that views read again only that: a topic the layer above defines
/// ("highlight", "codebook", …), the article, and the row.
struct ChangeNotice
{
    QString topic;
    qint64 articleId = 0;
    qint64 id = 0;

    friend bool operator==(const ChangeNotice &a, const ChangeNotice &b)
    {
        return a.topic == b.topic && a.articleId == b.articleId && a.id == b.id;
    }
};

/// The versions an undo history last left its rows at. Every write to a versioned row raises
/// its version, so a step finds out whether anyone else (an import, another window or
/// process, a team member) changed the row since this history did: then it is refused rather
/// than applied to a row that is no longer what it was.
///
/// A row also has a generation: when a new change finds a row at another version than this
/// history left it, earlier steps on that row belong to an older generation and are refused
/// too, even though the newer steps in between would put the version right again.
class VersionBook
{
public:
    /// A new change is about to write the row, which it saw at seenVersion (0: a new row).
    /// Returns the generation the change belongs to for this row.
    int adopt(const QString &row, qint64 seenVersion);
    /// True when a change of this generation may still act on the row.
    bool holds(const QString &row, int generation) const;
    /// The version this history last left the row at (0 when it never wrote it).
    qint64 expected(const QString &row) const;
    void record(const QString &row, qint64 version);

    static QString key(const char *table, qint64 id);

private:
    struct Entry
    {
        qint64 version = 0;
        int generation = 0;
    };
    QHash<QString, Entry> m_rows;
};

/// What a step has to work with: the writer's store, inside the transaction it runs in, and the
/// history's versions. `first` is true on the first application, false on a redo.
struct ChangeContext
{
    LibraryStore &store;
    VersionBook &book;
    bool first = true;
};

/// One undoable change to the library. It records what it changed, not whole rows, and checks
/// the rows before acting: a step whose rows changed under it fails with ErrorKind::Conflict
/// (or NotFound) and a sentence, and the history does not move. It holds data only, never a
/// pointer to a service or store: steps run on the writer's thread with the store given.
class LibraryChange
{
public:
    virtual ~LibraryChange() = default;
    [[nodiscard]] virtual Result<void> apply(ChangeContext &context) = 0;
    [[nodiscard]] virtual Result<void> revert(ChangeContext &context) = 0;
    /// What views should read again after a step, in either direction.
    virtual QList<ChangeNotice> notices() const = 0;
};

/// Several changes as one step: applied in order, reverted in reverse, in one transaction.
class ChangeList final : public LibraryChange
{
public:
    void append(std::unique_ptr<LibraryChange> change);
    bool isEmpty() const { return m_changes.empty(); }

    Result<void> apply(ChangeContext &context) override;
    Result<void> revert(ChangeContext &context) override;
    QList<ChangeNotice> notices() const override;

private:
    std::vector<std::unique_ptr<LibraryChange>> m_changes;
};
