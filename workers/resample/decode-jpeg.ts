import { jpegDenominator } from '../../src/shared/decode-plan.ts';
import { displayedSize, type ImageHeader } from '../../src/shared/header.ts';
import type { DecodedImage } from '../frame.ts';
import { holdsStoredPixels } from '../orient.ts';
import { loadKernel, type Kernel } from './kernel.ts';
import { KernelFrame } from './kernel-frame.ts';
import type { KernelImage, KernelPlane } from './kernel-image.ts';

/** Chroma planes per luma sample, for the YCbCr layouts the kernel reads. */
const SUBSAMPLING: Record<string, { x: number; y: number } | undefined> = {
  I420: { x: 2, y: 2 },
  I422: { x: 2, y: 1 },
  I444: { x: 1, y: 1 },
};

/** True for sRGB, or no colour space said (the decoder has then converted nothing). */
function isSrgb(space: VideoColorSpace): boolean {
  return (space.primaries ?? 'bt709') === 'bt709' && (space.transfer ?? 'iec61966-2-1') === 'iec61966-2-1';
}

/** JPEG's own YCbCr: full-range BT.601, what the kernel's `yuvToRgba` converts. */
function isJpegYcbcr(space: VideoColorSpace): boolean {
  return (space.matrix === 'smpte170m' || space.matrix === 'bt470bg') && space.fullRange !== false && isSrgb(space);
}

/** Copies the frame's pixels into the kernel, as stored: YCbCr planes, one RGBA/BGRA plane, or RGBA converted. */
async function copyIntoKernel(kernel: Kernel, frame: VideoFrame, orientation: number): Promise<KernelImage> {
  const { width, height } = frame.visibleRect!;
  const subsampling = frame.format ? SUBSAMPLING[frame.format] : undefined;
  const native =
    frame.format === 'BGRX' || frame.format === 'BGRA' || frame.format === 'RGBX' || frame.format === 'RGBA';
  if (subsampling && isJpegYcbcr(frame.colorSpace)) {
    const size = frame.allocationSize();
    const address = kernel.allocate(size);
    const layout = await frame.copyTo(kernel.bytes(address, size));
    const planes: KernelPlane[] = layout.map((plane, index) => {
      const by = index === 0 ? { x: 1, y: 1 } : subsampling;
      return {
        address: address + plane.offset,
        stride: plane.stride,
        width: Math.ceil(width / by.x),
        height: Math.ceil(height / by.y),
        subsampling: by,
      };
    });
    return { layout: 'ycbcr', stored: { width, height }, planes, alpha: 'opaque', orientation };
  }
  const copyNative = native && isSrgb(frame.colorSpace);
  const size = copyNative ? frame.allocationSize() : width * height * 4;
  const address = kernel.allocate(size);
  const [plane] = await frame.copyTo(
    kernel.bytes(address, size),
    copyNative ? {} : { format: 'RGBA', colorSpace: 'srgb' },
  );
  const format = copyNative ? frame.format : 'RGBA';
  return {
    layout: format.startsWith('BGR') ? 'bgra' : 'rgba',
    stored: { width, height },
    planes: [{ address: address + plane!.offset, stride: plane!.stride, width, height, subsampling: { x: 1, y: 1 } }],
    // JPEG has no alpha: the fourth channel of any of these is padding.
    alpha: 'padding',
    orientation,
  };
}

/**
 * Decodes a JPEG with WebCodecs ImageDecoder at the smallest of 1/8, 1/4, 1/2 or full scale
 * that keeps `fraction` of its pixels, straight into the resample kernel's memory. At full scale
 * Chromium hands over the YCbCr planes as decoded (no upsampling of the chroma, no colour conversion: the kernel
 * resamples each plane and converts only the output's pixels). Undefined where the kernel or
 * ImageDecoder is missing, or the header lacks a size. `bytes` are handed to the decoder: no
 * longer readable afterwards.
 */
export async function decodeJpegIntoKernel(
  bytes: Uint8Array,
  header: ImageHeader,
  fraction: number,
): Promise<DecodedImage | undefined> {
  const full = displayedSize(header);
  if (typeof ImageDecoder === 'undefined' || !full || header.width === null || header.height === null) return undefined;
  const kernel = await loadKernel();
  if (!kernel) return undefined;
  // Only 1/2, 1/4 and 1/8: libjpeg-turbo's other n/8 scales are slower than the full decode and
  // cost detail (a 16 MP foliage photo to 2048 px from 7/8: 1.53x the floor, SSIM 0.9647; from
  // the full decode 1.33x, 0.9871, equal to pica's).
  const eighths = 8 / jpegDenominator(fraction);
  const desired =
    eighths < 8
      ? {
          desiredWidth: Math.ceil((header.width * eighths) / 8),
          desiredHeight: Math.ceil((header.height * eighths) / 8),
        }
      : {};
  // The decoder takes the bytes rather than copying them, and frees them when closed: the
  // worker's heap is not left holding the file until its next garbage collection.
  const transfer = bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
  const decoder = new ImageDecoder({ data: bytes, type: 'image/jpeg', ...desired, transfer });
  const mark = kernel.mark();
  try {
    const { image } = await decoder.decode();
    try {
      if (!holdsStoredPixels(image, header.orientation)) throw new Error('the decoder turned the pixels itself');
      const pixels = await copyIntoKernel(kernel, image, header.orientation);
      if (pixels.stored.width < (desired.desiredWidth ?? header.width)) throw new Error('decoded smaller than asked');
      const frame = new KernelFrame(kernel, pixels, full, mark);
      return { frame, ...full, release: () => frame.release() };
    } finally {
      image.close();
    }
  } catch (error) {
    kernel.release(mark);
    throw error;
  } finally {
    decoder.close();
  }
}
