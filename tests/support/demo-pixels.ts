// The demo's original against the file added: the same, less its GPS position.
import { expect } from '@playwright/test';
import exifr from 'exifr';
import { decodeRgba } from './pixels.ts';

/**
 * The original the receiver serves is the file added but for its GPS position: exifr finds the
 * position in the file added and none in the file served, and both decode to the same pixels.
 */
export async function expectOriginalWithoutGps(served: Buffer, added: Buffer): Promise<void> {
  expect(await exifr.gps(added), 'the file added has a GPS position').toBeTruthy();
  expect(await exifr.gps(served), 'the original served has none').toBeUndefined();
  expect(served.equals(added)).toBe(false);
  const [before, after] = await Promise.all([decodeRgba(added), decodeRgba(served)]);
  expect([after.width, after.height]).toEqual([before.width, before.height]);
  expect(after.data.equals(before.data), 'the same pixels').toBe(true);
}
