// One worker of the pool: started, watched for its death however it dies, and terminated.
import { wrap, type Remote } from 'comlink';
import type { WorkerApi } from '../shared/worker-protocol.ts';

/**
 * What a worker is for: processing files (at most `size` of them; they also hash files until the
 * hashing worker exists), or only reading and hashing them (one more, started when a file must be
 * hashed while every processing worker is busy), so that the next file is hashed while the
 * current one is processed. Never on the page's thread, where hashing a camera photo takes
 * 50–100 ms.
 */
export type Role = 'process' | 'hash';

/** The built-in worker's script did not load: a bundler left it out (esbuild, Rollup) or the site does not serve it. */
const BUILT_IN_WORKER_MISSING =
  "worker failed: imagespec's built-in worker (imagespec/default-worker.js) could not be loaded. A bundler that does not follow new Worker(new URL(..., import.meta.url)) leaves it out (esbuild, Rollup): add it as an entry named imagespec/default-worker beside your bundle, or pass createWorkerPool({ createWorker }) a worker of your own; see the README's 'What each bundler needs'";

/** A worker of the pool, and the task it runs (`Task` is the pool's). */
export class WorkerSlot<Task> {
  readonly role: Role;
  readonly #worker: Worker;
  readonly remote: Remote<WorkerApi>;
  task: Task | undefined;
  /** Settles once the worker holds its life lock; jobs start after it. */
  readonly ready: Promise<void>;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Stops waiting on the worker's life lock once we terminate it ourselves. */
  readonly #stopWatching = new AbortController();

  /**
   * Starts a worker (`createWorker` may throw: a browser without module workers); `onDeath` hears
   * of its death with a message, at most once before `terminate`. `builtIn`: imagespec's own
   * worker, whose script a bundler may have left out.
   */
  constructor(
    role: Role,
    createWorker: () => Worker,
    builtIn: boolean,
    onDeath: (slot: WorkerSlot<Task>, message: string) => void,
  ) {
    this.role = role;
    this.#worker = createWorker();
    this.remote = wrap<WorkerApi>(this.#worker);
    // 'error' covers a module that fails to load (a 404 would otherwise hang) and uncaught errors.
    this.#worker.addEventListener('error', (event) => {
      event.preventDefault();
      const where = event.filename ? ` (${event.filename}:${event.lineno})` : '';
      onDeath(
        this,
        !event.message && builtIn
          ? BUILT_IN_WORKER_MISSING
          : `worker failed: ${event.message || 'the worker script could not be loaded or threw'}${where}`,
      );
    });
    this.ready = this.#watchLife(() => onDeath(this, 'worker crashed: it stopped while working'));
  }

  /** Stops watching the worker and terminates it. */
  terminate(): void {
    clearTimeout(this.idleTimer);
    this.#stopWatching.abort();
    this.#worker.terminate();
  }

  /**
   * A Web Lock the worker holds until it dies tells us of deaths no event reports (close(), out
   * of memory). Jobs wait until the worker holds it: a worker dying before that would go unseen.
   */
  #watchLife(died: () => void): Promise<void> {
    const locks = globalThis.navigator?.locks;
    if (!locks) return Promise.resolve();
    const name = `imagespec-worker-${crypto.randomUUID()}`;
    return this.remote.holdLifeLock(name).then(() => {
      locks.request(name, { signal: this.#stopWatching.signal }, died).catch(() => {
        // Aborted: we terminated the worker ourselves.
      });
    });
  }
}
