#include "librarychange.h"

using namespace Qt::StringLiterals;

int VersionBook::adopt(const QString &row, qint64 seenVersion)
{
    auto it = m_rows.find(row);
    if (it == m_rows.end()) {
        m_rows.insert(row, Entry { seenVersion, 0 });
        return 0;
    }
    if (it->version != seenVersion) {
        // Someone else wrote the row since this history did: its older steps are cut off.
        ++it->generation;
        it->version = seenVersion;
    }
    return it->generation;
}

bool VersionBook::holds(const QString &row, int generation) const
{
    const auto it = m_rows.constFind(row);
    return it != m_rows.constEnd() && it->generation == generation;
}

qint64 VersionBook::expected(const QString &row) const
{
    return m_rows.value(row).version;
}

void VersionBook::record(const QString &row, qint64 version)
{
    m_rows[row].version = version;
}

QString VersionBook::key(const char *table, qint64 id)
{
    return QString::fromLatin1(table) + u':' + QString::number(id);
}

void ChangeList::append(std::unique_ptr<LibraryChange> change)
{
    m_changes.push_back(std::move(change));
}

Result<void> ChangeList::apply(ChangeContext &context)
{
    for (const std::unique_ptr<LibraryChange> &change : m_changes) {
        if (auto applied = change->apply(context); !applied)
            return applied;
    }
    return {};
}

Result<void> ChangeList::revert(ChangeContext &context)
{
    for (auto it = m_changes.rbegin(); it != m_changes.rend(); ++it) {
        if (auto reverted = (*it)->revert(context); !reverted)
            return reverted;
    }
    return {};
}

QList<ChangeNotice> ChangeList::notices() const
{
    QList<ChangeNotice> all;
    for (const std::unique_ptr<LibraryChange> &change : m_changes) {
        for (const ChangeNotice &notice : change->notices()) {
            if (!all.contains(notice))
                all.append(notice);
        }
    }
    return all;
}
