#include "layers.h"
#include "annotation/annotationhooks.h"
#include "importing/annotationimporter.h"
#include "library/libraryhooks.h"
#include "quotes/quotehooks.h"

namespace Layers {

void install()
{
    static bool installed = false;
    if (installed)
        return;
    installed = true;
    AnnotationHooks::install();
    QuoteHooks::install();
    // An import of annotations that died with its program is taken back whole.
    LibraryHooks::addRecovery({ AnnotationImporter::abandonedRunsQuery(),
        [](LibraryStore &store) -> Result<void> {
            Result<int> recovered = AnnotationImporter::recoverAbandoned(store);
            return recovered ? Result<void>() : recovered.failure();
        } });
}

} // namespace Layers
