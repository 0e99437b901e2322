// Plain canvas, as most hand-written upload code does it: decode once, drawImage with
// imageSmoothingQuality 'high' on the main thread, toBlob.
import { canvasToBlob, newCanvas, placeOutput } from '../pages/geometry.ts';
import type { Contender, Output } from '../pages/types.ts';
import { resizedOutputs, withOriginals } from './originals.ts';

export function canvasContender(): Contender {
  return {
    id: 'canvas',
    label: "canvas drawImage 'high'",
    supports: () => true,
    async run(file, photo, workload) {
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      const made: Output[] = [];
      for (const spec of resizedOutputs(workload)) {
        const { region, size } = placeOutput(spec, bitmap);
        const canvas = newCanvas(size);
        const context = canvas.getContext('2d')!;
        context.imageSmoothingEnabled = true;
        context.imageSmoothingQuality = 'high';
        context.drawImage(bitmap, region.x, region.y, region.width, region.height, 0, 0, size.width, size.height);
        made.push({ name: spec.name, blob: await canvasToBlob(canvas, 'image/jpeg', spec.quality), ...size, region });
        canvas.width = 0;
      }
      bitmap.close();
      return { outputs: withOriginals(workload, file, photo, made) };
    },
  };
}
