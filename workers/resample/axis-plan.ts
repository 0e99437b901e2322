/**
 * Lanczos3 weights for one axis of a separable resample, in the kernel's fixed point: plain
 * arithmetic, no DOM, tested with equality. One axis at a time, so the same plan serves rows
 * and columns, RGBA images and the planes of a YCbCr one.
 */

/** 1.0 in the kernel's weights (14 fraction bits). */
export const WEIGHT_ONE = 1 << 14;

/** Lobes of the filter: lanczos3, as sharp's and pica's default. */
const LOBES = 3;

export interface AxisPlan {
  /** Weights per output, the same for all; a multiple of the alignment asked for. */
  taps: number;
  /** The first source index each output reads: `taps` samples from there, all inside the bounds when they are at least `taps` long. */
  firsts: Int32Array;
  /** `taps` weights per output, summing to exactly `WEIGHT_ONE`; zero outside the filter. */
  weights: Int16Array;
}

export interface AxisWindow {
  /** The part of the source the output shows, in source samples (may be fractional: chroma planes). */
  start: number;
  length: number;
  /** The whole samples the filter may read; taps beyond them are dropped and the rest renormalised. */
  boundStart: number;
  boundEnd: number;
  /** Output samples. */
  outputs: number;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const angle = Math.PI * x;
  return Math.sin(angle) / angle;
}

function lanczos(x: number): number {
  return x > -LOBES && x < LOBES ? sinc(x) * sinc(x / LOBES) : 0;
}

/**
 * Rounds weights that sum to 1 into integers that sum to exactly `WEIGHT_ONE`: rounding alone
 * can miss by a few units, which would tint flat areas; the largest weight absorbs the rest.
 */
function quantise(weights: number[]): number[] {
  const rounded = weights.map((weight) => Math.round(weight * WEIGHT_ONE));
  const missing = WEIGHT_ONE - rounded.reduce((sum, weight) => sum + weight, 0);
  let largest = 0;
  for (let index = 1; index < rounded.length; index++) if (rounded[index]! > rounded[largest]!) largest = index;
  rounded[largest] = rounded[largest]! + missing;
  return rounded;
}

/**
 * The weights that resample `window` of a source axis to `window.outputs` samples: output `o`
 * is centred on `start + (o + 0.5) · scale` and, when shrinking, the filter is widened by the
 * scale (Pillow's and pica's convention, which sharp's lanczos3 also follows).
 */
export function planAxis(window: AxisWindow, alignment: number): AxisPlan {
  const { start, length, boundStart, boundEnd, outputs } = window;
  const scale = length / outputs;
  const filterScale = Math.max(scale, 1);
  const support = LOBES * filterScale;
  const spans: { first: number; weights: number[] }[] = [];
  let widest = 1;
  for (let output = 0; output < outputs; output++) {
    const centre = start + (output + 0.5) * scale;
    const first = Math.max(boundStart, Math.floor(centre - support + 0.5));
    const end = Math.min(boundEnd, Math.floor(centre + support + 0.5));
    const raw: number[] = [];
    for (let index = first; index < end; index++) raw.push(lanczos((index + 0.5 - centre) / filterScale));
    const total = raw.reduce((sum, weight) => sum + weight, 0);
    if (raw.length === 0 || total === 0) {
      // A window that misses every sample (only at absurd scales): take the nearest one.
      const nearest = Math.min(boundEnd - 1, Math.max(boundStart, Math.floor(centre)));
      spans.push({ first: nearest, weights: [1] });
      continue;
    }
    spans.push({ first, weights: raw.map((weight) => weight / total) });
    widest = Math.max(widest, raw.length);
  }
  const taps = Math.ceil(widest / alignment) * alignment;
  const firsts = new Int32Array(outputs);
  const weights = new Int16Array(outputs * taps);
  spans.forEach((span, output) => {
    // Slide the read window back where the bounds allow, so that every tap read is a real sample.
    const windowStart = Math.max(boundStart, Math.min(span.first, boundEnd - taps));
    firsts[output] = windowStart;
    quantise(span.weights).forEach((weight, index) => {
      weights[output * taps + span.first - windowStart + index] = weight;
    });
  });
  return { taps, firsts, weights };
}
