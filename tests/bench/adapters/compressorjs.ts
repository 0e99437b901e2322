// compressorjs: main thread, an <img> decode and one drawImage. It can fill (resize: 'cover' crops
// the centre). strict: false so it never hands back the original instead of its own output, and
// convertSize: Infinity so it never changes format behind our back.
import Compressor from 'compressorjs';
import { placeOutput } from '../pages/geometry.ts';
import type { Contender, Output } from '../pages/types.ts';
import type { OutputSpec } from '../workloads.ts';
import { resizedOutputs, withOriginals } from './originals.ts';

function compress(file: File, spec: OutputSpec): Promise<Blob> {
  const size =
    spec.kind === 'fill'
      ? { width: spec.width, height: spec.height, resize: 'cover' as const }
      : { maxWidth: spec.width, maxHeight: spec.height };
  return new Promise((resolve, reject) => {
    new Compressor(file, {
      ...size,
      quality: spec.quality,
      mimeType: 'image/jpeg',
      strict: false,
      checkOrientation: true,
      convertSize: Infinity,
      success: resolve,
      error: reject,
    });
  });
}

export function compressorjsContender(): Contender {
  return {
    id: 'compressorjs',
    label: 'compressorjs',
    supports: () => true,
    async run(file, photo, workload) {
      const made: Output[] = [];
      for (const spec of resizedOutputs(workload)) {
        const blob = await compress(file, spec);
        const bitmap = await createImageBitmap(blob);
        made.push({
          name: spec.name,
          blob,
          width: bitmap.width,
          height: bitmap.height,
          region: placeOutput(spec, photo).region,
        });
        bitmap.close();
      }
      return { outputs: withOriginals(workload, file, photo, made) };
    },
  };
}
