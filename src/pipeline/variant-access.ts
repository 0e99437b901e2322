// The accessors on a processing result: any variant by name (a lazy one produced on first
// access, once), object URLs made once per variant, and release() to revoke them all.
import { ImageSpecError } from '../shared/errors/imagespec-error.ts';

export interface GetVariantOptions {
  /** Aborts this call's wait; a production it started is then abandoned, and the next `get` starts afresh. */
  signal?: AbortSignal;
}

export interface VariantAccess<Name extends string, V> {
  /**
   * A variant by name. Eager ones resolve at once. A lazy one (`lazy: true`) is read from the
   * cache or produced on the first call, once: concurrent and later calls share that result.
   */
  get(name: Name, options?: GetVariantOptions): Promise<V>;
  /**
   * An object URL of a variant's blob, made once per name and kept until `release()`. Use it for
   * `<img src>`; do not revoke it yourself.
   */
  url(name: Name): Promise<string>;
  /**
   * Revokes every object URL `url()` handed out, so that a long gallery session does not keep
   * their blobs alive. The variants stay usable; a later `url()` makes a new URL.
   */
  release(): void;
}

/** Object URLs of a result's variants: one per name, made on first use, revoked together. */
export class ObjectUrls {
  readonly #urls = new Map<string, string>();

  of(name: string, blob: Blob): string {
    let url = this.#urls.get(name);
    if (url === undefined) {
      url = URL.createObjectURL(blob);
      this.#urls.set(name, url);
    }
    return url;
  }

  revokeAll(): void {
    for (const url of this.#urls.values()) URL.revokeObjectURL(url);
    this.#urls.clear();
  }
}

/**
 * Accessors over `eager` variants, producing lazy ones with `produce`, which returns undefined
 * for a name that is no lazy spec. `urls` may be shared with other views of the same result.
 */
export function createVariantAccess<Name extends string, V extends { blob: Blob }>(
  eager: Readonly<Record<string, V>>,
  produce: (name: string, signal: AbortSignal | undefined) => Promise<V> | undefined,
  urls: ObjectUrls = new ObjectUrls(),
): VariantAccess<Name, V> {
  const produced = new Map<string, Promise<V>>();

  const get = (name: Name, options: GetVariantOptions = {}): Promise<V> => {
    const ready = Object.hasOwn(eager, name) ? eager[name] : undefined;
    if (ready) return Promise.resolve(ready);
    let pending = produced.get(name);
    if (!pending) {
      pending = produce(name, options.signal);
      if (!pending) {
        return Promise.reject(
          new ImageSpecError('INVALID_SPEC', `unknown variant: "${name}" is not one of the specs given`, {
            details: { spec: name },
          }),
        );
      }
      produced.set(name, pending);
      // A failed or aborted production is forgotten, so that asking again retries.
      const started = pending;
      started.catch(() => {
        if (produced.get(name) === started) produced.delete(name);
      });
    }
    return pending;
  };

  return {
    get,
    async url(name) {
      return urls.of(name, (await get(name)).blob);
    },
    release() {
      urls.revokeAll();
    },
  };
}
