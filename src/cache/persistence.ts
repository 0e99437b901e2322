// Persistent storage: whether the browser keeps the origin's data under storage pressure, and the
// request to make it so. A browser without the Storage API, or one that throws in a private
// window, answers false: the cache works the same, only less durably.

/**
 * `navigator.storage.persist()` (asks for persistent storage) or `navigator.storage.persisted()`
 * (whether it is granted). Never rejects.
 * @returns the browser's answer, false where it cannot be asked
 */
export async function storagePersistence(question: 'persist' | 'persisted'): Promise<boolean> {
  try {
    return (await globalThis.navigator?.storage?.[question]?.()) ?? false;
  } catch {
    return false;
  }
}
