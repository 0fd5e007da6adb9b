// Must not compile: articles are parsed without knowing the library that stores them.
#include "library/librarystore.h"
