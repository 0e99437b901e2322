import { qualitySteps, shrinkFactor } from '../src/shared/byte-target.ts';
import { ImageSpecError } from '../src/shared/errors/imagespec-error.ts';
import type { SourceFormat } from '../src/shared/header.ts';
import type { ResolvedProcessor } from '../src/shared/processors/registry.ts';
import type { OutputFormat, ResolvedImageSpec } from '../src/shared/specs.ts';
import { canvasFrame, context2d, ownedCanvas, readPixels, releaseFrame, type Frame } from './frame.ts';
import { checkEncodedType, checkNotBlank } from './output-checks.ts';
import { fullRect, resample } from './resample.ts';

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

export interface EncodedFrame {
  blob: Blob;
  width: number;
  height: number;
  /** The encoder quality used; null for PNG. */
  quality: number | null;
}

/** Times `shrinkToFit` may shrink before giving up. */
const MAX_SHRINKS = 4;

async function encodeAt(canvas: OffscreenCanvas, type: OutputFormat, quality: number, spec: string): Promise<Blob> {
  try {
    return await canvas.convertToBlob({ type, quality });
  } catch (error) {
    throw new ImageSpecError(
      'ENCODE_FAILED',
      `encode failed: ${type} for spec "${spec}": ${(error as Error)?.message ?? String(error)}`,
      { cause: error, details: { spec, format: type } },
    );
  }
}

/**
 * The highest quality step whose encoding fits `maxBytes` (binary search between a top that does
 * not fit and a bottom that does), or the smallest size seen when none fits.
 */
async function searchQuality(
  canvas: OffscreenCanvas,
  type: OutputFormat,
  spec: ResolvedImageSpec,
): Promise<{ blob: Blob; quality: number } | { smallest: number }> {
  const steps = type === 'image/png' ? [spec.quality] : qualitySteps(spec.quality, spec.minQuality);
  const encode = (index: number) => encodeAt(canvas, type, steps[index]!, spec.name);
  const top = await encode(0);
  if (spec.maxBytes === null || top.size <= spec.maxBytes) return { blob: top, quality: steps[0]! };
  if (steps.length === 1) return { smallest: top.size };
  let fits = steps.length - 1;
  let best = await encode(fits);
  if (best.size > spec.maxBytes) return { smallest: best.size };
  let over = 0;
  while (fits - over > 1) {
    const middle = (over + fits) >> 1;
    const blob = await encode(middle);
    if (blob.size <= spec.maxBytes) {
      fits = middle;
      best = blob;
    } else {
      over = middle;
    }
  }
  return { blob: best, quality: steps[fits]! };
}

/**
 * Encodes the canvas at the spec's quality, or at the highest quality step that fits `maxBytes`;
 * with `shrinkToFit`, smaller sizes when even the lowest quality does not fit.
 */
async function encodeWithinBudget(
  canvas: OffscreenCanvas,
  type: OutputFormat,
  spec: ResolvedImageSpec,
): Promise<EncodedFrame> {
  let current = canvas;
  try {
    for (let shrinks = 0; ; shrinks++) {
      const found = await searchQuality(current, type, spec);
      if ('blob' in found) {
        return {
          blob: found.blob,
          width: current.width,
          height: current.height,
          quality: type === 'image/png' ? null : found.quality,
        };
      }
      const factor = shrinkFactor(found.smallest, spec.maxBytes!);
      const size = { width: Math.round(current.width * factor), height: Math.round(current.height * factor) };
      if (!spec.shrinkToFit || shrinks === MAX_SHRINKS || size.width < 1 || size.height < 1) {
        throw new ImageSpecError(
          'TOO_BIG_FOR_TARGET',
          `too big for target: spec "${spec.name}" is ${found.smallest} bytes at its lowest quality, over maxBytes ${spec.maxBytes}`,
          { details: { spec: spec.name, maxBytes: spec.maxBytes!, bytes: found.smallest } },
        );
      }
      const source = canvasFrame(current);
      const smaller = await resample(source, fullRect(source), size);
      if (current !== canvas) releaseFrame(source);
      current = smaller.image as OffscreenCanvas;
    }
  } finally {
    if (current !== canvas) current.width = 0;
  }
}

/**
 * Encodes the frame (within the spec's byte target), then checks what came out: the type asked
 * for, and not blank (see checkNotBlank; `sourceIsOpaque` is asked only when nothing was drawn).
 */
export async function encodeFrame(
  frame: Frame,
  spec: ResolvedImageSpec,
  source: SourceFormat,
  sourceIsOpaque: () => boolean,
): Promise<EncodedFrame> {
  let canvas = ownedCanvas(frame);
  const type = chooseFormat(spec, source, canvas);
  if (type === 'image/jpeg' && MAY_HAVE_ALPHA.has(source)) canvas = flatten(canvas, spec.background);
  try {
    const encoded = await encodeWithinBudget(canvas, type, spec);
    await checkEncodedType(encoded.blob, type, spec.name);
    if (spec.processors.every((processor) => MOVES_PIXELS_ONLY.has(processor.op))) {
      await checkNotBlank(canvas, encoded.blob, spec.name, type, sourceIsOpaque);
    }
    return encoded;
  } finally {
    if (canvas !== frame.image) canvas.width = 0;
  }
}

/**
 * Processors that only move, scale or pad pixels (and custom code, which is not trusted to): a
 * empty output from an opaque source means the browser failed. The others (tints, opacity,
 * blur, adjustments) may rightly flatten an image.
 */
const MOVES_PIXELS_ONLY: ReadonlySet<ResolvedProcessor['op']> = new Set([
  'resize',
  'resizeToFit',
  'resizeToFill',
  'resizeToCover',
  'smartResize',
  'smartCrop',
  'crop',
  'transpose',
  'custom',
]);
