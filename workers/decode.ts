import { ImageSpecError } from '../src/shared/errors/imagespec-error.ts';
import { jpegDenominator } from '../src/shared/decode-plan.ts';
import { displayedSize, isTruncated, type ImageHeader, type SourceFormat } from '../src/shared/header.ts';
import type { Frame } from './frame.ts';
import { uprightFrame } from './orient.ts';

/** Formats some browsers decode and others do not: a decode failure means "unsupported here". */
const BROWSER_DEPENDENT: ReadonlySet<SourceFormat> = new Set(['image/heic', 'image/jxl', 'image/tiff']);

/** The pixels every spec of a file starts from, and the image's real size. */
export interface DecodedImage {
  /** The whole image, upright; smaller than `width` x `height` when decoded at a reduced scale. */
  frame: Frame;
  /** The image's full size after EXIF orientation. */
  width: number;
  height: number;
}

/**
 * Decodes the file once, EXIF orientation applied, keeping at least `fraction` of its pixels
 * (see `decodeFraction`). A file whose data visibly ends early is refused before decoding: some
 * browsers would paint the missing part grey and succeed.
 */
export async function decodeImage(file: Blob, header: ImageHeader, fraction: number): Promise<DecodedImage> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isTruncated(bytes, header.format)) {
    throw new ImageSpecError('CORRUPT_IMAGE', `corrupt image: the ${header.format} data ends early (truncated file)`, {
      details: { format: header.format },
    });
  }
  const denominator = header.format === 'image/jpeg' ? jpegDenominator(fraction) : 1;
  // Any trouble on the fast path (no ImageDecoder, an odd JPEG) leaves the file to the full decode,
  // which reports real errors with their codes.
  const scaled =
    denominator > 1 ? await decodeScaledJpeg(bytes, header, denominator).catch(() => undefined) : undefined;
  if (scaled) return scaled;
  const bitmap = await decodeFull(file, header);
  return {
    frame: { image: bitmap, width: bitmap.width, height: bitmap.height, owned: false },
    width: bitmap.width,
    height: bitmap.height,
  };
}

/**
 * Whether a decoded frame holds the pixels as stored, its EXIF orientation still to be applied.
 * Chromium leaves them so and says so (VideoFrame `rotation`/`flip`); Firefox (153) turns them
 * upright itself, says nothing, and fits the upright image into the desired size, stretched. A
 * frame that does not state a pending turn for a turned image is left to the full decode.
 */
function holdsStoredPixels(image: VideoFrame, orientation: number): boolean {
  if (orientation <= 1) return true;
  const { rotation, flip } = image as { rotation?: unknown; flip?: unknown };
  return typeof rotation === 'number' && (rotation !== 0 || flip === true);
}

/**
 * A JPEG decoded at 1/2, 1/4 or 1/8 scale in the DCT domain (WebCodecs ImageDecoder): about half
 * the time of a full decode and a fraction of its memory. The frame's own rotation handling
 * differs between pixel formats, so its stored pixels are read and turned upright here.
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
      return { frame: { ...uprightFrame(pixels, header.orientation), owned: false }, ...displayedSize(header)! };
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
