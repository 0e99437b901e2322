// pilkit's SmartCrop (after easy-thumbnails) as imagespec's worker ran it until the smart-crop
// comparison replaced it (issue 16): kept here as that comparison's reference, not used by the worker.
import type { Rect, Size } from '../../../src/shared/geometry.ts';

/**
 * Pillow's `Image.entropy()` of a box: Shannon entropy (bits) of the histogram of every band
 * together; alpha counts as a band only in images that have transparency, as in an RGBA image.
 */
function boxEntropy(pixels: ImageData, box: Rect, withAlpha: boolean): number {
  const bands = withAlpha ? 4 : 3;
  const histogram = new Uint32Array(256 * bands);
  const { data, width } = pixels;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const i = (y * width + x) * 4;
      for (let c = 0; c < bands; c++) histogram[c * 256 + data[i + c]!]!++;
    }
  }
  const total = box.width * box.height * bands;
  let entropy = 0;
  for (const count of histogram) {
    if (count === 0) continue;
    const p = count / total;
    entropy += p * Math.log(p) * Math.LOG2E;
  }
  return -entropy;
}

/** pilkit's `compare_entropy`: how much to cut from the start and from the end of an axis. */
function cutAmounts(startEntropy: number, endEntropy: number, slice: number, difference: number): [number, number] {
  if (endEntropy && Math.abs(startEntropy / endEntropy - 1) < 0.01) {
    // Within 1%: cut from both sides.
    if (difference >= slice * 2) return [slice, slice];
    const half = Math.floor(slice / 2);
    return [half, slice - half];
  }
  return startEntropy > endEntropy ? [0, slice] : [slice, 0];
}

/**
 * pilkit's `SmartCrop` (after easy-thumbnails): cut strips of a fifth of the remaining excess (at
 * least 10 px) from whichever edge has less entropy, first across, then down, until the box is
 * `target` (never larger than the image).
 */
export function entropyCropRect(pixels: ImageData, target: Size): Rect {
  const { width, height } = pixels;
  let withAlpha = false;
  for (let i = 3; i < pixels.data.length && !withAlpha; i += 4) withAlpha = pixels.data[i]! < 255;
  const entropy = (box: Rect) => boxEntropy(pixels, box, withAlpha);
  let left = 0;
  let right = width;
  for (let diff = width - Math.min(width, target.width); diff > 0;) {
    const slice = Math.min(diff, Math.max(Math.floor(diff / 5), 10));
    const start = entropy({ x: left, y: 0, width: slice, height });
    const end = entropy({ x: right - slice, y: 0, width: slice, height });
    const [add, remove] = cutAmounts(start, end, slice, diff);
    left += add;
    right -= remove;
    diff -= add + remove;
  }
  let top = 0;
  let bottom = height;
  for (let diff = height - Math.min(height, target.height); diff > 0;) {
    const slice = Math.min(diff, Math.max(Math.floor(diff / 5), 10));
    const start = entropy({ x: 0, y: top, width, height: slice });
    const end = entropy({ x: 0, y: bottom - slice, width, height: slice });
    const [add, remove] = cutAmounts(start, end, slice, diff);
    top += add;
    bottom -= remove;
    diff -= add + remove;
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}
