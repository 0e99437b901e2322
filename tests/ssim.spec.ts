// The tests' SSIM (support/ssim.ts, used by every pixel comparison through lumaSsim) gives
// ssim.js's number exactly, on photo-like pairs, noise, odd sizes and images smaller than a window.
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { ssim } from 'ssim.js';
import { drawPhoto } from './support/images.ts';
import { type Raw } from './support/pixels.ts';
import { weberSsim } from './support/ssim.ts';

async function rgba(bytes: Buffer, width: number, height: number): Promise<Raw> {
  const { data, info } = await sharp(bytes)
    .resize(width, height, { fit: 'fill' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function noise(width: number, height: number, seed: number): Raw {
  const data = Buffer.alloc(width * height * 4);
  let state = seed;
  for (let i = 0; i < data.length; i++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    data[i] = state >>> 24;
  }
  return { data, width, height };
}

const bySsimJs = (a: Raw, b: Raw) => {
  const asImage = (raw: Raw) => ({
    data: new Uint8ClampedArray(raw.data.buffer, raw.data.byteOffset, raw.data.length),
    width: raw.width,
    height: raw.height,
  });
  return ssim(asImage(a), asImage(b), { downsample: false }).mssim;
};

test('equals ssim.js on a photo against its own JPEG, blur and shift, at several sizes', async () => {
  const photo = await drawPhoto(320, 240, { format: 'png' });
  for (const [width, height] of [
    [320, 240],
    [133, 222],
    [11, 11],
    [12, 300],
  ] as const) {
    const original = await rgba(photo, width, height);
    const compressed = await rgba(await sharp(photo).jpeg({ quality: 30 }).toBuffer(), width, height);
    const blurred = await rgba(await sharp(photo).blur(3).png().toBuffer(), width, height);
    const shifted = await rgba(
      await sharp(photo).extend({ left: 7, background: '#000' }).png().toBuffer(),
      width,
      height,
    );
    for (const other of [original, compressed, blurred, shifted])
      expect(weberSsim(original, other), `${width}x${height}`).toBe(bySsimJs(original, other));
  }
});

test('equals ssim.js on noise, and on images smaller than its 11x11 window', () => {
  for (const [width, height] of [
    [97, 61],
    [10, 40],
    [1, 1],
  ] as const) {
    const [a, b] = [noise(width, height, 1), noise(width, height, 2)];
    expect(weberSsim(a, b), `${width}x${height}`).toBe(bySsimJs(a, b));
    expect(weberSsim(a, a)).toBe(bySsimJs(a, a));
  }
});
