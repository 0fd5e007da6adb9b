// Must not compile: the library layer lies below the annotation layer, so it cannot see its
// headers (tests/layering/check.cmake expects this build to fail on this include).
#include "annotation/annotationstore.h"
