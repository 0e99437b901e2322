import { ImageSpecError, isImageSpecError } from '../src/shared/errors/imagespec-error.ts';
import type { JsonValue } from '../src/shared/processors/custom.ts';
import type { ResolvedProcessor } from '../src/shared/processors/registry.ts';
import type { ResolvedCustom } from '../src/shared/processors/custom.ts';
import { canvasFrame, context2d, ownedCanvas, readPixels, type Frame } from './frame.ts';
import type { SourceInfo } from './processors/types.ts';

export type { SourceInfo };

export interface CanvasProcessorInput {
  /** A canvas holding the image so far. Draw on it in place, or return a new canvas. */
  canvas: OffscreenCanvas;
  /** The options given to `custom(name, options)` on the page. */
  options: { readonly [key: string]: JsonValue };
  /** The file being processed: format, sizes, EXIF orientation. */
  source: SourceInfo;
}

/** A processor that works on a canvas. */
export type CanvasProcessor = (input: CanvasProcessorInput) => OffscreenCanvas | void | Promise<OffscreenCanvas | void>;

export interface PixelProcessorInput {
  /** The image so far as un-premultiplied RGBA. Change `pixels.data` in place, or return new ImageData. */
  pixels: ImageData;
  options: { readonly [key: string]: JsonValue };
  source: SourceInfo;
}

/** A processor that works on RGBA pixels. */
export type PixelProcessor = (input: PixelProcessorInput) => ImageData | void | Promise<ImageData | void>;

type Run = (frame: Frame, options: CanvasProcessorInput['options'], source: SourceInfo) => Promise<Frame>;
const registry = new Map<string, Run>();

function register(name: string, run: Run): void {
  if (typeof name !== 'string' || name.trim() === '') throw new TypeError('a custom processor needs a name');
  if (registry.has(name)) throw new TypeError(`custom processor already registered: "${name}"`);
  registry.set(name, run);
}

/**
 * Registers a processor that draws on an OffscreenCanvas, for specs that say `custom(name)`.
 * Call it in your worker module before `exposeWorker()`.
 *
 * @example
 * registerCanvasProcessor('watermark', ({ canvas, options }) => {
 *   canvas.getContext('2d')!.fillText(String(options.text), 10, 20);
 * });
 */
export function registerCanvasProcessor(name: string, processor: CanvasProcessor): void {
  register(name, async (frame, options, source) => {
    const canvas = ownedCanvas(frame);
    const returned = await processor({ canvas, options, source });
    return canvasFrame(returned ?? canvas);
  });
}

/**
 * Registers a processor over RGBA pixels, for specs that say `custom(name)`.
 * Call it in your worker module before `exposeWorker()`.
 *
 * @example
 * registerPixelProcessor('toBW', ({ pixels }) => {
 *   const d = pixels.data;
 *   for (let i = 0; i < d.length; i += 4) d[i] = d[i + 1] = d[i + 2] = (d[i] * 299 + d[i + 1] * 587 + d[i + 2] * 114) / 1000;
 * });
 */
export function registerPixelProcessor(name: string, processor: PixelProcessor): void {
  register(name, async (frame, options, source) => {
    const canvas = ownedCanvas(frame);
    const pixels = readPixels(canvas);
    const returned = (await processor({ pixels, options, source })) ?? pixels;
    if (returned.width !== canvas.width || returned.height !== canvas.height) {
      canvas.width = returned.width;
      canvas.height = returned.height;
    }
    context2d(canvas).putImageData(returned, 0, 0);
    return canvasFrame(canvas);
  });
}

/** The names a spec asks for that this worker does not know. */
export function unknownProcessors(processors: readonly ResolvedProcessor[]): string[] {
  const names = processors.flatMap((processor) => (processor.op === 'custom' ? [processor.name] : []));
  return [...new Set(names)].filter((name) => !registry.has(name));
}

export async function runCustom(frame: Frame, processor: ResolvedCustom, source: SourceInfo): Promise<Frame> {
  const run = registry.get(processor.name);
  if (!run) throw new ImageSpecError('UNKNOWN_PROCESSOR', `unknown processor: "${processor.name}"`);
  try {
    return await run(frame, processor.options, source);
  } catch (error) {
    if (isImageSpecError(error)) throw error;
    throw new ImageSpecError(
      'PROCESSOR_FAILED',
      `custom processor "${processor.name}" failed: ${(error as Error)?.message ?? String(error)}`,
      {
        cause: error,
        details: { processor: processor.name },
      },
    );
  }
}
