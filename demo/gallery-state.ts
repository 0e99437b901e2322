// What the gallery shows: every photo the receiver has stored, plus those still in this browser's
// upload queue. Images come from imagespec's IndexedDB cache when it has them (no download), else
// from the receiver.
import type { Spec, Uploader, UploadState, VariantCache } from '../src/index.ts';
import { deletePhoto, listPhotos, type StoredPhoto } from './api.ts';
import { cacheKeyOf, forget, recordUpload, sourceOfUpload } from './notes.ts';

/** Where an image on the page was read from. */
export type ImageOrigin = 'cache' | 'server' | 'page';

export interface ShownImage {
  url: string;
  from: ImageOrigin;
}

/** `stored`: on the receiver; the others are upload queue states of a photo not stored yet. */
export type PhotoState = 'stored' | Exclude<UploadState, 'done'>;

export interface GalleryPhoto {
  /** The upload id: the photo's address. */
  id: string;
  name: string;
  state: PhotoState;
  /** What the receiver lists, once stored. */
  stored: StoredPhoto | null;
  /** The source's SHA-256 (the cache key), when known. */
  sha256: string | null;
  thumbnail: ShownImage | null;
}

/** Versions made in this page and not yet in the queue's listing, by source SHA-256. */
interface MadeHere {
  name: string;
  thumbnail: Blob;
}

export class GalleryState extends EventTarget {
  photos: GalleryPhoto[] = [];
  /** False until the first listing arrived (or failed). */
  loaded = false;
  /** Why the last listing failed, if it did. */
  error: string | null = null;
  readonly #cache: VariantCache;
  readonly #uploader: Uploader;
  readonly #thumbnailSpec: Spec;
  readonly #made = new Map<string, MadeHere>();
  /** Object URLs by `${sha256}:${what}`, kept across refreshes and revoked when the photo goes. */
  readonly #urls = new Map<string, string>();
  #refreshing: Promise<void> | null = null;
  #again = false;

  constructor(options: { cache: VariantCache; uploader: Uploader; thumbnailSpec: Spec }) {
    super();
    this.#cache = options.cache;
    this.#uploader = options.uploader;
    this.#thumbnailSpec = options.thumbnailSpec;
  }

  /** A photo's versions were just made here; it shows at once, before the queue lists it. */
  addMade(sha256: string, name: string, thumbnail: Blob): void {
    this.#made.set(sha256, { name, thumbnail });
    void this.refresh();
  }

  /** The upload queue took a photo made here. */
  linkUpload(uploadId: string, sha256: string): void {
    recordUpload(uploadId, sha256);
    void this.refresh();
  }

  find(id: string): GalleryPhoto | undefined {
    return this.photos.find((photo) => photo.id === id);
  }

  /** Reads the receiver's listing and the queue again; calls made meanwhile are folded into one more. */
  refresh(): Promise<void> {
    if (this.#refreshing) {
      this.#again = true;
      return this.#refreshing;
    }
    this.#refreshing = (async () => {
      do {
        this.#again = false;
        await this.#load();
      } while (this.#again);
      this.#refreshing = null;
      this.dispatchEvent(new Event('change'));
    })();
    return this.#refreshing;
  }

  /** An image of a photo: from the cache when it holds it, else `fallback` (the receiver's copy). */
  async image(sha256: string | null, spec: Spec, what: string, fallback: string | null): Promise<ShownImage | null> {
    if (sha256) {
      const key = `${sha256}:${what}`;
      const known = this.#urls.get(key);
      if (known) return { url: known, from: 'cache' };
      const cached = await this.#cache.get(cacheKeyOf(sha256), spec);
      if (cached) {
        const url = URL.createObjectURL(cached.blob);
        this.#urls.set(key, url);
        return { url, from: 'cache' };
      }
    }
    return fallback === null ? null : { url: fallback, from: 'server' };
  }

  /** Deletes a photo everywhere: on the receiver, in the upload queue, in the cache and its notes. */
  async delete(photo: GalleryPhoto): Promise<void> {
    if (photo.state === 'stored') await deletePhoto(photo.id);
    else await this.#uploader.cancel(photo.id);
    if (photo.sha256) {
      await this.#cache.delete(cacheKeyOf(photo.sha256));
      forget(photo.sha256);
      this.#made.delete(photo.sha256);
      for (const [key, url] of this.#urls) {
        if (!key.startsWith(`${photo.sha256}:`)) continue;
        URL.revokeObjectURL(url);
        this.#urls.delete(key);
      }
    }
    this.photos = this.photos.filter((candidate) => candidate !== photo);
    this.dispatchEvent(new Event('change'));
    await this.refresh();
  }

  async #load(): Promise<void> {
    let stored: StoredPhoto[];
    try {
      stored = await listPhotos();
      this.error = null;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      stored = this.photos.flatMap((photo) => (photo.stored ? [photo.stored] : []));
    }
    const storedIds = new Set(stored.map((photo) => photo.uploadId));
    const photos: GalleryPhoto[] = [];
    const queued = new Set<string>();
    for (const { id, name, state } of await this.#uploader.list()) {
      if (state === 'done' || storedIds.has(id)) continue;
      const sha256 = sourceOfUpload(id) ?? null;
      if (sha256) queued.add(sha256);
      photos.push({ id, name, state, stored: null, sha256, thumbnail: null });
    }
    for (const photo of stored) {
      this.#made.delete(photo.source.sha256);
      photos.push({
        id: photo.uploadId,
        name: photo.source.name,
        state: 'stored',
        stored: photo,
        sha256: photo.source.sha256,
        thumbnail: null,
      });
    }
    await Promise.all(photos.map(async (photo) => (photo.thumbnail = await this.#thumbnail(photo))));
    // Made here, not yet listed by the queue: shown first, from the page's own blob.
    const waiting = [...this.#made].filter(([sha256]) => !queued.has(sha256));
    this.photos = [
      ...waiting.map(([sha256, made]): GalleryPhoto => ({
        id: sha256,
        name: made.name,
        state: 'queued',
        stored: null,
        sha256,
        thumbnail: { url: this.#pageUrl(sha256, made.thumbnail), from: 'page' },
      })),
      ...photos,
    ];
    this.loaded = true;
  }

  #thumbnail(photo: GalleryPhoto): Promise<ShownImage | null> {
    const made = photo.sha256 ? this.#made.get(photo.sha256) : undefined;
    if (made && photo.sha256 && !photo.stored)
      return Promise.resolve({ url: this.#pageUrl(photo.sha256, made.thumbnail), from: 'page' });
    return this.image(photo.sha256, this.#thumbnailSpec, 'thumbnail', photo.stored?.versions['thumbnail']?.url ?? null);
  }

  #pageUrl(sha256: string, blob: Blob): string {
    const key = `${sha256}:made-thumbnail`;
    let url = this.#urls.get(key);
    if (!url) {
      url = URL.createObjectURL(blob);
      this.#urls.set(key, url);
    }
    return url;
  }
}
