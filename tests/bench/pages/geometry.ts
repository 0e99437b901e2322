// Output sizes and source regions for adapters that place pixels themselves.
import { centredFillRegion, fitSize, type OutputSpec, type Rect, type Size } from '../workloads.ts';

export interface Placement {
  /** Part of the oriented source to draw. */
  region: Rect;
  /** Output size. */
  size: Size;
}

/** Where a resize output comes from and how big it is, for a source of `source` size. */
export function placeOutput(spec: OutputSpec, source: Size): Placement {
  const box = { width: spec.width, height: spec.height };
  if (spec.kind === 'fill') return { region: centredFillRegion(source, box), size: box };
  return { region: { x: 0, y: 0, width: source.width, height: source.height }, size: fitSize(source, box) };
}

/** `canvas.toBlob` as a promise that rejects instead of handing back null. */
export function canvasToBlob(canvas: HTMLCanvasElement, type: string, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error(`toBlob gave nothing for ${type}`))),
      type,
      quality,
    ),
  );
}

export function newCanvas(size: Size): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  return canvas;
}

export function context2d(
  canvas: HTMLCanvasElement | OffscreenCanvas,
): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the union of two getContext overloads widens without it
  const context = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!context) throw new Error('2D context unavailable');
  return context;
}
