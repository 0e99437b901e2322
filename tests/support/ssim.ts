// ssim.js's mean SSIM (its defaults: integer luma, 'weber' windows of 11x11, k1 0.01, k2 0.03,
// here without downsampling) computed again in typed arrays, value for value: ssim.js boxes every
// pixel of its sum tables in objects and closures and takes 3-7 s for one 2048 px image, which
// the end-to-end tests pay dozens of times. tests/ssim.spec.ts holds the two to the same number.
import { ssim } from 'ssim.js';

/** RGBA pixels, row by row. */
interface Rgba {
  data: Uint8Array;
  width: number;
  height: number;
}

const WINDOW = 11;
const WINDOW_AREA = WINDOW * WINDOW;
const L = 2 ** 8 - 1;
const C1 = 0.01 * L * (0.01 * L);
const C2 = 0.03 * L * (0.03 * L);

/** ssim.js's `rgb2grayInteger`: (77 R + 150 G + 29 B + 128) >> 8. */
function luma(image: Rgba): Int32Array {
  const grey = new Int32Array(image.width * image.height);
  const data = image.data;
  for (let i = 0, p = 0; p < grey.length; i += 4, p++)
    grey[p] = (77 * data[i]! + 150 * data[i + 1]! + 29 * data[i + 2]! + 128) >> 8;
  return grey;
}

/** Per 11x11 window, row by row: the sums of x, y, x², y² and xy (exact integers: at most 121 * 255²). */
type WindowSums = Record<'x' | 'y' | 'xx' | 'yy' | 'xy', Float64Array>;

const SUMS = ['x', 'y', 'xx', 'yy', 'xy'] as const;

const tables = (length: number): WindowSums =>
  Object.fromEntries(SUMS.map((name) => [name, new Float64Array(length)])) as WindowSums;

/** Columns of 11 rows are kept up to date as the window moves down, then summed across. */
function windowSums(x: Int32Array, y: Int32Array, width: number, height: number): WindowSums {
  const across = width - WINDOW + 1;
  const sums = tables(across * (height - WINDOW + 1));
  const columns = tables(width);
  const { x: cx, y: cy, xx: cxx, yy: cyy, xy: cxy } = columns;
  for (let row = 0; row < height; row++) {
    for (let column = 0, p = row * width, q = p - WINDOW * width; column < width; column++, p++, q++) {
      const a = x[p]!;
      const b = y[p]!;
      cx[column] = cx[column]! + a;
      cy[column] = cy[column]! + b;
      cxx[column] = cxx[column]! + a * a;
      cyy[column] = cyy[column]! + b * b;
      cxy[column] = cxy[column]! + a * b;
      if (row < WINDOW) continue;
      const c = x[q]!;
      const d = y[q]!;
      cx[column] = cx[column]! - c;
      cy[column] = cy[column]! - d;
      cxx[column] = cxx[column]! - c * c;
      cyy[column] = cyy[column]! - d * d;
      cxy[column] = cxy[column]! - c * d;
    }
    if (row < WINDOW - 1) continue;
    const start = (row - WINDOW + 1) * across;
    for (const name of SUMS) {
      const [column, out] = [columns[name], sums[name]];
      let sum = 0;
      for (let i = 0; i < WINDOW; i++) sum += column[i]!;
      out[start] = sum;
      for (let i = 1; i < across; i++) {
        sum += column[i + WINDOW - 1]! - column[i - 1]!;
        out[start + i] = sum;
      }
    }
  }
  return sums;
}

/** Mean SSIM of the luma of two RGBA images of the same size, exactly as `ssim(a, b, { downsample: false })`. */
export function weberSsim(a: Rgba, b: Rgba): number {
  const { width, height } = a;
  // ssim.js's answer for an image smaller than its window is an artefact of its tables: ask it.
  if (width < WINDOW || height < WINDOW) {
    const asImage = (raw: Rgba) => ({
      data: new Uint8ClampedArray(raw.data.buffer, raw.data.byteOffset, raw.data.length),
      width,
      height,
    });
    return ssim(asImage(a), asImage(b), { downsample: false }).mssim;
  }
  const sums = windowSums(luma(a), luma(b), width, height);
  let mean = 0;
  for (let i = 0; i < sums.x.length; i++) {
    const meanX = sums.x[i]! / WINDOW_AREA;
    const meanY = sums.y[i]! / WINDOW_AREA;
    // ssim.js keeps 1024 times each (co)variance in an Int32Array: truncated towards zero.
    const varianceX = Math.trunc(1024 * (sums.xx[i]! / WINDOW_AREA - meanX * meanX)) / 1024;
    const varianceY = Math.trunc(1024 * (sums.yy[i]! / WINDOW_AREA - meanY * meanY)) / 1024;
    const covariance = Math.trunc(1024 * (sums.xy[i]! / WINDOW_AREA - meanX * meanY)) / 1024;
    const value =
      ((2 * meanX * meanY + C1) * (2 * covariance + C2)) /
      (meanX * meanX + meanY * meanY + C1) /
      (varianceX + varianceY + C2);
    mean = i === 0 ? value : mean + (value - mean) / (i + 1);
  }
  return mean;
}
