// Node-side helpers for the upload tests: test images made with sharp, the harness page, and
// the ledger checks every test ends with.
import { expect, type Page } from '@playwright/test';
import sharp from 'sharp';
import type { MadeResult } from '../pages/upload-harness.ts';
import { openHarness, serveBytes } from './page.ts';
import type { ReceiverServer } from './upload-server.ts';

export const UPLOAD_HARNESS = '/tests/pages/upload-harness.html';

export function openUploadHarness(page: Page, origin: string): Promise<void> {
  return openHarness(page, origin + UPLOAD_HARNESS);
}

/** A noisy JPEG, so every version has real bytes; `seed` makes each test's image distinct. */
export async function testPhoto(seed: number, width = 640, height = 480): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let state = (seed * 2654435761) >>> 0;
  for (let i = 0; i < raw.length; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    raw[i] = (state >>> 24) & 0xff;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .blur(1.5)
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** Processes a test photo in the page; returns the result's key and the client's hashes. */
export async function makeResult(
  page: Page,
  seed: number,
  options: { name?: string; twins?: boolean } = {},
): Promise<MadeResult> {
  const url = await serveBytes(page, await testPhoto(seed));
  const name = options.name ?? `photo-${seed}.jpg`;
  return page.evaluate(([url, name, twins]) => window.uploadHarness.makeResult(url, name, twins), [
    url,
    name,
    options.twins ?? false,
  ] as const);
}

/**
 * The ledger shows every version of `made` stored exactly once, with the client's SHA-256,
 * and the stored file hashes the same.
 */
export async function expectStoredOnce(server: ReceiverServer, made: MadeResult): Promise<void> {
  const ledger = await server.ledger();
  for (const [version, sha256] of Object.entries(made.versions)) {
    const entries = ledger.filter((entry) => entry.version === version && entry.sha256 === sha256);
    expect(entries, `version ${version} stored once`).toHaveLength(1);
    // Read back through the receiver's storage: the disk, or the bucket for presigned uploads.
    expect(await server.sha256Of(entries[0]!.key)).toBe(sha256);
  }
}
