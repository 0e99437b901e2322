// Pixel comparisons on the Node side, with sharp as the decoder and the reference resizer.
import sharp from 'sharp';
import { ssim } from 'ssim.js';
import { fillSourceRect } from '../../src/shared/geometry.ts';

export interface Raw {
  data: Buffer;
  width: number;
  height: number;
}

/** Decodes any image to 8-bit RGBA, EXIF orientation applied. */
export async function decodeRgba(bytes: Buffer): Promise<Raw> {
  const { data, info } = await sharp(bytes).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Decodes to RGBA composited over mid grey, as transparent pixels would be seen on a page. */
export async function decodeOnGrey(bytes: Buffer): Promise<Raw> {
  const { data, info } = await sharp(bytes)
    .flatten({ background: '#808080' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Mean SSIM on luma (ssim.js's default grey conversion), 1 = identical. */
export function lumaSsim(a: Raw, b: Raw): number {
  if (a.width !== b.width || a.height !== b.height)
    throw new Error(`size differs: ${a.width}x${a.height} vs ${b.width}x${b.height}`);
  const asImage = (raw: Raw) => ({
    data: new Uint8ClampedArray(raw.data.buffer, raw.data.byteOffset, raw.data.length),
    width: raw.width,
    height: raw.height,
  });
  // No downsampling: ssim.js's default ('original') shrinks large images first, which hides blur.
  return ssim(asImage(a), asImage(b), { downsample: false }).mssim;
}

/** Largest per-channel difference between two RGBA images of the same size. */
export function maxChannelDifference(a: Raw, b: Raw, channels = 4): number {
  let max = 0;
  for (let i = 0; i < a.data.length; i++) {
    if (i % 4 >= channels) continue;
    max = Math.max(max, Math.abs(a.data[i]! - b.data[i]!));
  }
  return max;
}

/** Mean absolute per-channel difference (RGB only). */
export function meanDifference(a: Raw, b: Raw): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < a.data.length; i++) {
    if (i % 4 === 3) continue;
    sum += Math.abs(a.data[i]! - b.data[i]!);
    count++;
  }
  return sum / count;
}

/**
 * sharp's lanczos3 resize of the oriented source to `width` x `height`, as PNG: the reference a
 * variant is compared with. With `fill`, first the same centred source region a fill spec keeps
 * (sharp's own cover-then-crop rounds the intermediate size, which shifts and stretches the result
 * by a fraction of a pixel and would measure geometry, not resampling).
 */
export async function sharpLanczos(
  source: Buffer,
  width: number,
  height: number,
  options: { fill?: boolean } = {},
): Promise<Buffer> {
  const oriented = await sharp(source, { failOn: 'none' }).rotate().png().toBuffer({ resolveWithObject: true });
  let image = sharp(oriented.data);
  if (options.fill) {
    const region = fillSourceRect(oriented.info, { width, height }, { x: 0.5, y: 0.5 });
    image = image.extract({ left: region.x, top: region.y, width: region.width, height: region.height });
  }
  return image.resize(width, height, { fit: 'fill', kernel: 'lanczos3' }).png().toBuffer();
}
