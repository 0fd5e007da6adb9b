#include "samples.h"

#include <QString>

ImportSummary Samples::importInto(LibraryStore &store)
{
    return Importer(store).run({ QString::fromUtf16(ResourceFolder) });
}
