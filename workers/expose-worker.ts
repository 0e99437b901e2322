import { expose } from 'comlink';
import { installErrorTransfer } from '../src/shared/error-transfer.ts';
import type { WorkerApi } from '../src/shared/worker-protocol.ts';
import { processJob } from './runtime.ts';

const api: WorkerApi = {
  process: (job, onProgress) => processJob(job, onProgress),
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
 * after registering your custom processors.
 *
 * @example
 * // my-worker.ts
 * import { registerPixelProcessor, exposeWorker } from 'imagespec/worker';
 * registerPixelProcessor('toBW', ({ pixels }) => { ... });
 * exposeWorker();
 */
export function exposeWorker(): void {
  installErrorTransfer();
  expose(api);
}
