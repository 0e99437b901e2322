// A slow disk for the cache tests: while the page holds a Web Lock, reading a picked File's bytes
// (not a Blob's) waits, on the page and in the workers alike (a lock is the origin's, not one
// thread's). Shows what waits for the file and what does not.
const LOCK = 'imagespec-test-held-reads';

let release = () => {};

/** Holds every File read from now on, until `releaseReads()`. */
export async function holdReads(): Promise<void> {
  await new Promise<void>((granted) => {
    void navigator.locks.request(LOCK, () => {
      granted();
      return new Promise<void>((resolve) => (release = resolve));
    });
  });
}

export function releaseReads(): void {
  release();
}

/** Makes this thread's File reads wait while the lock is held (once per thread). */
export function letReadsBeHeld(): void {
  const read = File.prototype.arrayBuffer;
  File.prototype.arrayBuffer = async function (this: File) {
    await navigator.locks.request(LOCK, () => {});
    return read.call(this);
  };
}
