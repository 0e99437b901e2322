// An upload through the queue to the demo receiver on the test server: every version stored
// once, byte-identical. In WebKit's ephemeral profile the queue keeps the bytes as ArrayBuffers.
import { join } from 'node:path';
import { DEMO_UPLOAD_DIR } from '../../../playwright.config.ts';
import { createFileLedger } from '../../../server/index.ts';
import { testPhoto } from '../../support/upload-page.ts';
import { expect, test } from '../fixtures.ts';
import { dataUrl, UPLOAD_HARNESS } from '../support.ts';

export function uploadCases(): void {
  test('a processed photo goes through the upload queue to the receiver, every version stored once', async ({
    session,
  }) => {
    await session.open(UPLOAD_HARNESS);
    // A photo of its own per engine and run: a repeated one would be an idempotent replay.
    const photo = await testPhoto(Date.now() % 100_000);
    const made = await session.evaluate(
      (url, name) => window.uploadHarness.makeResult(url, name),
      dataUrl(photo),
      `${session.engine}.jpg`,
    );
    const outcome = await session.evaluate(async (key) => {
      window.uploadHarness.start();
      const id = await window.uploadHarness.enqueue(key);
      return { result: await window.uploadHarness.outcome(id), left: await window.uploadHarness.list() };
    }, made.key);
    expect(outcome.result.ok, JSON.stringify(outcome.result)).toBe(true);
    expect(outcome.left, 'done jobs leave the queue').toEqual([]);
    const states = (await session.evaluate(() => window.uploadHarness.events()))
      .filter((event) => event.type === 'state')
      .map((event) => event.state);
    expect(states).toEqual(['queued', 'uploading', 'done']);
    // The demo receiver keeps its ledger in files, under its upload folder (server/options.ts).
    const records = await createFileLedger({ dir: join(DEMO_UPLOAD_DIR, 'ledger') }).list({ state: 'complete' });
    const ledger = records.flatMap((record) => Object.entries(record.versions));
    for (const [version, sha256] of Object.entries(made.versions)) {
      const stored = ledger.filter(([name, entry]) => name === version && entry.sha256 === sha256);
      expect(stored, `${version} stored once`).toHaveLength(1);
    }
    expect((await session.problems()).consoleErrors).toEqual([]);
  });
}
