#include "samples.h"

#include <QString>

ImportSummary Samples::importInto(LibraryWriter &writer)
{
    return Importer(writer).run({ QString::fromUtf16(ResourceFolder) });
}
