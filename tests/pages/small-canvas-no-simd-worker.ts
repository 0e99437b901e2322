// The same, without WebAssembly SIMD: pica resamples, from the same bands.
import './canvas-limit.ts';
import './without-wasm-simd.ts';
import '../../workers/default-worker.ts';
