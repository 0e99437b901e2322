// Bad input gets its typed error at once, and the page carries on; abort stops work at once.
import { resizeToFit } from '../../../src/index.ts';
import type { BatchOptions } from '../../pages/harness.ts';
import { EXAMPLE_SPECS } from '../../support/example.ts';
import { drawDecompressionBomb, drawPhoto } from '../../support/images.ts';
import { expectOk } from '../../support/page.ts';
import type { BrowserSession } from '../driver/session.ts';
import { expect, test } from '../fixtures.ts';
import { dataUrl, HARNESS, processIn } from '../support.ts';

/** Runs several copies of `bytes` through one new pool at once (see `batch` in the harness). */
function batchIn(session: BrowserSession, bytes: Buffer, copies: number, specs: object, options: BatchOptions) {
  const inputs = Array.from({ length: copies }, (_, index) => ({ name: `copy-${index}.jpg`, url: dataUrl(bytes) }));
  return session.evaluate(
    (inputs, specs, options) => window.harness.batch(inputs, JSON.parse(specs), JSON.parse(options)),
    inputs,
    JSON.stringify(specs),
    JSON.stringify(options),
  );
}

export function errorCases(): void {
  test('a truncated JPEG and a decompression bomb are refused with typed errors, and the next file works', async ({
    session,
  }) => {
    await session.open(HARNESS);
    const photo = await drawPhoto(800, 600);
    for (const [name, bytes, code] of [
      ['truncated.jpg', photo.subarray(0, photo.length >> 1), 'CORRUPT_IMAGE'],
      ['bomb.png', await drawDecompressionBomb(), 'TOO_LARGE'],
    ] as const) {
      const outcome = await processIn(session, name, bytes, EXAMPLE_SPECS, { pool: 'custom' });
      expect(outcome.ok, name).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.error, name).toMatchObject({ code, isImageSpecError: true });
      expect(outcome.error.message, name).toMatch(/^[a-z][^:]+: .+/);
      expect(outcome.ms, `${name} refused promptly`).toBeLessThan(5_000);
    }
    const next = expectOk(await processIn(session, 'next.jpg', photo, EXAMPLE_SPECS, { pool: 'custom' }));
    expect(next.variants['thumbnail']).toMatchObject({ width: 100, height: 75 });
  });

  test('aborting rejects every file with ABORTED at once, and the pool works after', async ({ session }) => {
    await session.open(HARNESS);
    // The abort comes with the first file's 'process' progress, while its worker is at work: the
    // photo's size does not matter, only that every file is still pending then.
    const photo = await drawPhoto(800, 600);
    const web = { web: { processors: [resizeToFit(400, 400)], format: 'image/jpeg' } };
    const aborted = await batchIn(session, photo, 3, web, { poolSize: 1, abortAt: 'process:web' });
    expect(aborted.results.map((result) => result.code)).toEqual(['ABORTED', 'ABORTED', 'ABORTED']);
    const settled = aborted.results.map((result) => result.settledAfterAbortMs!);
    console.log(`${session.engine}: settled ${settled.map(Math.round).join(', ')} ms after abort`);
    for (const ms of settled) expect(ms).toBeLessThan(500);
    const after = await batchIn(session, photo, 1, web, { poolSize: 1 });
    expect(after.results).toEqual([{ ok: true }]);
  });
}
