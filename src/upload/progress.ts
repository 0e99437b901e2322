// Bytes sent, per version, per job and across the queue: the numbers a progress bar binds to.
import type { UploadState } from './queue-store.ts';

export interface VersionProgress {
  sent: number;
  total: number;
}

export interface JobProgress {
  id: string;
  state: UploadState;
  sent: number;
  total: number;
  versions: Record<string, VersionProgress>;
}

/** Across the jobs this uploader handled since the queue was last idle. */
export interface QueueProgress {
  sent: number;
  total: number;
  jobs: number;
}

/** The detail of a `progress` event. */
export interface UploadProgress {
  job: JobProgress;
  queue: QueueProgress;
}

export class ProgressBook {
  readonly #jobs = new Map<string, JobProgress>();

  /** Starts (or restarts) a job at zero. */
  open(id: string, state: UploadState, totals: Record<string, number>): JobProgress {
    const versions: Record<string, VersionProgress> = {};
    for (const [name, total] of Object.entries(totals)) versions[name] = { sent: 0, total };
    const job: JobProgress = { id, state, sent: 0, total: sum(Object.values(totals)), versions };
    this.#jobs.set(id, job);
    return job;
  }

  update(id: string, sent: Record<string, number>): JobProgress | undefined {
    const job = this.#jobs.get(id);
    if (!job) return undefined;
    for (const [name, bytes] of Object.entries(sent)) {
      const version = job.versions[name];
      if (version) version.sent = Math.min(bytes, version.total);
    }
    job.sent = sum(Object.values(job.versions).map((version) => version.sent));
    return job;
  }

  setState(id: string, state: UploadState): void {
    const job = this.#jobs.get(id);
    if (job) job.state = state;
  }

  get(id: string): JobProgress | undefined {
    return this.#jobs.get(id);
  }

  forget(id: string): void {
    this.#jobs.delete(id);
  }

  queue(): QueueProgress {
    const jobs = [...this.#jobs.values()];
    return { sent: sum(jobs.map((job) => job.sent)), total: sum(jobs.map((job) => job.total)), jobs: jobs.length };
  }

  /** Forgets finished jobs once nothing is left to do, so the next batch starts from zero. */
  settle(): void {
    if ([...this.#jobs.values()].every((job) => job.state === 'done' || job.state === 'failed')) this.#jobs.clear();
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
