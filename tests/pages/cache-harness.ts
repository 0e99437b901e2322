// The page side of the cache tests: runs processImage with a named cache (or the default one,
// or none), keeps each result so the test can ask for lazy variants and object URLs later, and
// hands everything back as plain data.
import { defaultCache } from '../../src/cache/open-cache.ts';
import * as imagespec from '../../src/index.ts';
import { prepareUpload } from '../../src/upload/manifest.ts';
import type { CacheEvent, ProcessResult, Specs, VariantCacheOptions } from '../../src/index.ts';
import { holdReads, letReadsBeHeld, releaseReads } from './held-reads.ts';

letReadsBeHeld();

/** A variant as plain data: its blob as base64. */
export type CachePageVariant = Omit<imagespec.Variant, 'blob'> & { base64: string };

/** A CacheEvent as plain data: errors become their name and message. */
export type PlainCacheEvent = CacheEvent extends infer E
  ? E extends unknown
    ? Omit<E, 'error'> & { error?: string }
    : never
  : never;

export interface CacheRunOptions {
  /** A cache made with `open(key)`, `false` for none; the default cache when absent. */
  cache?: string | false;
  /** The File's last-modified time, as a file picked from disk has; now when absent. */
  lastModified?: number;
}

export type CacheRunOutcome =
  | {
      ok: true;
      id: number;
      source: imagespec.SourceImage;
      variants: Record<string, CachePageVariant>;
      events: PlainCacheEvent[];
      stages: string[];
      /** Workers this call's own pool started: each run gets a new pool, so this is exact. */
      workersStarted: number;
      ms: number;
    }
  | { ok: false; error: { name: string; code?: string; message: string }; events: PlainCacheEvent[]; ms: number };

interface Kept {
  result: ProcessResult<string, string>;
  pool: imagespec.WorkerPool;
  stages: string[];
  events: PlainCacheEvent[];
}

const caches = new Map<string, imagespec.VariantCache>();
const cacheEvents = new Map<string, PlainCacheEvent[]>();
const kept = new Map<number, Kept>();
let runs = 0;

function plain(event: CacheEvent): PlainCacheEvent {
  if (!('error' in event) || event.error === undefined) return event as PlainCacheEvent;
  const error = event.error as { name?: unknown; message?: unknown };
  return { ...event, error: `${String(error.name)}: ${String(error.message)}` };
}

async function toBase64(blob: Blob): Promise<string> {
  // Not blob.arrayBuffer(): the tests count and hold the page's own reads of picked files.
  const bytes = new Uint8Array(await new Response(blob).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function toPageVariant(variant: imagespec.Variant): Promise<CachePageVariant> {
  const { blob, ...rest } = variant;
  return { ...rest, base64: await toBase64(blob) };
}

/** Makes a named cache; its own events (whoever caused them) are kept under the same key. */
function open(key: string, options: Omit<VariantCacheOptions, 'onEvent'> = {}): void {
  const events: PlainCacheEvent[] = [];
  cacheEvents.set(key, events);
  caches.set(key, imagespec.openCache({ ...options, onEvent: (event) => events.push(plain(event)) }));
}

function cacheFor(key: string | undefined): imagespec.VariantCache {
  if (key === undefined) return defaultCache();
  const cache = caches.get(key);
  if (!cache) throw new Error(`no cache opened as "${key}"`);
  return cache;
}

async function run(url: string, name: string, specs: Specs, options: CacheRunOptions = {}): Promise<CacheRunOutcome> {
  const response = await fetch(url);
  const file = new File(
    [await response.blob()],
    name,
    options.lastModified ? { lastModified: options.lastModified } : {},
  );
  const stages: string[] = [];
  const events: PlainCacheEvent[] = [];
  const pool = imagespec.createWorkerPool({
    createWorker: () => new Worker(new URL('./custom-worker.ts', import.meta.url), { type: 'module' }),
    idleTimeout: 2_000,
  });
  const started = performance.now();
  try {
    const result = await imagespec.processImage(file, specs, {
      pool,
      cache: options.cache === false ? false : cacheFor(options.cache),
      onProgress: (progress) => stages.push(progress.spec ? `${progress.stage}:${progress.spec}` : progress.stage),
      onCacheEvent: (event) => events.push(plain(event)),
    });
    const ms = performance.now() - started;
    const id = ++runs;
    kept.set(id, { result: result, pool, stages, events });
    const variants: Record<string, CachePageVariant> = {};
    for (const [key, variant] of Object.entries<imagespec.Variant>(result.variants))
      variants[key] = await toPageVariant(variant);
    return {
      ok: true,
      id,
      source: result.source,
      variants,
      events,
      stages,
      workersStarted: pool.workersStarted,
      ms,
    };
  } catch (error) {
    const e = error as { name?: string; code?: string; message?: string };
    return {
      ok: false,
      events,
      ms: performance.now() - started,
      error: { name: String(e.name), message: String(e.message), ...(e.code ? { code: e.code } : {}) },
    };
  }
}

/** What the uploader makes of a kept result before sending anything: its manifest, or its refusal. */
async function uploadCheck(
  id: number,
): Promise<{ ok: true; sha256: string } | { ok: false; code: string; message: string }> {
  try {
    const { manifest } = await prepareUpload(keptRun(id).result);
    return { ok: true, sha256: manifest.source.sha256 };
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { ok: false, code, message };
  }
}

function keptRun(id: number): Kept {
  const found = kept.get(id);
  if (!found) throw new Error(`no run ${id}`);
  return found;
}

/** Asks a kept result for `names` all at once (repeat a name to ask twice concurrently). */
async function get(id: number, names: string[]) {
  const { result, stages, events } = keptRun(id);
  const variants = await Promise.all(names.map((name) => result.get(name)));
  const sameObject = variants.every(
    (variant, index) => names.indexOf(names[index]!) === index || variant === variants[names.indexOf(names[index]!)],
  );
  return {
    variants: await Promise.all(variants.map(toPageVariant)),
    sameObject,
    stages: [...stages],
    events: [...events],
  };
}

async function url(id: number, name: string): Promise<string> {
  return keptRun(id).result.url(name);
}

function release(id: number): void {
  keptRun(id).result.release();
}

/** The bytes behind a URL, or null when it cannot be fetched (a revoked object URL). */
async function fetchBase64(address: string): Promise<string | null> {
  try {
    return await toBase64(await (await fetch(address)).blob());
  } catch {
    return null;
  }
}

/** One version read by the photo's hash and a spec, without the file; null on a miss. */
async function read(sourceHash: string, spec: imagespec.Spec, key?: string): Promise<CachePageVariant | null> {
  const variant = await cacheFor(key).get(sourceHash, spec);
  return variant && toPageVariant(variant);
}

async function usage(key?: string) {
  return cacheFor(key).usage();
}

async function forget(sourceHash: string, key?: string) {
  return cacheFor(key).delete(sourceHash);
}

async function clear(key?: string) {
  return cacheFor(key).clear();
}

function eventsOf(key: string): PlainCacheEvent[] {
  return [...(cacheEvents.get(key) ?? [])];
}

/**
 * Opens the cache database at `version` with plain IndexedDB and holds it, ignoring
 * `versionchange` as a careless older tab would; resolves with the connection's version.
 */
function holdDatabase(name: string, version: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => {
        (window as unknown as { versionChangeIgnored: boolean }).versionChangeIgnored = true;
      };
      (window as unknown as { heldDatabase: IDBDatabase }).heldDatabase = db;
      resolve(db.version);
    };
    request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
  });
}

declare global {
  interface Window {
    cacheHarness: {
      open: typeof open;
      run: typeof run;
      get: typeof get;
      url: typeof url;
      release: typeof release;
      fetchBase64: typeof fetchBase64;
      read: typeof read;
      usage: typeof usage;
      forget: typeof forget;
      clear: typeof clear;
      eventsOf: typeof eventsOf;
      holdDatabase: typeof holdDatabase;
      uploadCheck: typeof uploadCheck;
      holdReads: typeof holdReads;
      releaseReads: typeof releaseReads;
    };
  }
}
window.imagespec = imagespec;
window.cacheHarness = {
  open,
  run,
  get,
  url,
  release,
  fetchBase64,
  read,
  usage,
  forget,
  clear,
  eventsOf,
  holdDatabase,
  uploadCheck,
  holdReads,
  releaseReads,
};
document.body.dataset['ready'] = 'true';
