// For peers that can only fit within a maximum side (browser-image-compression, image-blob-reduce):
// the nearest equivalent of a fill is what a developer would write by hand around them: ask for
// the smallest size that covers the box, then cut the centre out with a 1:1 canvas copy.
import { canvasToBlob, newCanvas } from '../pages/geometry.ts';
import type { Output } from '../pages/types.ts';
import { coverSize, type OutputSpec, type Size } from '../workloads.ts';

/**
 * The longest side to ask for. One pixel over the exact cover size: the peers truncate the short
 * side, which would otherwise end one pixel short of the box.
 */
export function coverLongSide(photo: Size, spec: OutputSpec): number {
  const cover = coverSize(photo, spec);
  return Math.ceil(Math.max(cover.width, cover.height)) + 1;
}

/** Cuts the box's centre out of a covering image; the region is mapped back to source pixels for the quality reference. */
export async function cropCentre(covering: CanvasImageSource & Size, photo: Size, spec: OutputSpec): Promise<Output> {
  const width = Math.min(spec.width, covering.width);
  const height = Math.min(spec.height, covering.height);
  const x = Math.floor((covering.width - width) / 2);
  const y = Math.floor((covering.height - height) / 2);
  const canvas = newCanvas({ width, height });
  canvas.getContext('2d')!.drawImage(covering, x, y, width, height, 0, 0, width, height);
  const blob = await canvasToBlob(canvas, 'image/jpeg', spec.quality);
  canvas.width = 0;
  const scale = photo.width / covering.width;
  const region = {
    x: Math.round(x * scale),
    y: Math.round(y * scale),
    width: Math.round(width * scale),
    height: Math.round(height * scale),
  };
  return { name: spec.name, blob, width, height, region };
}
