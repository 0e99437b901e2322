// What every handler of one receiver shares.
import { KeyedLock } from './concurrency/keyed-lock.ts';
import { UploadSlots } from './concurrency/upload-slots.ts';
import type { DrainBudget } from './http/answers.ts';
import type { ResolvedReceiverOptions } from './options.ts';

export interface ReceiverContext {
  options: ResolvedReceiverOptions;
  /** One request at a time per upload (identity and upload id). */
  locks: KeyedLock;
  /** The cap on uploads handled at once. */
  slots: UploadSlots;
  /** What is read of a body after an early answer. */
  drain: DrainBudget;
}

export function createContext(options: ResolvedReceiverOptions): ReceiverContext {
  const { limits } = options;
  return {
    options,
    locks: new KeyedLock({
      maxWaiters: limits.maxWaitersPerKey,
      waitTimeoutMs: limits.lockWaitTimeoutMs,
      holdTimeoutMs: limits.requestTimeoutMs,
    }),
    slots: new UploadSlots(limits.maxConcurrentUploads),
    drain: { bytes: limits.maxDrainBytes, timeoutMs: limits.drainTimeoutMs },
  };
}

/** The lock key of one upload: per identity, so two users never wait on each other. */
export function uploadLockKey(owner: string, uploadId: string): string {
  return `${owner}\n${uploadId}`;
}
