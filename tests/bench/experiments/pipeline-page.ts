// Page side of pipelines.mjs.
import { wrap } from 'comlink';
import type { PipelineApi, Pipeline } from './pipeline-worker.ts';
import type { Size } from '../workloads.ts';

const remote = wrap<PipelineApi>(new Worker(new URL('./pipeline-worker.ts', import.meta.url), { type: 'module' }));
let file: File | undefined;

async function load(url: string): Promise<void> {
  file = new File([await (await fetch(url)).blob()], 'photo.jpg', { type: 'image/jpeg' });
  await remote.init();
}

async function run(pipeline: Pipeline, stored: Size, size: Size, keep: boolean) {
  const { ms, blob, decodedWidth } = await remote.run(file!, pipeline, stored, size);
  let base64: string | undefined;
  if (keep) {
    base64 = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
      reader.readAsDataURL(blob);
    });
  }
  return { ms, decodedWidth, ...(base64 ? { base64 } : {}) };
}

declare global {
  interface Window {
    pipelines: { load: typeof load; run: typeof run };
  }
}
window.pipelines = { load, run };
document.body.dataset['ready'] = 'true';
