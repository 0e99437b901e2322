// Decode paths a worker can take, timed; used by decode-paths.mjs, not by `npm run bench`.
import { expose } from 'comlink';

export type DecodePath =
  'createImageBitmap' | 'createImageBitmap-resize-half' | 'ImageDecoder' | 'ImageDecoder-desired-half';

const api = {
  async decode(
    file: Blob,
    path: DecodePath,
    full: { width: number; height: number },
  ): Promise<{ ms: number; width: number; height: number; format: string | null }> {
    const start = performance.now();
    let width = 0;
    let height = 0;
    let format: string | null = null;
    if (path.startsWith('createImageBitmap')) {
      const half = path.endsWith('half');
      const options: ImageBitmapOptions = half
        ? {
            imageOrientation: 'from-image',
            resizeWidth: Math.round(full.width / 2),
            resizeHeight: Math.round(full.height / 2),
            resizeQuality: 'medium',
          }
        : { imageOrientation: 'from-image' };
      const bitmap = await createImageBitmap(file, options);
      ({ width, height } = bitmap);
      bitmap.close();
    } else {
      const data = file.stream();
      const half = path.endsWith('half');
      const decoder = new ImageDecoder({
        data,
        type: file.type || 'image/jpeg',
        ...(half ? { desiredWidth: Math.round(full.width / 2), desiredHeight: Math.round(full.height / 2) } : {}),
      });
      const { image } = await decoder.decode();
      width = image.displayWidth;
      height = image.displayHeight;
      format = image.format;
      image.close();
      decoder.close();
    }
    return { ms: performance.now() - start, width, height, format };
  },
};

export type DecodeApi = typeof api;
expose(api);
