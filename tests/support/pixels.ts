// Pixel comparisons on the Node side, with sharp as the decoder and the reference resizer.
import sharp from 'sharp';
import { fillSourceRect } from '../../src/shared/geometry.ts';
import { weberSsim } from './ssim.ts';

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

/**
 * Mean SSIM on luma (ssim.js's default grey conversion and windows, see support/ssim.ts), 1 =
 * identical. No downsampling: ssim.js's default ('original') shrinks large images first, which
 * hides blur.
 */
export function lumaSsim(a: Raw, b: Raw): number {
  if (a.width !== b.width || a.height !== b.height)
    throw new Error(`size differs: ${a.width}x${a.height} vs ${b.width}x${b.height}`);
  return weberSsim(a, b);
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

/** The source decoded upright, once for all the sizes a test compares (a 22 MP PNG round trip took 2 s a size). */
const orientedSources = new WeakMap<Buffer, Promise<Raw & { channels: 1 | 2 | 3 | 4 }>>();

function oriented(source: Buffer): Promise<Raw & { channels: 1 | 2 | 3 | 4 }> {
  let decoded = orientedSources.get(source);
  if (!decoded) {
    decoded = sharp(source, { failOn: 'none' })
      .rotate()
      .raw()
      .toBuffer({ resolveWithObject: true })
      .then(({ data, info }) => ({ data, width: info.width, height: info.height, channels: info.channels }));
    orientedSources.set(source, decoded);
  }
  return decoded;
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
  const { data, ...size } = await oriented(source);
  let image = sharp(data, { raw: size });
  if (options.fill) {
    const region = fillSourceRect(size, { width, height }, { x: 0.5, y: 0.5 });
    image = image.extract({ left: region.x, top: region.y, width: region.width, height: region.height });
  }
  return image.resize(width, height, { fit: 'fill', kernel: 'lanczos3' }).png().toBuffer();
}
