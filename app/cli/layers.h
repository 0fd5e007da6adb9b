#pragma once

/// Connects the layers to the library they sit on: each registers its LibraryHooks. Every
/// program that opens a library (the window, the command line, tests, benchmarks) calls this
/// first; it is safe to call again.
namespace Layers {

void install();

} // namespace Layers
