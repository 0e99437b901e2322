// The checks on what the encoder returns: the type asked for (Safari answers a WebP request with
// PNG), and not blank where the source was not (a canvas past a browser's memory limit draws and
// encodes nothing, with no error).
import { ImageSpecError } from '../src/shared/errors/imagespec-error.ts';
import { sniffFormat } from '../src/shared/header.ts';
import { context2d } from './frame.ts';

const SAMPLE = 32;

/** Nearest-neighbour samples of an image on a SAMPLE x SAMPLE grid. */
function sample(image: CanvasImageSource, width: number, height: number): Uint8ClampedArray {
  const canvas = new OffscreenCanvas(Math.min(SAMPLE, width), Math.min(SAMPLE, height));
  const context = context2d(canvas, true);
  context.imageSmoothingEnabled = false;
  context.drawImage(image, 0, 0, width, height, 0, 0, canvas.width, canvas.height);
  return context.getImageData(0, 0, canvas.width, canvas.height).data;
}

function allSame(data: Uint8ClampedArray): boolean {
  for (let i = 4; i < data.length; i += 4) {
    if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2] || data[i + 3] !== data[3])
      return false;
  }
  return true;
}

// Lossy encoders may round an almost transparent pixel to fully transparent, or shift a colour by
// a few levels: an encoded image counts as blank only when it is that far from what was drawn.
const TOLERANCE = 16;

/** The largest difference between two samples of one size, colours weighted by their alpha. */
function largestDifference(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let largest = 0;
  for (let i = 0; i < a.length; i += 4) {
    const alphaA = a[i + 3]! / 255;
    const alphaB = b[i + 3]! / 255;
    largest = Math.max(largest, Math.abs(a[i + 3]! - b[i + 3]!));
    for (let c = 0; c < 3; c++) largest = Math.max(largest, Math.abs(a[i + c]! * alphaA - b[i + c]! * alphaB));
  }
  return largest;
}

/** Whether `test` holds for a sample of the image (almost always enough to say no), then for every pixel. */
function holdsForEveryPixel(
  image: CanvasImageSource,
  width: number,
  height: number,
  test: (data: Uint8ClampedArray) => boolean,
): boolean {
  if (!test(sample(image, width, height))) return false;
  const canvas = new OffscreenCanvas(width, height);
  const context = context2d(canvas, true);
  context.drawImage(image, 0, 0);
  return test(context.getImageData(0, 0, width, height).data);
}

/** Refuses a blob of another type than asked, by its declared type and by its magic bytes. */
export async function checkEncodedType(blob: Blob, type: string, spec: string): Promise<void> {
  const sniffed = sniffFormat(new Uint8Array(await blob.slice(0, 64).arrayBuffer()));
  if (blob.type !== type || sniffed !== type) {
    throw new ImageSpecError(
      'ENCODE_FAILED',
      `encode failed: asked for ${type}, the browser produced ${blob.type || 'nothing'} (${sniffed ?? 'unknown'} data)`,
      { details: { spec, format: type } },
    );
  }
}

/** True when nothing was drawn: every pixel transparent black, as a canvas past the memory limit stays. */
function isEmpty(canvas: OffscreenCanvas): boolean {
  return holdsForEveryPixel(canvas, canvas.width, canvas.height, (data) => data.every((value) => value === 0));
}

/**
 * More bytes than any encoding of one colour takes: half a bit per pixel, plus headers. One colour
 * needs about 0.05 (JPEG), 0.12 (PNG) and 0.015 (WebP) bits per pixel, so a larger file holds more
 * than one and need not be decoded, which costs about as much as the encode did.
 */
function mostBytesOfOneColour(canvas: OffscreenCanvas): number {
  return 4096 + (canvas.width * canvas.height) / 16;
}

/**
 * Refuses an output where nothing was drawn from a source with no transparent pixel, and an
 * encoded image of one colour from a canvas of many. (A crop of a transparent area or of a
 * clear sky may rightly come out of one colour; an opaque source cannot turn transparent by
 * moving its pixels.)
 */
export async function checkNotBlank(
  canvas: OffscreenCanvas,
  blob: Blob,
  spec: string,
  type: string,
  sourceIsOpaque: () => boolean,
): Promise<void> {
  const blank = (what: string) =>
    new ImageSpecError('ENCODE_FAILED', `encode failed: spec "${spec}" came out blank: ${what}`, {
      details: { spec, format: type },
    });
  if (isEmpty(canvas) && sourceIsOpaque()) throw blank('nothing drawn from an opaque source');
  if (blob.size > mostBytesOfOneColour(canvas)) return;
  const decoded = await createImageBitmap(blob);
  try {
    const encoded = sample(decoded, decoded.width, decoded.height);
    if (allSame(encoded) && largestDifference(encoded, sample(canvas, canvas.width, canvas.height)) > TOLERANCE) {
      throw blank(`the ${type} encoder returned one colour from a canvas of many`);
    }
  } finally {
    decoded.close();
  }
}

/** True when no pixel is transparent. */
export function isOpaque(image: CanvasImageSource, width: number, height: number): boolean {
  return holdsForEveryPixel(image, width, height, (data) => {
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return false;
    return true;
  });
}
