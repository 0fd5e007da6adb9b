#include "libraryhooks.h"

namespace LibraryHooks {

namespace {

struct Registry
{
    QList<TextChanged> textChanged;
    QList<Recovery> recoveries;
    QList<Removed> removed;
    QList<Filter> filters;
    QList<TextMatch> textMatches;
    QList<Counter> counters;
};

Registry &registry()
{
    static Registry instance;
    return instance;
}

} // namespace

void addTextChanged(TextChanged hook)
{
    registry().textChanged.append(std::move(hook));
}

void addRecovery(Recovery hook)
{
    registry().recoveries.append(std::move(hook));
}

const QList<Recovery> &recoveries()
{
    return registry().recoveries;
}

void addRemoved(Removed hook)
{
    registry().removed.append(std::move(hook));
}

void addFilter(Filter hook)
{
    registry().filters.append(std::move(hook));
}

void addTextMatch(TextMatch hook)
{
    registry().textMatches.append(std::move(hook));
}

void addCounter(Counter counter)
{
    registry().counters.append(std::move(counter));
}

const QList<TextChanged> &textChanged()
{
    return registry().textChanged;
}

const QList<Removed> &removed()
{
    return registry().removed;
}

const QList<Filter> &filters()
{
    return registry().filters;
}

const QList<TextMatch> &textMatches()
{
    return registry().textMatches;
}

const QList<Counter> &counters()
{
    return registry().counters;
}

void clear()
{
    registry() = Registry();
}

} // namespace LibraryHooks
