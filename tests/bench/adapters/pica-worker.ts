// pica called directly, in a worker of our own (see workers/pica-worker.ts): decode once, then
// lanczos3 from the full-size pixels for each output.
import { wrap, type Remote } from 'comlink';
import { placeOutput } from '../pages/geometry.ts';
import type { Contender } from '../pages/types.ts';
import type { PicaApi } from '../workers/pica-worker.ts';
import { resizedOutputs, withOriginals } from './originals.ts';

export function picaWorkerContender(): Contender {
  let remote: Remote<PicaApi> | undefined;
  return {
    id: 'pica-worker',
    label: 'pica in a worker',
    supports: () => true,
    async prepare() {
      remote = wrap<PicaApi>(new Worker(new URL('../workers/pica-worker.ts', import.meta.url), { type: 'module' }));
      await remote.init();
    },
    async run(file, photo, workload) {
      const specs = resizedOutputs(workload);
      const jobs = specs.map((spec) => ({ ...placeOutput(spec, photo), quality: spec.quality }));
      const blobs = await remote!.run(file, jobs);
      const made = specs.map((spec, index) => ({
        name: spec.name,
        blob: blobs[index]!,
        ...jobs[index]!.size,
        region: jobs[index]!.region,
      }));
      return { outputs: withOriginals(workload, file, photo, made) };
    },
  };
}
