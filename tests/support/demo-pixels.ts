// The demo's versions against references made here with sharp: the display version must be the
// photo's luma (not any one channel made grey), and the original must be the file as added, less
// its GPS position.
import { expect } from '@playwright/test';
import exifr from 'exifr';
import sharp from 'sharp';
import { decodeRgba, type Raw } from './pixels.ts';

/**
 * Mean difference in grey levels allowed from sharp's reference, both seen at a quarter of their
 * size: resampling and JPEG noise average out there, a wrong grey (a single channel) does not.
 */
const DISPLAY_TOLERANCE = 4;
const SCALE = 4;

/** A quarter-size copy of one RGB(A) image, as raw RGB. */
async function shrunk(image: Raw, channels: 3 | 4): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels } })
    .resize(Math.round(image.width / SCALE), Math.round(image.height / SCALE), { kernel: 'linear' })
    .removeAlpha()
    .raw()
    .toBuffer();
}

/** Mean absolute difference of the first channel of two raw RGB images of one size. */
function meanDifference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 3) sum += Math.abs(a[i]! - b[i]!);
  return sum / (a.length / 3);
}

/**
 * `displayed` is the photo filled into its box and made black and white by ITU-R 601 luma. The
 * reference: sharp's lanczos3 cover-crop of the upright photo, its luma per pixel. A "grey" made
 * from one channel (R = G = B = red) must be told apart: the test also checks that, on this
 * photo, such an image lies well outside the tolerance.
 */
export async function expectMatchesDisplayReference(displayed: Raw, photo: Buffer): Promise<void> {
  const { width, height } = displayed;
  const colour = await sharp(photo)
    .rotate()
    .resize(width, height, { fit: 'cover', position: 'centre', kernel: 'lanczos3' })
    .removeAlpha()
    .raw()
    .toBuffer();
  const luma = Buffer.alloc(colour.length);
  const redAsGrey = Buffer.alloc(colour.length);
  for (let i = 0; i < colour.length; i += 3) {
    luma.fill(Math.round(0.299 * colour[i]! + 0.587 * colour[i + 1]! + 0.114 * colour[i + 2]!), i, i + 3);
    redAsGrey.fill(colour[i]!, i, i + 3);
  }
  const [shown, reference, wrong] = await Promise.all([
    shrunk(displayed, 4),
    shrunk({ data: luma, width, height }, 3),
    shrunk({ data: redAsGrey, width, height }, 3),
  ]);
  expect(meanDifference(shown, reference), 'mean grey-level difference from the luma reference').toBeLessThanOrEqual(
    DISPLAY_TOLERANCE,
  );
  expect(meanDifference(wrong, reference), 'a red-channel grey would fail this check').toBeGreaterThan(
    2 * DISPLAY_TOLERANCE,
  );
}

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
