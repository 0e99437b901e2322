import type { Rect, Size } from '../../src/shared/geometry.ts';
import type { AxisWindow } from './axis-plan.ts';
import { resamplePlane, type PlaneSource } from './driver.ts';
import type { Kernel } from './kernel.ts';
import { storedRect, storedSize } from './orientation.ts';

/** One plane of a decoded image in the kernel's memory. */
export interface KernelPlane {
  address: number;
  /** Bytes from one row to the next. */
  stride: number;
  width: number;
  height: number;
  /** How many luma samples one sample of this plane spans, across and down (2 for 4:2:0 chroma). */
  subsampling: { x: number; y: number };
}

/**
 * A decoded image as the decoder stored it (before EXIF orientation), in the kernel's memory:
 * one RGBA or BGRA plane, or JPEG's three YCbCr planes. It may hold fewer pixels than the image
 * has (a JPEG decoded at 5/8 scale, say): `stored` is what it holds, and regions are always given
 * in the full image's coordinates, so the geometry of a spec never depends on how it was decoded.
 */
export interface KernelImage {
  layout: 'rgba' | 'bgra' | 'ycbcr';
  /** Size of the pixels held (the luma plane's for YCbCr), as stored. */
  stored: Size;
  planes: KernelPlane[];
  /** See `PlaneSource.alpha`; YCbCr is opaque. */
  alpha: PlaneSource['alpha'];
  orientation: number;
}

function planeSource(kernel: Kernel, image: KernelImage, plane: KernelPlane): PlaneSource {
  return {
    width: plane.width,
    height: plane.height,
    channels: image.layout === 'ycbcr' ? 1 : 4,
    order: image.layout === 'bgra' ? 'bgra' : 'rgba',
    alpha: image.alpha,
    row: (y) => plane.address + y * plane.stride,
  };
}

/** The window of one axis of `plane` for a region given in full-image stored samples. */
function axisWindow(start: number, length: number, scale: number, planeLength: number, outputs: number): AxisWindow {
  const from = start * scale;
  const to = (start + length) * scale;
  return {
    start: from,
    length: to - from,
    boundStart: Math.max(0, Math.floor(from + 1e-9)),
    boundEnd: Math.min(planeLength, Math.ceil(to - 1e-9)),
    outputs,
  };
}

/**
 * Resamples `rect` (upright, in the full image's pixels; `full` is the full upright size) to
 * `size` (upright), into new RGBA memory the caller releases with the kernel's mark.
 * @returns the address of `size.width` x `size.height` RGBA pixels
 */
export function resampleKernelImage(kernel: Kernel, image: KernelImage, full: Size, rect: Rect, size: Size): number {
  const fullStored = storedSize(full, image.orientation);
  const region = storedRect(rect, image.orientation, fullStored);
  const outStored = storedSize(size, image.orientation);
  const pixels = size.width * size.height;
  const rgba = kernel.allocate(pixels * 4 + 32);
  const planeTargets = image.layout === 'ycbcr' ? image.planes.map(() => kernel.allocate(pixels + 32)) : [rgba];
  image.planes.forEach((plane, index) => {
    const scaleX = image.stored.width / fullStored.width / plane.subsampling.x;
    const scaleY = image.stored.height / fullStored.height / plane.subsampling.y;
    resamplePlane(
      kernel,
      planeSource(kernel, image, plane),
      {
        x: axisWindow(region.x, region.width, scaleX, plane.width, outStored.width),
        y: axisWindow(region.y, region.height, scaleY, plane.height, outStored.height),
      },
      { address: planeTargets[index]!, width: size.width, height: size.height, orientation: image.orientation },
    );
  });
  if (image.layout === 'ycbcr') {
    const [luma, blue, red] = planeTargets as [number, number, number];
    kernel.exports.yuvToRgba(luma, blue, red, rgba, Math.ceil(pixels / 8) * 8);
  }
  return rgba;
}
