// Module hooks that let a child `node` process run the TypeScript sources (tests start the
// receiver in its own process to kill and restart it). Types are stripped with Vite's own
// transformer (oxc, through rolldown); nothing is type-checked here.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'rolldown/utils';

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const { code, errors } = transformSync(path, await readFile(path, 'utf8'), { lang: 'ts', sourcemap: false });
  if (errors.length > 0) throw new Error(`${path}: ${errors.map((error) => error.message).join('; ')}`);
  return { format: 'module', source: code, shortCircuit: true };
}
