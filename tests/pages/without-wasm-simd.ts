// Answers as a browser without WebAssembly SIMD does when imagespec checks its kernel. Only the
// kernel is checked with validate(); pica finds out about its own (scalar) wasm by compiling it,
// so it still runs as it would there.
WebAssembly.validate = () => false;
