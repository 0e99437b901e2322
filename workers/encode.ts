import { ImageSpecError } from '../src/shared/errors/imagespec-error.ts';
import type { SourceFormat } from '../src/shared/header.ts';
import type { OutputFormat, ResolvedImageSpec } from '../src/shared/specs.ts';
import { context2d, ownedCanvas, readPixels, type Frame } from './frame.ts';

const ENCODABLE: ReadonlySet<string> = new Set<OutputFormat>(['image/jpeg', 'image/png', 'image/webp']);
const MAY_HAVE_ALPHA: ReadonlySet<SourceFormat> = new Set([
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
  'image/heic',
  'image/jxl',
  'image/tiff',
  'image/bmp',
]);

function hasTransparency(canvas: OffscreenCanvas): boolean {
  const { data } = readPixels(canvas);
  for (let index = 3; index < data.length; index += 4) if (data[index]! < 255) return true;
  return false;
}

/** The spec's format, or the source's where the browser can encode it, else PNG or JPEG by transparency. */
function chooseFormat(spec: ResolvedImageSpec, source: SourceFormat, canvas: OffscreenCanvas): OutputFormat {
  if (spec.format !== 'auto') return spec.format;
  if (ENCODABLE.has(source)) return source as OutputFormat;
  return hasTransparency(canvas) ? 'image/png' : 'image/jpeg';
}

/** JPEG has no alpha and the encoder would turn transparent pixels black: flatten onto the background. */
function flatten(canvas: OffscreenCanvas, background: string): OffscreenCanvas {
  const flat = new OffscreenCanvas(canvas.width, canvas.height);
  const context = context2d(flat);
  context.fillStyle = background;
  context.fillRect(0, 0, flat.width, flat.height);
  context.drawImage(canvas, 0, 0);
  return flat;
}

/** Encodes the frame, and checks that the browser produced the type asked for. */
export async function encodeFrame(frame: Frame, spec: ResolvedImageSpec, source: SourceFormat): Promise<Blob> {
  let canvas = ownedCanvas(frame);
  const type = chooseFormat(spec, source, canvas);
  if (type === 'image/jpeg' && MAY_HAVE_ALPHA.has(source)) canvas = flatten(canvas, spec.background);
  let blob: Blob;
  try {
    blob = await canvas.convertToBlob({ type, quality: spec.quality });
  } catch (error) {
    throw new ImageSpecError(
      'ENCODE_FAILED',
      `encode failed: ${type} for spec "${spec.name}": ${(error as Error)?.message ?? String(error)}`,
      {
        cause: error,
        details: { spec: spec.name, format: type },
      },
    );
  } finally {
    if (canvas !== frame.image) canvas.width = 0;
  }
  if (blob.type !== type) {
    throw new ImageSpecError(
      'ENCODE_FAILED',
      `encode failed: asked for ${type}, the browser produced ${blob.type || 'nothing'}`,
      {
        details: { spec: spec.name, format: type },
      },
    );
  }
  return blob;
}
