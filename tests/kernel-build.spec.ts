// The committed WebAssembly is what its source compiles to: rebuilding kernel.ts with the pinned
// AssemblyScript gives the same bytes as workers/resample/kernel-wasm.ts. Runs without a browser.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { compileKernel, KERNEL_MODULE, kernelModuleText } from '../workers/resample/assembly/build.mjs';

test('the committed resample kernel is exactly what workers/resample/assembly/kernel.ts compiles to', async () => {
  test.setTimeout(120_000);
  const rebuilt = kernelModuleText(await compileKernel());
  expect(readFileSync(KERNEL_MODULE, 'utf8'), 'run `npm run build:kernel` and commit the result').toBe(rebuilt);
});
