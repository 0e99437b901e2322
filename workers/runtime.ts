import { decodeFraction, everySpecResamplesFirst } from '../src/shared/decode-plan.ts';
import { ImageSpecError, isImageSpecError } from '../src/shared/errors/imagespec-error.ts';
import type { ResolvedProcessor } from '../src/shared/processors/registry.ts';
import { displayedSize } from '../src/shared/header.ts';
import type { EncodedVariant } from '../src/shared/variant.ts';
import { sha256Hex } from '../src/shared/fingerprint.ts';
import { stripMetadata } from '../src/shared/metadata/strip-metadata.ts';
import { readBytes } from '../src/shared/read-file.ts';
import type {
  HashedFile,
  HashRequest,
  WorkerJob,
  WorkerJobResult,
  WorkerProgress,
} from '../src/shared/worker-protocol.ts';
import { unknownProcessors } from './custom-processors.ts';
import { DEFAULT_MAX_CANVAS_PIXELS, setMaxCanvasPixels } from './canvas-limit.ts';
import { decodeImage, type DecodeNeeds } from './decode.ts';
import { assertEncodable } from './encodable.ts';
import { encodeFrame } from './encode.ts';
import { assertWorkerEnvironment } from './environment.ts';
import { releaseFrame, type Frame } from './frame.ts';
import { smallerOfSource } from './keep-source.ts';
import { isOpaque } from './output-checks.ts';
import { runProcessor } from './processors/index.ts';
import { KernelFrame } from './resample/kernel-frame.ts';
import type { SourceInfo } from './processors/types.ts';
import { SharedPrefix, type RunSteps } from './shared-prefix.ts';

/** The file's name, for messages. */
const nameOf = (file: Blob) => (file instanceof File ? file.name : '');

/**
 * Hex SHA-256 of every byte of `file`, read here (hashing a camera photo would take the page's
 * thread 50–100 ms), and the bytes with `keepBytes`: the processing worker then need not read the
 * file again (two reads of each file held 50 MB more at the peak of a batch of twenty). With
 * `strip`, the original version without that metadata too: made from the bytes read here, not
 * from a second whole read and copy on the page.
 */
export async function hashFile(file: Blob, request: HashRequest): Promise<HashedFile> {
  const bytes = await readBytes(file, nameOf(file));
  const sha256 = await sha256Hex(bytes);
  const stripped = request.strip && (await strippedOriginal(bytes, request.strip));
  return { sha256, ...(request.keepBytes ? { bytes } : {}), ...(stripped ? { stripped } : {}) };
}

/** The original version rewritten without the metadata asked removed (lossless), and its hash. */
async function strippedOriginal(bytes: ArrayBuffer, { format, mode }: NonNullable<HashRequest['strip']>) {
  // Rewritten from an ArrayBuffer: never shared memory.
  const stripped = stripMetadata(new Uint8Array(bytes), format, mode) as Uint8Array<ArrayBuffer>;
  // A Blob crosses to the page by reference: its bytes are not copied on the page's thread.
  return { blob: new Blob([stripped], { type: format }), sha256: await sha256Hex(stripped) };
}

/**
 * One file: decode once (a JPEG only as large as its specs need), then each spec's processors
 * from that same image, then encode. Every intermediate canvas is released as soon as the next
 * one exists.
 */
export async function processJob(
  job: WorkerJob,
  onProgress: (progress: WorkerProgress) => void,
): Promise<WorkerJobResult> {
  assertWorkerEnvironment();
  for (const spec of job.specs) if (spec.format !== 'auto') await assertEncodable(spec.format, spec.name);
  const unknown = unknownProcessors(job.specs.flatMap((spec) => spec.processors));
  if (unknown.length > 0) {
    throw new ImageSpecError(
      'UNKNOWN_PROCESSOR',
      `unknown processor: "${unknown.join('", "')}" is not registered in this worker`,
      {
        details: { processor: unknown[0]! },
      },
    );
  }

  setMaxCanvasPixels(job.maxCanvasPixels ?? DEFAULT_MAX_CANVAS_PIXELS);
  onProgress({ stage: 'decode' });
  const bytes = job.bytes ?? (await readBytes(job.file, nameOf(job.file)));
  const decoded = await decodeImage(job.file, job.header, decodeNeeds(job), bytes);
  // The source's bytes again, for a variant the source itself may stand in for: those read above
  // unless the resample kernel's decoder took them (detached), else read once more, once.
  let sourceBytes: Promise<ArrayBuffer> | undefined;
  const readSource = () =>
    (sourceBytes ??= bytes.byteLength > 0 ? Promise.resolve(bytes) : readBytes(job.file, nameOf(job.file)));
  const source: SourceInfo = {
    ...job.header,
    orientedWidth: decoded.width,
    orientedHeight: decoded.height,
    bytes: job.file.size,
  };
  let opaque: boolean | undefined;
  // Pixels held in the resample kernel say so themselves: drawing them whole could pass the canvas limit.
  const sourceIsOpaque = () =>
    (opaque ??=
      decoded.frame instanceof KernelFrame
        ? decoded.frame.pixels.alpha !== 'straight'
        : isOpaque(decoded.frame.image, decoded.frame.width, decoded.frame.height));
  const runSteps =
    (spec: string): RunSteps =>
    (start, steps) =>
      runProcessors(start, steps, source, spec);
  const prefix = new SharedPrefix(job.specs);
  try {
    const variants: EncodedVariant[] = [];
    for (const [index, spec] of job.specs.entries()) {
      onProgress({ stage: 'process', spec: spec.name });
      const start = await prefix.start(index, spec.processors, decoded.frame, runSteps(spec.name));
      const frame = await runSteps(spec.name)(start.frame, start.steps);
      try {
        onProgress({ stage: 'encode', spec: spec.name });
        const encoded = await encodeFrame(frame, spec, job.header.format, sourceIsOpaque);
        // No processor touched the pixels and the format is the source's: the file itself may be sent.
        const untouched =
          spec.keepSmallerSource &&
          frame === decoded.frame &&
          encoded.width === decoded.width &&
          encoded.height === decoded.height &&
          encoded.blob.type === job.header.format;
        const variant: EncodedVariant = {
          name: spec.name,
          blob: encoded.blob,
          width: encoded.width,
          height: encoded.height,
          type: encoded.blob.type,
          ...(encoded.quality === null ? {} : { quality: encoded.quality }),
          ...(encoded.placeholder ? { placeholder: encoded.placeholder } : {}),
        };
        variants.push(untouched ? smallerOfSource(await readSource(), job.header.format, variant) : variant);
      } finally {
        releaseFrame(frame);
      }
    }
    return { width: decoded.width, height: decoded.height, variants };
  } finally {
    prefix.release();
    decoded.release();
  }
}

/**
 * Runs processors in order, releasing each intermediate frame once the next exists. `start` is
 * never owned (the decoded image, or a prefix other specs share), so it is never released here.
 */
async function runProcessors(
  start: Frame,
  steps: readonly ResolvedProcessor[],
  source: SourceInfo,
  spec: string,
): Promise<Frame> {
  let frame = start;
  try {
    for (const processor of steps) {
      const next = await runBuiltIn(frame, processor, source, spec);
      // Only an owned frame is released (asking a shared KernelFrame for its image would draw it whole).
      if (frame.owned && next.image !== frame.image) releaseFrame(frame);
      frame = next;
    }
    return frame;
  } catch (error) {
    releaseFrame(frame);
    throw error;
  }
}

/** How much of the image the specs need, from the header's declared size (all of it when unknown). */
function decodeNeeds({ header, specs }: WorkerJob): DecodeNeeds {
  const full = displayedSize(header);
  const firstSteps = specs.map((spec) => spec.processors[0]);
  return { fraction: full ? decodeFraction(firstSteps, full) : 1, resamplesFirst: everySpecResamplesFirst(firstSteps) };
}

/** Runs one processor; anything it throws that is not already typed becomes `PROCESSOR_FAILED`. */
async function runBuiltIn(
  frame: Frame,
  processor: ResolvedProcessor,
  source: SourceInfo,
  spec: string,
): Promise<Frame> {
  try {
    return await runProcessor(frame, processor, source);
  } catch (error) {
    if (isImageSpecError(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ImageSpecError('PROCESSOR_FAILED', `processor "${processor.op}" failed in spec "${spec}": ${message}`, {
      cause: error,
      details: { processor: processor.op, spec },
    });
  }
}
