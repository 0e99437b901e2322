// A result served from the cache by its file's name, size and time alone is handed out before
// the file's bytes are hashed; its hash is checked after. Until then nothing of it may leave the
// page: the uploader waits here for the check, and refuses a result that failed it.

/** The checks still running, by the result's `source` object. */
const pending = new WeakMap<object, Promise<void>>();

/** Marks `source` as unconfirmed until `check` settles; a rejected check names what was wrong. */
export function confirmSourceLater(source: object, check: Promise<void>): void {
  // Whoever waits on it sees the failure; a result never uploaded must not report it unhandled.
  check.catch(() => {});
  pending.set(source, check);
}

/** Resolves once `source` is known to describe its file's bytes (at once for most results). */
export function sourceConfirmed(source: object): Promise<void> {
  return pending.get(source) ?? Promise.resolve();
}
