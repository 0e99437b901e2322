// pica used by hand in a worker, as its README suggests: decode, draw onto an OffscreenCanvas
// (pica 10 in a worker refuses an ImageBitmap source: "cannot create canvas"), then one
// lanczos3 resize of the full-size pixels per output. A fill crops first (a full-resolution copy
// of the kept region), because pica has no source rectangle.
import { expose } from 'comlink';
import pica from 'pica';
import type { Rect, Size } from '../workloads.ts';

export interface PicaJob {
  region: Rect;
  size: Size;
  quality: number;
}

// 'ww' is useless here (we are the worker); 'wasm' is pica's fast path. Same features as imagespec.
const resizer = pica({ features: ['js', 'wasm'], concurrency: 1 });

const api = {
  async init(): Promise<void> {
    await resizer.init();
  },
  async run(file: Blob, jobs: PicaJob[]): Promise<Blob[]> {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const full = new OffscreenCanvas(bitmap.width, bitmap.height);
    full.getContext('2d')!.drawImage(bitmap, 0, 0);
    bitmap.close();
    const blobs: Blob[] = [];
    for (const { region, size, quality } of jobs) {
      const whole = region.x === 0 && region.y === 0 && region.width === full.width && region.height === full.height;
      let from = full;
      if (!whole) {
        from = new OffscreenCanvas(region.width, region.height);
        from
          .getContext('2d')!
          .drawImage(full, region.x, region.y, region.width, region.height, 0, 0, region.width, region.height);
      }
      const to = new OffscreenCanvas(size.width, size.height);
      await resizer.resize(from, to, { filter: 'lanczos3' });
      if (from !== full) from.width = 0;
      blobs.push(await to.convertToBlob({ type: 'image/jpeg', quality }));
      to.width = 0;
    }
    full.width = 0;
    return blobs;
  },
};

export type PicaApi = typeof api;
expose(api);
