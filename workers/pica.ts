import pica, { type Pica } from 'pica';

let instance: Pica | undefined;

/**
 * One pica per worker, made on first use. Its own Web Workers ('ww') are off: we are already
 * in a worker, and nested pools would fight ours for the cores. 'wasm' is its fast path.
 */
export function getPica(): Pica {
  instance ??= pica({ features: ['js', 'wasm'], concurrency: 1 });
  return instance;
}
