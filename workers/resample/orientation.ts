/**
 * EXIF orientation folded into the resample: the region is read from the pixels as stored in the
 * file, and each finished row is written where it belongs in the upright output. Plain arithmetic.
 */
import type { Rect, Size } from '../../src/shared/geometry.ts';

/** Orientations 5 to 8 swap the sides. */
export function swapsSides(orientation: number): boolean {
  return orientation >= 5 && orientation <= 8;
}

/** The stored size of an upright size (or the other way round). */
export function storedSize(upright: Size, orientation: number): Size {
  return swapsSides(orientation) ? { width: upright.height, height: upright.width } : upright;
}

/**
 * Where a rectangle of the upright image lies in the stored pixels (`stored` is the stored
 * image's size). The inverse of the moves `workers/orient.ts` draws.
 */
export function storedRect(rect: Rect, orientation: number, stored: Size): Rect {
  const { x, y, width, height } = rect;
  const fromRight = stored.width - x - width;
  const fromBottom = stored.height - y - height;
  switch (orientation) {
    case 2:
      return { x: fromRight, y, width, height };
    case 3:
      return { x: fromRight, y: fromBottom, width, height };
    case 4:
      return { x, y: fromBottom, width, height };
    case 5:
      return { x: y, y: x, width: height, height: width };
    case 6:
      return { x: y, y: stored.height - x - width, width: height, height: width };
    case 7:
      return { x: stored.width - y - height, y: stored.height - x - width, width: height, height: width };
    case 8:
      return { x: stored.width - y - height, y: x, width: height, height: width };
    default:
      return { x, y, width, height };
  }
}

/**
 * Where stored output row `row` goes in the upright output: the element offset of its first
 * element and the step between its elements (negative for mirrored rows, a whole upright row for
 * turned ones). `stored` is the stored output's size; offsets count elements, not bytes.
 */
export function rowPlacement(orientation: number, stored: Size, row: number): { start: number; step: number } {
  const { width: w, height: h } = stored;
  const uprightWidth = swapsSides(orientation) ? h : w;
  switch (orientation) {
    case 2:
      return { start: row * uprightWidth + w - 1, step: -1 };
    case 3:
      return { start: (h - 1 - row) * uprightWidth + w - 1, step: -1 };
    case 4:
      return { start: (h - 1 - row) * uprightWidth, step: 1 };
    case 5:
      return { start: row, step: uprightWidth };
    case 6:
      return { start: h - 1 - row, step: uprightWidth };
    case 7:
      return { start: (w - 1) * uprightWidth + h - 1 - row, step: -uprightWidth };
    case 8:
      return { start: (w - 1) * uprightWidth + row, step: -uprightWidth };
    default:
      return { start: row * uprightWidth, step: 1 };
  }
}
