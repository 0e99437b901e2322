import { expose, transfer } from 'comlink';
import { installErrorTransfer } from '../src/shared/error-transfer.ts';
import { ImageSpecError } from '../src/shared/errors/imagespec-error.ts';
import type { WorkerApi } from '../src/shared/worker-protocol.ts';
import { hashFile, processJob } from './runtime.ts';

const api: WorkerApi = {
  process: (job, onProgress) => processJob(job, onProgress),
  hash: async (file, request) => {
    const hashed = await hashFile(file, request);
    // The bytes move to the page: this worker keeps no copy to wait for garbage collection.
    return hashed.bytes ? transfer(hashed, [hashed.bytes]) : hashed;
  },
  holdLifeLock: (name) =>
    new Promise<void>((granted) => {
      void navigator.locks.request(name, () => {
        granted();
        return new Promise<never>(() => {});
      });
    }),
};

/**
 * Starts answering the page's imagespec pool. Call it once, last, in your worker module,
 * after registering your custom processors. Outside a worker it throws `UNSUPPORTED_ENVIRONMENT`.
 *
 * @example
 * // my-worker.ts
 * import { registerPixelProcessor, exposeWorker } from 'imagespec/worker';
 * registerPixelProcessor('toBW', ({ pixels }) => { ... });
 * exposeWorker();
 */
export function exposeWorker(): void {
  // comlink would listen on whatever global it finds: on a page's window it answers nothing, in
  // Node it throws a bare TypeError. Say what is wrong instead.
  if (typeof WorkerGlobalScope === 'undefined' || !(globalThis instanceof WorkerGlobalScope)) {
    throw new ImageSpecError(
      'UNSUPPORTED_ENVIRONMENT',
      'unsupported environment: exposeWorker() runs only inside a Web Worker (call it last in your worker module, which the page starts with createWorkerPool({ createWorker }))',
    );
  }
  installErrorTransfer();
  expose(api);
}
