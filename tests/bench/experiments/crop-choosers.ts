// The smart-crop comparison (issue 16): our entropy crop (pilkit's), smartcrop.js and a plain
// centre crop, run on the same RGBA pixels in Node, with the measures that judge them.
import sharp, { type OutputInfo, type OverlayOptions } from 'sharp';
import smartcrop from 'smartcrop';
import { coverSize, type Rect, type Size } from '../../../src/shared/geometry.ts';
import { smartCropRect } from '../../../workers/processors/smart-crop.ts';
import { entropyCropRect } from './pilkit-entropy-crop.ts';

export interface Rgba {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Where a chooser would crop `image` to `target` (never larger than the image). */
export type CropChooser = (image: Rgba, target: Size) => Promise<Rect>;

const within = (image: Size, target: Size): Size => ({
  width: Math.min(image.width, target.width),
  height: Math.min(image.height, target.height),
});

/** pilkit's entropy whittling, which the worker ran before this comparison. */
export const entropyCrop: CropChooser = async (image, target) =>
  entropyCropRect(image as unknown as ImageData, within(image, target));

/** What the worker runs now: smartcrop.js's scoring, on a lanczos3 copy 256 px on its shorter side. */
export const workerCrop: CropChooser = async (image, target) => {
  const scale = Math.min(Math.max(256 / image.width, 256 / image.height), 1);
  const analysis =
    scale < 1
      ? await rgbaOperations.resample(image, Math.floor(image.width * scale), Math.floor(image.height * scale))
      : image;
  return smartCropRect(analysis as unknown as ImageData, analysis.width / image.width, image, target);
};

/** The baseline: resizeToFill's centre anchor. */
export const centreCrop: CropChooser = async (image, target) => {
  const { width, height } = within(image, target);
  return {
    x: Math.floor((image.width - width) / 2),
    y: Math.floor((image.height - height) / 2),
    width,
    height,
  };
};

const toRgba = ({ data, info }: { data: Buffer; info: OutputInfo }): Rgba => ({
  data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
  width: info.width,
  height: info.height,
});

export const fromRgba = (image: Rgba) =>
  sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length), {
    raw: { width: image.width, height: image.height, channels: 4 },
  });

/** smartcrop.js's image operations over raw RGBA, with sharp as the resampler for its 256 px analysis copy. */
const rgbaOperations = {
  open: async (image: Rgba) => image,
  resample: async (image: Rgba, width: number, height: number) =>
    toRgba(
      await fromRgba(image)
        .resize(Math.floor(width), Math.floor(height), { fit: 'fill' })
        .raw()
        .toBuffer({ resolveWithObject: true }),
    ),
  getData: async (image: Rgba) => image,
};

/**
 * smartcrop.js asked for a crop of exactly `target` (its scale pinned to 1:1, as smartCrop never
 * scales); its answer, truncated through its analysis scale, is re-centred at exactly that size.
 */
const smartcropWith =
  (tuning: Record<string, unknown>): CropChooser =>
  async (image, target) => {
    const size = within(image, target);
    const pinned = 1 / Math.min(image.width / size.width, image.height / size.height);
    const options = { ...tuning, ...size, minScale: pinned, maxScale: pinned, imageOperations: rgbaOperations };
    const { topCrop } = await smartcrop.crop(image as never, options);
    const clamp = (value: number, room: number) => Math.min(Math.max(Math.round(value), 0), room);
    return {
      x: clamp(topCrop.x + topCrop.width / 2 - size.width / 2, image.width - size.width),
      y: clamp(topCrop.y + topCrop.height / 2 - size.height / 2, image.height - size.height),
      ...size,
    };
  };

export const CHOOSERS = {
  entropy: entropyCrop,
  smartcrop: smartcropWith({}),
  tuned: smartcropWith({ edgeWeight: 0, ruleOfThirds: false }),
  worker: workerCrop,
  centre: centreCrop,
} as const;
export type ChooserName = keyof typeof CHOOSERS;

/** smartResize's first step: cover `target` (pilkit's rounding), then a chooser crops. */
export async function coverTo(image: Rgba, target: Size): Promise<{ image: Rgba; scale: number }> {
  const size = coverSize(image, target, true);
  const resized = toRgba(
    await fromRgba(image).resize(size.width, size.height, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true }),
  );
  return { image: resized, scale: size.width / image.width };
}

/** How much of `subject` the crop keeps, 0..1. */
export function keptShare(crop: Rect, subject: Rect): number {
  const width = Math.min(crop.x + crop.width, subject.x + subject.width) - Math.max(crop.x, subject.x);
  const height = Math.min(crop.y + crop.height, subject.y + subject.height) - Math.max(crop.y, subject.y);
  return width > 0 && height > 0 ? (width * height) / (subject.width * subject.height) : 0;
}

/**
 * Detail as edge energy: the Sobel gradient magnitude of luma (BT.601) per pixel, summed through
 * an integral image so that any crop's share of the whole is one lookup.
 */
export function edgeEnergy(image: Rgba): (crop: Rect) => number {
  const { width, height, data } = image;
  const luma = new Float32Array(width * height);
  for (let i = 0; i < luma.length; i++) {
    luma[i] = 0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!;
  }
  const sums = new Float64Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      let magnitude = 0;
      if (x > 0 && y > 0 && x < width - 1 && y < height - 1) {
        const at = (dx: number, dy: number) => luma[(y + dy) * width + x + dx]!;
        const gx = at(1, -1) + 2 * at(1, 0) + at(1, 1) - at(-1, -1) - 2 * at(-1, 0) - at(-1, 1);
        const gy = at(-1, 1) + 2 * at(0, 1) + at(1, 1) - at(-1, -1) - 2 * at(0, -1) - at(1, -1);
        magnitude = Math.hypot(gx, gy);
      }
      row += magnitude;
      sums[(y + 1) * (width + 1) + x + 1] = sums[y * (width + 1) + x + 1]! + row;
    }
  }
  const total = sums[sums.length - 1]!;
  const sum = (x: number, y: number) => sums[y * (width + 1) + x]!;
  return ({ x, y, width: w, height: h }) => (sum(x + w, y + h) - sum(x, y + h) - sum(x + w, y) + sum(x, y)) / total;
}

/** Mean, worst, and share of values at or over `whole`. */
export function summary(values: readonly number[], whole = 0.99) {
  return {
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    worst: Math.min(...values),
    whole: values.filter((value) => value >= whole).length / values.length,
  };
}

export const CROP_COLOURS: Record<ChooserName, string> = {
  entropy: '#ff3b30',
  smartcrop: '#00e5ff',
  tuned: '#ffcc00',
  worker: '#34c759',
  centre: '#ffffff',
};

/** One contact-sheet tile: `image` at `height` px tall with each chooser's crop outlined in its colour. */
export async function outlinedTile(image: Rgba, crops: Record<ChooserName, Rect>, height: number) {
  const scale = height / image.height;
  const width = Math.round(image.width * scale);
  const rects = Object.entries(crops).map(([name, crop], index) => {
    const inset = 1.5 + index * 3;
    const dash = name === 'centre' ? ' stroke-dasharray="6 4"' : '';
    return `<rect x="${crop.x * scale + inset}" y="${crop.y * scale + inset}" width="${Math.max(crop.width * scale - 2 * inset, 1)}" height="${Math.max(crop.height * scale - 2 * inset, 1)}" fill="none" stroke="${CROP_COLOURS[name as ChooserName]}" stroke-width="3"${dash}/>`;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${rects.join('')}</svg>`;
  const input = await fromRgba(image)
    .resize(width, height, { fit: 'fill' })
    .composite([{ input: Buffer.from(svg) }])
    .png()
    .toBuffer();
  return { input, width, height };
}

/** Lays tiles out in rows (one row per entry), on dark grey, as a PNG. */
export async function contactSheet(rows: { input: Buffer; width: number; height: number }[][], gap = 8) {
  const width = Math.max(...rows.map((row) => row.reduce((sum, tile) => sum + tile.width + gap, gap)));
  const height = rows.reduce((sum, row) => sum + Math.max(...row.map((tile) => tile.height)) + gap, gap);
  const placed: OverlayOptions[] = [];
  let top = gap;
  for (const row of rows) {
    let left = gap;
    for (const tile of row) {
      placed.push({ input: tile.input, left, top });
      left += tile.width + gap;
    }
    top += Math.max(...row.map((tile) => tile.height)) + gap;
  }
  return sharp({ create: { width, height, channels: 3, background: '#333333' } })
    .composite(placed)
    .png()
    .toBuffer();
}
