#include "layers.h"
#include "annotation/annotationhooks.h"
#include "quotes/quotehooks.h"

namespace Layers {

void install()
{
    AnnotationHooks::install();
    QuoteHooks::install();
}

} // namespace Layers
