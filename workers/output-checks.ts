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

/** True when every pixel has one colour: a sample first (almost always enough), then every pixel. */
export function isUniform(image: CanvasImageSource, width: number, height: number): boolean {
  if (!allSame(sample(image, width, height))) return false;
  const canvas = new OffscreenCanvas(width, height);
  const context = context2d(canvas, true);
  context.drawImage(image, 0, 0);
  return allSame(context.getImageData(0, 0, width, height).data);
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

/** Refuses an output of one colour (before or after encoding) when the source had more. */
export async function checkNotBlank(canvas: OffscreenCanvas, blob: Blob, spec: string, type: string): Promise<void> {
  const blank = () =>
    new ImageSpecError(
      'ENCODE_FAILED',
      `encode failed: spec "${spec}" came out blank (one colour) from a source that is not`,
      {
        details: { spec, format: type },
      },
    );
  if (isUniform(canvas, canvas.width, canvas.height)) throw blank();
  const decoded = await createImageBitmap(blob);
  try {
    if (
      allSame(sample(decoded, decoded.width, decoded.height)) &&
      !allSame(sample(canvas, canvas.width, canvas.height))
    ) {
      throw blank();
    }
  } finally {
    decoded.close();
  }
}
