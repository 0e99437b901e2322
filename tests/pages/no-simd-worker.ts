// imagespec's built-in worker as it runs where WebAssembly has no SIMD (Safari before 16.4, older
// Chromium and Firefox): there the resample kernel does not validate, and pica resamples instead.
import './without-wasm-simd.ts';
import '../../workers/default-worker.ts';
