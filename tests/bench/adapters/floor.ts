// The floor (not a contender): decode the full photo once, encode each output size, in a worker.
import { wrap, type Remote } from 'comlink';
import { placeOutput } from '../pages/geometry.ts';
import type { Contender, Output } from '../pages/types.ts';
import type { FloorApi } from '../workers/floor-worker.ts';

export function floorContender(): Contender {
  let remote: Remote<FloorApi> | undefined;
  return {
    id: 'floor',
    label: 'floor (decode + encodes)',
    supports: () => true,
    async prepare() {
      remote = wrap<FloorApi>(new Worker(new URL('../workers/floor-worker.ts', import.meta.url), { type: 'module' }));
    },
    async run(file, photo, workload) {
      const resized = workload.outputs.filter((spec) => spec.kind !== 'original');
      const sizes = resized.map((spec) => ({ ...placeOutput(spec, photo).size, quality: spec.quality }));
      const blobs = await remote!.run(file, sizes);
      const outputs: Output[] = resized.map((spec, index) => ({
        name: spec.name,
        blob: blobs[index]!,
        ...sizes[index]!,
      }));
      for (const spec of workload.outputs) {
        if (spec.kind === 'original')
          outputs.push({ name: spec.name, blob: file, width: photo.width, height: photo.height });
      }
      return { outputs };
    },
  };
}
