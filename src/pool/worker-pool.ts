import { proxy, transfer, type Remote } from 'comlink';
import { installErrorTransfer } from '../shared/error-transfer.ts';
import { abortError, onAbort } from '../shared/abort.ts';
import { ImageSpecError } from '../shared/errors/imagespec-error.ts';
import { missingBrowserApi } from '../shared/environment.ts';
import { AdmissionOrder } from './admission-order.ts';
import { Turns, type EndTurn } from './turns.ts';
import { WorkerSlot, type Role } from './worker-slot.ts';
import type {
  HashedFile,
  HashRequest,
  WorkerApi,
  WorkerJob,
  WorkerJobResult,
  WorkerProgress,
} from '../shared/worker-protocol.ts';

export interface WorkerPoolOptions {
  /**
   * Makes one worker. Pass your own module worker to use custom processors:
   * `() => new Worker(new URL('../my-worker.ts', import.meta.url), { type: 'module' })`.
   * @default imagespec's built-in worker
   */
  createWorker?: () => Worker;
  /** How many files are processed at once, each in its own worker. @default min(hardwareConcurrency - 1, 4), at least 1 */
  size?: number;
  /** Idle workers are terminated after this many milliseconds, freeing their memory. @default 30000 */
  idleTimeout?: number;
}

export interface RunOptions {
  signal?: AbortSignal | undefined;
  onProgress?: (progress: WorkerProgress) => void;
  /** The admitted file's ticket (see `admit`): its first task of each kind starts after those of files admitted before. */
  ticket?: number | undefined;
}

/** A file's turn, given by `admit`. */
export interface Admission {
  ticket: number;
  /** Ends the turn; calling it again does nothing. */
  end: EndTurn;
}

/** What a task asks of the worker that takes it. */
type Call<T> = (remote: Remote<WorkerApi>, onProgress: (progress: WorkerProgress) => void) => Promise<T>;

interface Task {
  role: Role;
  call: Call<unknown>;
  options: RunOptions;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

type Slot = WorkerSlot<Task>;

function defaultWorker(): Worker {
  // The library build rewrites this URL to one every bundler can follow (see vite.lib.config.ts).
  return new Worker(new URL('../../workers/default-worker.ts', import.meta.url), { type: 'module', name: 'imagespec' });
}

export function defaultPoolSize(): number {
  const cores = globalThis.navigator?.hardwareConcurrency ?? 2;
  return Math.max(1, Math.min(cores - 1, 4));
}

/** A pool of processing workers, made by `createWorkerPool` and passed to `processImage`. */
export interface WorkerPool {
  /** How many files are processed at once. */
  readonly size: number;
  /** How many workers this pool has started in its lifetime (replacements included, and the one that hashes files). */
  readonly workersStarted: number;
  /** Terminates every worker; queued and running jobs reject with `ABORTED`. */
  terminate(): void;
}

/**
 * A bounded set of module workers with a queue. Workers start on first use; an aborted job's
 * worker is terminated at once (the only way to stop a running wasm loop) and replaced; a
 * worker that dies fails only its own job.
 */
export class ModuleWorkerPool implements WorkerPool {
  readonly size: number;
  readonly #createWorker: () => Worker;
  readonly #idleTimeout: number;
  readonly #slots = new Set<Slot>();
  readonly #queue: Task[] = [];
  readonly #admitted: Turns;
  readonly #order = new AdmissionOrder();
  #workersStarted = 0;

  constructor(options: WorkerPoolOptions = {}) {
    installErrorTransfer();
    this.size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
    this.#createWorker = options.createWorker ?? defaultWorker;
    this.#idleTimeout = options.idleTimeout ?? 30_000;
    this.#admitted = new Turns(this.size + 1);
  }

  /** How many workers this pool has started in its lifetime (replacements included, and the one that hashes files). */
  get workersStarted(): number {
    return this.#workersStarted;
  }

  /**
   * Waits for a file's turn on the page (its cache lookup by file key, its header checks) for this
   * pool: at most one file per worker plus one are between that and a worker taking them. So of
   * twenty files picked at once, the first reaches a worker without waiting for the page's work on
   * the other nineteen, whose cache lookups would queue ahead of its own. Pass the ticket to `hash`
   * and `run`: files are hashed and processed in the order they were admitted. End the turn once
   * a worker has taken the file (or it needs none).
   */
  async admit(signal: AbortSignal | undefined, what: string): Promise<Admission> {
    const endTurn = await this.#admitted.take(signal, what);
    const ticket = this.#order.issue();
    return {
      ticket,
      end: () => {
        endTurn();
        if (this.#order.pass(ticket)) this.#dispatch();
      },
    };
  }

  /** Processes one file in the next free worker. */
  run(job: WorkerJob, options: RunOptions = {}): Promise<WorkerJobResult> {
    // The bytes move to the worker: the page keeps no copy to wait for garbage collection.
    const sent = job.bytes ? transfer(job, [job.bytes]) : job;
    return this.#enqueue('process', (remote, onProgress) => remote.process(sent, onProgress), options);
  }

  /**
   * Reads and hashes a file in an idle worker, or the pool's hashing worker, off the page's thread; with
   * `keepBytes`, hands back the bytes read, for `run` to pass on; with `strip`, the stripped original too.
   */
  hash(file: Blob, options: Pick<RunOptions, 'signal' | 'ticket'> & Partial<HashRequest> = {}): Promise<HashedFile> {
    const { signal, ticket, keepBytes = false, strip } = options;
    return this.#enqueue('hash', (remote) => remote.hash(file, { keepBytes, strip }), { signal, ticket });
  }

  #enqueue<T>(role: Role, call: Call<T>, options: RunOptions): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortError(signal, 'processing'));
    if (typeof Worker === 'undefined') {
      return Promise.reject(missingBrowserApi('Worker', 'imagespec processes images in Web Workers in the browser'));
    }
    return new Promise((resolve, reject) => {
      // The listener goes as soon as the task settles, however it settles.
      const settled = (settle: () => void) => {
        stopListening();
        settle();
      };
      const task: Task = {
        role,
        call,
        options,
        resolve: (result) => settled(() => resolve(result as T)),
        reject: (error) => settled(() => reject(error)),
      };
      const stopListening = onAbort(signal, () => this.#abort(task));
      options.onProgress?.({ stage: 'queued' });
      this.#queue.push(task);
      this.#dispatch();
    });
  }

  /** Terminates every worker; queued and running jobs reject with `ABORTED`. */
  terminate(): void {
    this.#admitted.refuseWaiting(abortError(undefined, 'the worker pool was terminated'));
    for (const task of this.#queue.splice(0)) task.reject(abortError(undefined, 'the worker pool was terminated'));
    for (const slot of [...this.#slots]) {
      slot.task?.reject(abortError(undefined, 'the worker pool was terminated'));
      this.#retire(slot);
    }
  }

  /** Starts every queued task a worker of its role can take: admitted files' in admission order, then in queue order. */
  #dispatch(): void {
    const byTicket = [...this.#queue].sort((a, b) => (a.options.ticket ?? -1) - (b.options.ticket ?? -1));
    for (const task of byTicket) {
      if (!this.#order.mayStart(task.options.ticket, task.role)) continue;
      let slot: Slot | undefined;
      try {
        slot = task.role === 'process' ? this.#processingSlot() : this.#hashingSlot();
      } catch (error) {
        // The constructor itself refused: a browser without module workers throws here.
        const reason = error instanceof Error ? error.message : String(error);
        this.#queue.splice(this.#queue.indexOf(task), 1);
        task.reject(
          new ImageSpecError(
            'UNSUPPORTED_ENVIRONMENT',
            `unsupported environment: no module worker could start (${reason})`,
            {
              cause: error,
            },
          ),
        );
        continue;
      }
      if (!slot) continue;
      this.#queue.splice(this.#queue.indexOf(task), 1);
      if (task.options.ticket !== undefined) this.#order.pass(task.options.ticket, task.role);
      void this.#start(slot, task);
    }
  }

  #processingSlot(): Slot | undefined {
    return this.#idleSlot('process') ?? this.#newSlot('process');
  }

  /**
   * A file picked alone is hashed by the worker that processes it next: no second worker starts
   * for it. Once the hashing worker runs, every hash waits for it: a processing worker that took
   * one would keep the next file, hashed already, waiting.
   */
  #hashingSlot(): Slot | undefined {
    const hashing = [...this.#slots].some((slot) => slot.role === 'hash');
    if (hashing) return this.#idleSlot('hash');
    return this.#idleSlot('process') ?? this.#newSlot('process') ?? this.#newSlot('hash');
  }

  #idleSlot(role: Role): Slot | undefined {
    for (const slot of this.#slots) if (slot.role === role && !slot.task) return slot;
    return undefined;
  }

  /** A new worker for `role`, if the pool may start one. */
  #newSlot(role: Role): Slot | undefined {
    let working = 0;
    for (const slot of this.#slots) if (slot.role === role) working++;
    return working < (role === 'process' ? this.size : 1) ? this.#startWorker(role) : undefined;
  }

  #startWorker(role: Role): Slot {
    const slot = new WorkerSlot<Task>(role, this.#createWorker, this.#createWorker === defaultWorker, (dead, message) =>
      this.#crash(dead, message),
    );
    this.#workersStarted++;
    this.#slots.add(slot);
    return slot;
  }

  async #start(slot: Slot, task: Task): Promise<void> {
    clearTimeout(slot.idleTimer);
    slot.task = task;
    const onProgress = proxy((progress: WorkerProgress) => {
      if (slot.task === task) task.options.onProgress?.(progress);
    });
    try {
      await slot.ready;
      if (slot.task !== task) return; // aborted, or the worker died, while it was starting
      const result = await task.call(slot.remote, onProgress);
      this.#finish(slot, task, () => task.resolve(result));
    } catch (error) {
      this.#finish(slot, task, () => task.reject(error));
    }
  }

  #finish(slot: Slot, task: Task, settle: () => void): void {
    if (slot.task !== task) return; // aborted or crashed: already settled
    slot.task = undefined;
    settle();
    slot.idleTimer = setTimeout(() => this.#retire(slot), this.#idleTimeout);
    this.#dispatch();
  }

  #abort(task: Task): void {
    const queued = this.#queue.indexOf(task);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
    } else {
      const slot = [...this.#slots].find((candidate) => candidate.task === task);
      if (!slot) return; // already settled
      this.#retire(slot);
    }
    task.reject(abortError(task.options.signal, 'processing'));
    this.#dispatch();
  }

  #crash(slot: Slot, message: string): void {
    if (!this.#slots.has(slot)) return;
    const task = slot.task;
    this.#retire(slot);
    task?.reject(new ImageSpecError('WORKER_CRASHED', message));
    this.#dispatch();
  }

  #retire(slot: Slot): void {
    this.#slots.delete(slot);
    slot.task = undefined;
    slot.terminate();
  }
}

/**
 * A pool of processing workers; see `WorkerPoolOptions`. Nothing starts until the first job.
 *
 * @example
 * const pool = createWorkerPool({
 *   createWorker: () => new Worker(new URL('./my-worker.ts', import.meta.url), { type: 'module' }),
 * });
 * await processImage(file, specs, { pool });
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  return new ModuleWorkerPool(options);
}

/** The pool behind a `WorkerPool` handle: only pools made by `createWorkerPool` can run jobs. */
export function runnablePool(pool: WorkerPool): ModuleWorkerPool {
  if (pool instanceof ModuleWorkerPool) return pool;
  throw new ImageSpecError('INVALID_OPTIONS', 'invalid options: pool must be made by createWorkerPool()');
}

let sharedPool: ModuleWorkerPool | undefined;

/** The pool `processImage` uses unless given one: the built-in worker, made on first use. */
export function defaultPool(): ModuleWorkerPool {
  sharedPool ??= new ModuleWorkerPool();
  return sharedPool;
}
