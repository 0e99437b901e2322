import { planAxis, type AxisWindow } from './axis-plan.ts';
import { VERTICAL_OUTPUT, type Kernel } from './kernel.ts';
import { rowPlacement } from './orientation.ts';

/** One plane of source pixels the kernel can read: an RGBA (or BGRA) image, or one plane of a YCbCr one. */
export interface PlaneSource {
  /** Size of the plane in samples. */
  width: number;
  height: number;
  channels: 1 | 4;
  /** Byte order of 4-channel pixels. */
  order: 'rgba' | 'bgra';
  /**
   * What the fourth channel holds: `opaque` (255 everywhere), `padding` (meaningless: output
   * 255), or `straight` alpha, which is checked row by row and premultiplied where it is not 255.
   */
  alpha: 'opaque' | 'padding' | 'straight';
  /** The address of row `y`. Rows are asked for in increasing order, so a source may stream them. */
  row(y: number): number;
}

/** Where a plane's output goes: an image of `width` x `height` upright elements at `address`. */
export interface PlaneTarget {
  address: number;
  width: number;
  height: number;
  /** EXIF orientation of the source: rows are written turned and mirrored into place. */
  orientation: number;
}

/** Vectors of 8 i16 values: ring rows are padded to whole vectors. */
const padded = (elements: number) => Math.ceil(elements / 8) * 8;

/**
 * Resamples one plane: each source row once through the horizontal pass into a ring of `taps`
 * rows, then each output row from the ring through the vertical pass. Memory beyond the source
 * and the target is a few rows, whatever the image's size. `x` and `y` are the windows in stored
 * samples; their `outputs` make the stored output size.
 */
export function resamplePlane(
  kernel: Kernel,
  source: PlaneSource,
  windows: { x: AxisWindow; y: AxisWindow },
  target: PlaneTarget,
): void {
  const { channels } = source;
  const k = kernel.exports;
  const mark = kernel.mark();
  try {
    const columns = planAxis(windows.x, channels === 4 ? 4 : 8);
    const rows = planAxis(windows.y, 2);
    const stored = { width: windows.x.outputs, height: windows.y.outputs };
    const elements = padded(stored.width * channels);

    const firsts = kernel.store(columns.firsts);
    const columnWeights = kernel.store(columns.weights);
    const rowWeights = kernel.store(rows.weights);
    const ring = kernel.allocate(rows.taps * elements * 2);
    const zeroRow = kernel.allocate(elements * 2);
    const rowList = kernel.allocate(rows.taps * 4);
    const out = kernel.allocate(elements);
    const wide = source.alpha === 'straight' ? kernel.allocate(elements * 2) : 0;
    const straight = source.alpha === 'straight' ? kernel.allocate(source.width * 8) : 0;
    kernel.bytes(zeroRow, elements * 2).fill(0);
    const rowAddresses = new Int32Array(k.memory.buffer, rowList, rows.taps);
    const swap = source.order === 'bgra' ? 1 : 0;
    const ringRow = (y: number) => ring + (y % rows.taps) * elements * 2;

    const { boundStart, boundEnd } = windows.y;
    const transparent = new Uint8Array(source.height);
    let next = Math.max(boundStart, rows.firsts[0]!);
    for (let row = 0; row < stored.height; row++) {
      const first = rows.firsts[row]!;
      const end = Math.min(first + rows.taps, boundEnd);
      for (; next < end; next++) {
        const line = source.row(next);
        if (channels === 1) {
          k.horizontal1(line, ringRow(next), stored.width, firsts, columnWeights, columns.taps);
        } else if (source.alpha === 'straight' && !k.isOpaque(line, source.width)) {
          transparent[next] = 1;
          k.premultiply(line, straight, source.width, swap);
          k.horizontal4Wide(straight, ringRow(next), stored.width, firsts, columnWeights, columns.taps);
        } else {
          k.horizontal4(line, ringRow(next), stored.width, firsts, columnWeights, columns.taps, swap);
        }
      }
      let seeThrough = false;
      for (let tap = 0; tap < rows.taps; tap++) {
        const y = first + tap;
        const inside = y >= boundStart && y < boundEnd;
        rowAddresses[tap] = inside ? ringRow(y) : zeroRow;
        if (inside && transparent[y]) seeThrough = true;
      }
      const weights = rowWeights + row * rows.taps * 2;
      if (seeThrough) {
        k.vertical(rowList, weights, rows.taps, wide, elements, VERTICAL_OUTPUT.wide);
        k.unpremultiply(wide, out, stored.width);
      } else {
        const output = source.alpha === 'padding' ? VERTICAL_OUTPUT.opaqueBytes : VERTICAL_OUTPUT.bytes;
        k.vertical(rowList, weights, rows.taps, out, elements, output);
      }
      const { start, step } = rowPlacement(target.orientation, stored, row);
      if (step === 1) {
        const bytes = new Uint8Array(k.memory.buffer);
        bytes.copyWithin(target.address + start * channels, out, out + stored.width * channels);
      } else {
        k.place(out, target.address, stored.width, channels, start * channels, step * channels);
      }
    }
  } finally {
    kernel.release(mark);
  }
}
