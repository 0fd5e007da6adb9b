#pragma once

#include "importer.h"

class LibraryWriter;

/// The articles bundled with Gloss (resources/samples), so a new library has something to read.
namespace Samples {

constexpr char16_t ResourceFolder[] = u":/samples";

/// Imports the bundled samples; needs the executable's resources (gloss.qrc) linked in.
ImportSummary importInto(LibraryWriter &writer);

} // namespace Samples
