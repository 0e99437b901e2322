import { decodeFraction } from '../src/shared/decode-plan.ts';
import { ImageSpecError, isImageSpecError } from '../src/shared/errors/imagespec-error.ts';
import type { ResolvedProcessor } from '../src/shared/processors/registry.ts';
import { displayedSize } from '../src/shared/header.ts';
import type { EncodedVariant } from '../src/shared/variant.ts';
import type { WorkerJob, WorkerJobResult, WorkerProgress } from '../src/shared/worker-protocol.ts';
import { unknownProcessors } from './custom-processors.ts';
import { decodeImage } from './decode.ts';
import { encodeFrame } from './encode.ts';
import { releaseFrame, type Frame } from './frame.ts';
import { isOpaque } from './output-checks.ts';
import { runProcessor } from './processors/index.ts';
import type { SourceInfo } from './processors/types.ts';

/**
 * One file: decode once (a JPEG only as large as its specs need), then each spec's processors
 * from that same image, then encode. Every intermediate canvas is released as soon as the next
 * one exists.
 */
export async function processJob(
  job: WorkerJob,
  onProgress: (progress: WorkerProgress) => void,
): Promise<WorkerJobResult> {
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

  onProgress({ stage: 'decode' });
  const decoded = await decodeImage(job.file, job.header, decodeFractionFor(job));
  const source: SourceInfo = {
    ...job.header,
    orientedWidth: decoded.width,
    orientedHeight: decoded.height,
    bytes: job.file.size,
  };
  let opaque: boolean | undefined;
  const sourceIsOpaque = () => (opaque ??= isOpaque(decoded.frame.image, decoded.frame.width, decoded.frame.height));
  try {
    const variants: EncodedVariant[] = [];
    for (const spec of job.specs) {
      onProgress({ stage: 'process', spec: spec.name });
      let frame: Frame = decoded.frame;
      try {
        for (const processor of spec.processors) {
          const next = await runBuiltIn(frame, processor, source, spec.name);
          if (next.image !== frame.image) releaseFrame(frame);
          frame = next;
        }
        onProgress({ stage: 'encode', spec: spec.name });
        const encoded = await encodeFrame(frame, spec, job.header.format, sourceIsOpaque);
        variants.push({
          name: spec.name,
          blob: encoded.blob,
          width: encoded.width,
          height: encoded.height,
          type: encoded.blob.type,
          ...(encoded.quality === null ? {} : { quality: encoded.quality }),
        });
      } finally {
        releaseFrame(frame);
      }
    }
    return { width: decoded.width, height: decoded.height, variants };
  } finally {
    releaseFrame({ ...decoded.frame, owned: true });
  }
}

/** How much of the image the specs need, from the header's declared size (1 when unknown). */
function decodeFractionFor({ header, specs }: WorkerJob): number {
  const full = displayedSize(header);
  if (!full) return 1;
  return decodeFraction(
    specs.map((spec) => spec.processors[0]),
    full,
  );
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
