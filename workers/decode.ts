import { ImageSpecError } from '../src/shared/errors/imagespec-error.ts';
import { jpegDenominator } from '../src/shared/decode-plan.ts';
import { displayedSize, isTruncated, type ImageHeader, type SourceFormat } from '../src/shared/header.ts';
import { maxCanvasPixels } from './canvas-limit.ts';
import type { DecodedImage } from './frame.ts';
import { holdsStoredPixels, uprightFrame } from './orient.ts';
import { decodeJpegIntoKernel } from './resample/decode-jpeg.ts';

/** Formats some browsers decode and others do not: a decode failure means "unsupported here". */
const BROWSER_DEPENDENT: ReadonlySet<SourceFormat> = new Set(['image/heic', 'image/jxl', 'image/tiff']);

/** How the specs of a job want the file decoded (see `decodeFraction` and `everySpecResamplesFirst`). */
export interface DecodeNeeds {
  /** The smallest fraction of the full size every spec can start from. */
  fraction: number;
  /** Every spec starts with a resize: the pixels may stay in the resample kernel's memory. */
  resamplesFirst: boolean;
}

/**
 * Decodes the file once, keeping at least `needs.fraction` of its pixels. A JPEG whose specs all
 * start with a resize goes straight into the resample kernel's memory (WebCodecs ImageDecoder at
 * n/8 scale, as YCbCr planes at full scale); otherwise a JPEG may be decoded at 1/2, 1/4 or 1/8
 * onto a canvas, and everything else is decoded whole by createImageBitmap, EXIF orientation
 * applied. A file whose data visibly ends early is refused before decoding: some browsers would
 * paint the missing part grey and succeed. `read`: the file's bytes, read once by the caller.
 */
export async function decodeImage(
  file: Blob,
  header: ImageHeader,
  needs: DecodeNeeds,
  read: ArrayBuffer,
): Promise<DecodedImage> {
  let bytes = new Uint8Array(read);
  if (isTruncated(bytes, header.format)) {
    throw new ImageSpecError('CORRUPT_IMAGE', `corrupt image: the ${header.format} data ends early (truncated file)`, {
      details: { format: header.format },
    });
  }
  // Any trouble on a fast path (no ImageDecoder, an odd JPEG) leaves the file to the full decode,
  // which reports real errors with their codes.
  if (header.format === 'image/jpeg') {
    const inKernel = needs.resamplesFirst
      ? await decodeJpegIntoKernel(bytes, header, needs.fraction).catch(() => undefined)
      : undefined;
    if (inKernel) return inKernel;
    // The kernel's decoder took the bytes (detached now) before it gave up: read them again.
    if (bytes.byteLength === 0) bytes = new Uint8Array(await file.arrayBuffer());
    // That decode lands on a canvas: only where it fits under the canvas limit (else bands, below).
    const denominator = jpegDenominator(needs.fraction);
    const fits = (header.width ?? 0) * (header.height ?? 0) <= maxCanvasPixels() * denominator * denominator;
    const scaled =
      denominator > 1 && fits ? await decodeScaledJpeg(bytes, header, denominator).catch(() => undefined) : undefined;
    if (scaled) return scaled;
  }
  const bitmap = await decodeFull(file, header);
  return {
    frame: { image: bitmap, width: bitmap.width, height: bitmap.height, owned: false },
    width: bitmap.width,
    height: bitmap.height,
    release: () => bitmap.close(),
  };
}

/**
 * Where the kernel cannot run: a JPEG decoded at 1/2, 1/4 or 1/8 scale in the DCT domain
 * (WebCodecs ImageDecoder), its stored pixels turned upright onto a canvas.
 */
async function decodeScaledJpeg(
  bytes: Uint8Array,
  header: ImageHeader,
  denominator: number,
): Promise<DecodedImage | undefined> {
  if (typeof ImageDecoder === 'undefined' || header.width === null || header.height === null) return undefined;
  const desiredWidth = Math.ceil(header.width / denominator);
  const desiredHeight = Math.ceil(header.height / denominator);
  const decoder = new ImageDecoder({ data: bytes, type: 'image/jpeg', desiredWidth, desiredHeight });
  try {
    const { image } = await decoder.decode();
    try {
      if (image.codedWidth < desiredWidth || image.codedHeight < desiredHeight) return undefined;
      if (!holdsStoredPixels(image, header.orientation)) return undefined;
      const pixels = new ImageData(image.codedWidth, image.codedHeight);
      await image.copyTo(pixels.data, { format: 'RGBA', colorSpace: 'srgb' });
      const frame = { ...uprightFrame(pixels, header.orientation), owned: false };
      return {
        frame,
        ...displayedSize(header)!,
        release: () => {
          if (frame.image instanceof OffscreenCanvas) frame.image.width = 0;
        },
      };
    } finally {
      image.close();
    }
  } finally {
    decoder.close();
  }
}

async function decodeFull(file: Blob, header: ImageHeader): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (error) {
    if (BROWSER_DEPENDENT.has(header.format)) {
      throw new ImageSpecError(
        'UNSUPPORTED_FORMAT',
        `unsupported format: this browser cannot decode ${header.format}`,
        {
          cause: error,
          details: { format: header.format },
        },
      );
    }
    throw new ImageSpecError('CORRUPT_IMAGE', `corrupt image: the ${header.format} data could not be decoded`, {
      cause: error,
      details: { format: header.format },
    });
  }
}
