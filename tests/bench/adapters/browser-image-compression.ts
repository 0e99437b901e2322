// browser-image-compression, with and without its own worker. Its worker is a blob: URL that
// importScripts() the library from a CDN by default; the bench serves the same file locally
// (libURL). When the worker fails, the library silently redoes the work on the main thread, so
// the adapter counts the results that really came back from a worker and records it.
import imageCompression from 'browser-image-compression';
import libraryUrl from 'browser-image-compression/dist/browser-image-compression.js?url';
import type { Contender, Output } from '../pages/types.ts';
import { coverLongSide, cropCentre } from './cover-crop.ts';
import { resizedOutputs, withOriginals } from './originals.ts';

let deliveredByWorker = 0;

/**
 * Counts the worker's answers. The bench gives each contender its own page, so replacing the
 * page's Worker constructor affects nothing else.
 */
function observeWorkers(): void {
  const NativeWorker = window.Worker;
  window.Worker = class ObservedWorker extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', (event: MessageEvent) => {
        if (event.data && typeof event.data === 'object' && 'file' in event.data) deliveredByWorker++;
      });
    }
  };
}

export function browserImageCompressionContender(useWebWorker: boolean): Contender {
  return {
    id: useWebWorker ? 'bic-worker' : 'bic-main',
    label: `browser-image-compression (${useWebWorker ? 'worker' : 'main thread'})`,
    supports: () => true,
    async prepare() {
      if (useWebWorker) observeWorkers();
    },
    async run(file, photo, workload) {
      const before = deliveredByWorker;
      const made: Output[] = [];
      for (const spec of resizedOutputs(workload)) {
        const maxWidthOrHeight = spec.kind === 'fill' ? coverLongSide(photo, spec) : Math.max(spec.width, spec.height);
        const compressed = await imageCompression(file, {
          maxWidthOrHeight,
          initialQuality: spec.quality,
          fileType: 'image/jpeg',
          useWebWorker,
          libURL: new URL(libraryUrl, location.href).href,
        });
        if (spec.kind === 'fill') {
          // It cannot crop: decode its covering result and cut the centre out (re-encoded once more).
          const covering = await createImageBitmap(compressed);
          made.push(await cropCentre(covering, photo, spec));
          covering.close();
        } else {
          const size = await createImageBitmap(compressed).then((bitmap) => {
            const { width, height } = bitmap;
            bitmap.close();
            return { width, height };
          });
          made.push({ name: spec.name, blob: compressed, ...size });
        }
      }
      const calls = resizedOutputs(workload).length;
      const viaWorker = deliveredByWorker - before;
      return {
        outputs: withOriginals(workload, file, photo, made),
        details: useWebWorker ? { ranInWorker: viaWorker === calls, workerResults: viaWorker, calls } : {},
      };
    },
  };
}
