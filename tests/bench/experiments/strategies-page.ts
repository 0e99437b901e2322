// Page side of resample-strategies.mjs.
import { wrap } from 'comlink';
import type { StrategiesApi, Strategy } from './strategies-worker.ts';
import type { Rect, Size } from '../workloads.ts';

const remote = wrap<StrategiesApi>(new Worker(new URL('./strategies-worker.ts', import.meta.url), { type: 'module' }));

function toBase64(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.readAsDataURL(blob);
  });
}

async function decode(url: string) {
  const blob = await (await fetch(url)).blob();
  return remote.decode(blob);
}

async function run(strategy: Strategy, region: Rect, size: Size, quality: number, keep: boolean) {
  const { ms, resampleMs, blob } = await remote.run(strategy, region, size, quality);
  return { ms, resampleMs, bytes: blob.size, ...(keep ? { base64: await toBase64(blob) } : {}) };
}

declare global {
  interface Window {
    strategies: { decode: typeof decode; run: typeof run };
  }
}
window.strategies = { decode, run };
document.body.dataset['ready'] = 'true';
