// smartCrop and smartResize keep the window with the most detail, skin and saturation, scored as
// smartcrop.js (jwagner, MIT) scores it, without its edge penalty and rule-of-thirds weighting:
// on corpus photos and on scenes with a known subject this kept more than pilkit's entropy did
// (tests/bench/experiments/smart-crop.ts; the numbers are in the README).
import type { Rect, Size } from '../../src/shared/geometry.ts';
import type { ResolvedSmartCrop } from '../../src/shared/processors/smart-crop.ts';
import { ownedCanvas, readPixels, releaseFrame, type Frame } from '../frame.ts';
import { fullRect, resample } from '../resample.ts';
import type { ProcessorRun } from './types.ts';

/** The analysis copy's shorter side, in pixels, and the grid its windows move on (smartcrop.js's). */
const ANALYSIS_SIDE = 256;
const STEP = 8;
const SKIN = [0.78, 0.57, 0.44];

/** smartcrop.js's lightness, 0..255 (its weights, not BT.601's). */
const lightness = (data: Uint8ClampedArray, i: number) =>
  0.5126 * data[i + 2]! + 0.7152 * data[i + 1]! + 0.0722 * data[i]!;

/** Per pixel, 0..255: edges (a Laplacian of lightness), skin-likeness and saturation. */
function features({ data, width, height }: ImageData) {
  const detail = new Uint8ClampedArray(width * height);
  const skin = new Uint8ClampedArray(width * height);
  const saturated = new Uint8ClampedArray(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const i = p * 4;
      const light = lightness(data, i);
      const edge = x === 0 || y === 0 || x === width - 1 || y === height - 1;
      const row = width * 4;
      detail[p] = edge
        ? light
        : 4 * light -
          lightness(data, i - row) -
          lightness(data, i - 4) -
          lightness(data, i + 4) -
          lightness(data, i + row);
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      const magnitude = Math.hypot(r, g, b);
      const skinness = 1 - Math.hypot(r / magnitude - SKIN[0]!, g / magnitude - SKIN[1]!, b / magnitude - SKIN[2]!);
      if (skinness > 0.8 && light >= 0.2 * 255) skin[p] = (skinness - 0.8) * (255 / 0.2);
      const max = Math.max(r, g, b) / 255;
      const min = Math.min(r, g, b) / 255;
      const sum = max + min;
      const saturation = max === min ? 0 : (max - min) / (sum > 1 ? 2 - sum : sum);
      if (saturation > 0.4 && light >= 0.05 * 255 && light <= 0.9 * 255)
        saturated[p] = (saturation - 0.4) * (255 / 0.6);
    }
  }
  return { detail, skin, saturated };
}

/**
 * How much each 8x8 cell is worth keeping: smartcrop.js's weights (detail 0.2, skin 1.8,
 * saturation 0.1, skin and saturation counted where there is detail), its cells' mix of mean and
 * maximum, on the analysis copy.
 */
function cellWorth(pixels: ImageData): { worth: Float64Array; columns: number; rows: number } {
  const { detail, skin, saturated } = features(pixels);
  const columns = Math.floor(pixels.width / STEP);
  const rows = Math.floor(pixels.height / STEP);
  const worth = new Float64Array(columns * rows);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      let skinSum = 0;
      let detailSum = 0;
      let saturationSum = 0;
      let skinMax = 0;
      let detailMax = 0;
      for (let v = 0; v < STEP; v++) {
        for (let u = 0; u < STEP; u++) {
          const p = (row * STEP + v) * pixels.width + column * STEP + u;
          skinSum += skin[p]!;
          detailSum += detail[p]!;
          saturationSum += saturated[p]!;
          skinMax = Math.max(skinMax, skin[p]!);
          detailMax = Math.max(detailMax, detail[p]!);
        }
      }
      const mean = (sum: number) => sum / (STEP * STEP);
      // Rounded as smartcrop.js's byte arrays round them.
      const cellSkin = Math.round(mean(skinSum) * 0.5 + skinMax * 0.5) / 255;
      const cellDetail = Math.round(mean(detailSum) * 0.7 + detailMax * 0.3) / 255;
      const cellSaturation = Math.round(mean(saturationSum)) / 255;
      worth[row * columns + column] =
        cellDetail * 0.2 + cellSkin * (cellDetail + 0.01) * 1.8 + cellSaturation * (cellDetail + 0.2) * 0.1;
    }
  }
  return { worth, columns, rows };
}

/** Where a window may start along an axis: smartcrop.js's grid, plus flush with the far edge, which its grid can miss. */
function positions(room: number): number[] {
  const starts: number[] = [];
  for (let start = 0; start < room; start += STEP) starts.push(start);
  starts.push(room);
  return starts;
}

/**
 * The best `window` (in the analysis copy's pixels): inside, each cell
 * counts more the nearer it is to the window's centre; outside, each counts -0.5.
 */
export function bestWindow(pixels: ImageData, window: Size): { x: number; y: number } {
  const { worth, columns, rows } = cellWorth(pixels);
  const everything = worth.reduce((sum, value) => sum + value, 0);
  let best = { x: 0, y: 0 };
  let bestScore = -Infinity;
  for (const y of positions(pixels.height - window.height)) {
    for (const x of positions(pixels.width - window.width)) {
      let inside = 0;
      let insideScore = 0;
      for (let row = Math.ceil(y / STEP); row < rows && row * STEP < y + window.height; row++) {
        const py = Math.abs(0.5 - (row * STEP - y) / window.height) * 2;
        for (let column = Math.ceil(x / STEP); column < columns && column * STEP < x + window.width; column++) {
          const px = Math.abs(0.5 - (column * STEP - x) / window.width) * 2;
          const value = worth[row * columns + column]!;
          inside += value;
          insideScore += value * (1.41 - Math.hypot(px, py));
        }
      }
      const score = insideScore - 0.5 * (everything - inside);
      if (score > bestScore) {
        bestScore = score;
        best = { x, y };
      }
    }
  }
  return best;
}

/**
 * Where to crop an image of `image` size to `target` (never larger than the image), given its
 * analysis copy `pixels` (`scale` times its size): the best window, back at full size.
 */
export function smartCropRect(pixels: ImageData, scale: number, image: Size, target: Size): Rect {
  const width = Math.min(image.width, target.width);
  const height = Math.min(image.height, target.height);
  const { x, y } = bestWindow(pixels, { width: width * scale, height: height * scale });
  const place = (start: number, room: number) => Math.min(Math.max(Math.round(start / scale), 0), room);
  return { x: place(x, image.width - width), y: place(y, image.height - height), width, height };
}

/** Crops `frame` to `target`: scored on a copy 256 px on its shorter side, then an exact copy of the window. */
export async function smartCropFrame(frame: Frame, target: Size): Promise<Frame> {
  if (frame.width <= target.width && frame.height <= target.height) return frame;
  const scale = Math.min(Math.max(ANALYSIS_SIDE / frame.width, ANALYSIS_SIDE / frame.height), 1);
  const analysis =
    scale < 1
      ? await resample(frame, fullRect(frame), {
          width: Math.floor(frame.width * scale),
          height: Math.floor(frame.height * scale),
        })
      : frame;
  const canvas = ownedCanvas(analysis);
  const pixels = readPixels(canvas);
  if (analysis !== frame) releaseFrame(analysis);
  else if (canvas !== frame.image) releaseFrame({ ...frame, image: canvas, owned: true });
  const rect = smartCropRect(pixels, pixels.width / frame.width, frame, target);
  return resample(frame, rect, rect);
}

export const runSmartCrop: ProcessorRun<ResolvedSmartCrop> = (frame, options) => smartCropFrame(frame, options);
