// image-blob-reduce: pica behind a blob-in, blob-out API, with pica's defaults (its own web
// workers, filter mks2013). It only fits within a maximum side; fills are covered then cropped.
// Its encoder quality is not an option, so _create_blob is replaced, as its README invites, to
// encode at the workload's quality (otherwise the browser's default 0.92).
import imageBlobReduce, { type ImageBlobReduce } from 'image-blob-reduce';
import type { Contender, Output } from '../pages/types.ts';
import { coverLongSide, cropCentre } from './cover-crop.ts';
import { resizedOutputs, withOriginals } from './originals.ts';

function createReducer(quality: number): ImageBlobReduce {
  const reducer = imageBlobReduce();
  reducer._create_blob = async function createBlob(env) {
    env.out_blob = await this.pica.toBlob(env.out_canvas!, 'image/jpeg', quality);
    return env;
  };
  return reducer;
}

export function imageBlobReduceContender(): Contender {
  const reducers = new Map<number, ImageBlobReduce>();
  const reducerFor = (quality: number) => {
    if (!reducers.has(quality)) reducers.set(quality, createReducer(quality));
    return reducers.get(quality)!;
  };
  return {
    id: 'image-blob-reduce',
    label: 'image-blob-reduce',
    supports: () => true,
    async run(file, photo, workload) {
      const made: Output[] = [];
      for (const spec of resizedOutputs(workload)) {
        const reducer = reducerFor(spec.quality);
        if (spec.kind === 'fill') {
          const canvas = await reducer.toCanvas(file, { max: coverLongSide(photo, spec) });
          made.push(await cropCentre(canvas, photo, spec));
          canvas.width = 0;
        } else {
          const blob = await reducer.toBlob(file, { max: Math.max(spec.width, spec.height) });
          const bitmap = await createImageBitmap(blob);
          made.push({ name: spec.name, blob, width: bitmap.width, height: bitmap.height });
          bitmap.close();
        }
      }
      return { outputs: withOriginals(workload, file, photo, made) };
    },
  };
}
