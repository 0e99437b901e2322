// The receiver killed (SIGKILL: no cleanup runs) between each step of storing an upload, then
// restarted on the same folder and sent the same upload again: at every point the crash leaves
// nothing visible or everything, and the retry completes it, each version stored exactly once.
// With the file ledger and with SQLite.
import { expect, test } from '@playwright/test';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UploadSummary } from '../../server/index.ts';
import { CRASH_POINTS, spawnReceiver, type ChildReceiver } from '../support/child-receiver.ts';
import { rawRequest, uploadHead } from '../support/raw-http.ts';
import { exampleUpload, type ExampleUpload } from '../support/receiver-harness.ts';

function post(child: ChildReceiver, upload: ExampleUpload) {
  return rawRequest(
    child.port,
    uploadHead({ key: upload.key, contentType: upload.contentType, length: upload.body.length }),
    upload.body,
  );
}

async function listed(child: ChildReceiver, upload: ExampleUpload): Promise<UploadSummary[]> {
  const { uploads } = (await (await fetch(`${child.origin}/api/uploads`)).json()) as { uploads: UploadSummary[] };
  return uploads.filter((candidate) => candidate.uploadId === upload.key);
}

/** What a client sees of `upload`: nothing, or all of it, every file there and byte-identical. */
async function visibleOf(child: ChildReceiver, upload: ExampleUpload): Promise<'nothing' | 'everything'> {
  const uploads = await listed(child, upload);
  if (uploads.length === 0) return 'nothing';
  expect(uploads).toHaveLength(1);
  for (const part of upload.parts) {
    const file = await fetch(child.origin + uploads[0]!.versions[part.version]!.url);
    expect(Buffer.from(await file.arrayBuffer()).equals(part.data)).toBe(true);
  }
  return 'everything';
}

for (const ledger of ['file', 'sqlite'] as const) {
  test(`${ledger} ledger: a crash at each of the ${CRASH_POINTS.length} storage steps, then a retry: stored exactly once`, async () => {
    test.setTimeout(120_000);
    const dir = await mkdtemp(join(tmpdir(), `imagespec-crash-${ledger}-`));
    // One upload per crash point, all in one folder that the receiver keeps crashing on.
    const uploads = await Promise.all(CRASH_POINTS.map((_, index) => exampleUpload(700 + index)));
    const crashes = Object.fromEntries(uploads.map((upload, index) => [upload.key, CRASH_POINTS[index]!]));
    let child = await spawnReceiver({ dir, ledger, crashes });
    try {
      const seen: Record<string, string> = {};
      for (const [index, crashAt] of CRASH_POINTS.entries()) {
        const upload = uploads[index]!;
        expect((await post(child, upload)).response, crashAt).toBeNull();
        expect(await child.exited, crashAt).toEqual({ code: null, signal: 'SIGKILL' });
        child = await spawnReceiver({ dir, ledger, crashes });
        seen[crashAt] = await visibleOf(child, upload);
        const retry = await post(child, upload);
        expect(retry.response?.status, `${crashAt}: ${retry.response?.body}`).toBe(201);
        expect(await visibleOf(child, upload), crashAt).toBe('everything');
        const receipt = JSON.parse(retry.response!.body) as { versions: Record<string, { key: string }> };
        for (const part of upload.parts) {
          expect((await readFile(join(dir, receipt.versions[part.version]!.key))).equals(part.data)).toBe(true);
        }
      }
      // Only a crash after the record was completed shows the upload before the retry.
      expect(seen).toEqual(
        Object.fromEntries(
          CRASH_POINTS.map((point) => [point, point === 'after-mark-stored' ? 'everything' : 'nothing']),
        ),
      );
      // Exactly one file per version: every retry put the same keys again, no orphan.
      expect(await readdir(join(dir, 'files'))).toHaveLength(uploads.length * uploads[0]!.parts.length);
      expect(child.errors()).not.toContain('UNCAUGHT');
    } finally {
      await child.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
}
