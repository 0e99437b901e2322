// IndexedDB has no timeouts of its own: an open blocked by another tab, or a transaction a
// browser never finishes, would keep its caller waiting forever. Every wait the cache does on
// the database goes through here.

/**
 * Settles as `work` does, or, when `work` has not settled within `ms`, with `onTimeout()`'s value
 * (or its exception). `work` itself is left running: IndexedDB offers no way to cancel it.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(onTimeout());
      } catch (error) {
        reject(error);
      }
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
