// The floor: what the browser needs at the least to make the outputs, with no resampling at all.
// Decode the whole photo once, then encode a canvas of each output size. The pixels are drawn with
// nearest-neighbour sampling (cost: one read per output pixel) so the encoder sees real image
// content: a blank canvas would encode unrealistically fast.
import { expose } from 'comlink';

export interface FloorJob {
  width: number;
  height: number;
  quality: number;
}

const api = {
  async run(file: Blob, jobs: FloorJob[]): Promise<Blob[]> {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    try {
      const blobs: Blob[] = [];
      for (const job of jobs) {
        const canvas = new OffscreenCanvas(job.width, job.height);
        const context = canvas.getContext('2d')!;
        context.imageSmoothingEnabled = false;
        context.drawImage(bitmap, 0, 0, job.width, job.height);
        blobs.push(await canvas.convertToBlob({ type: 'image/jpeg', quality: job.quality }));
        canvas.width = 0;
      }
      return blobs;
    } finally {
      bitmap.close();
    }
  },
};

export type FloorApi = typeof api;
expose(api);
