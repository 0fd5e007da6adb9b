// Must compile: the annotation layer sits on the library layer. It shows that the probes of
// the wrong way fail because of the direction, not because probes cannot build.
#include "annotation/annotationstore.h"
#include "library/librarystore.h"
