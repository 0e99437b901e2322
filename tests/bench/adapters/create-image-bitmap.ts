// createImageBitmap doing the resize itself (resizeQuality 'high'), with the crop rectangle for
// fills; the bitmap is then drawn 1:1 and encoded. Output sizes are reported as the browser made
// them: with EXIF orientation 6 or 8 they have been seen to come out sideways.
import { canvasToBlob, newCanvas, placeOutput } from '../pages/geometry.ts';
import type { Contender, Output } from '../pages/types.ts';
import { resizedOutputs, withOriginals } from './originals.ts';

export function createImageBitmapContender(): Contender {
  return {
    id: 'create-image-bitmap',
    label: "createImageBitmap resize 'high'",
    supports: () => true,
    async run(file, photo, workload) {
      const made: Output[] = [];
      for (const spec of resizedOutputs(workload)) {
        const { region, size } = placeOutput(spec, photo);
        const options: ImageBitmapOptions = {
          imageOrientation: 'from-image',
          resizeWidth: size.width,
          resizeHeight: size.height,
          resizeQuality: 'high',
        };
        const bitmap =
          spec.kind === 'fill'
            ? await createImageBitmap(file, region.x, region.y, region.width, region.height, options)
            : await createImageBitmap(file, options);
        const canvas = newCanvas(bitmap);
        canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
        made.push({
          name: spec.name,
          blob: await canvasToBlob(canvas, 'image/jpeg', spec.quality),
          width: bitmap.width,
          height: bitmap.height,
          region,
        });
        bitmap.close();
        canvas.width = 0;
      }
      return { outputs: withOriginals(workload, file, photo, made) };
    },
  };
}
