import { ImageSpecError } from '../src/errors.ts';
import type { EncodedVariant, WorkerJob, WorkerJobResult, WorkerProgress } from '../src/worker-protocol.ts';
import { unknownProcessors } from './custom-processors.ts';
import { decodeImage } from './decode.ts';
import { encodeFrame } from './encode.ts';
import { releaseFrame, type Frame } from './frame.ts';
import { runProcessor } from './processors/index.ts';
import type { SourceInfo } from './processors/types.ts';

/**
 * One file: decode once, then each spec's processors from that same bitmap, then encode.
 * Every intermediate canvas is released as soon as the next one exists.
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
  const bitmap = await decodeImage(job.file, job.header);
  const source: SourceInfo = {
    ...job.header,
    orientedWidth: bitmap.width,
    orientedHeight: bitmap.height,
    bytes: job.file.size,
  };
  try {
    const variants: EncodedVariant[] = [];
    for (const spec of job.specs) {
      onProgress({ stage: 'process', spec: spec.name });
      let frame: Frame = { image: bitmap, width: bitmap.width, height: bitmap.height, owned: false };
      try {
        for (const processor of spec.processors) {
          const next = await runProcessor(frame, processor, source);
          if (next.image !== frame.image) releaseFrame(frame);
          frame = next;
        }
        onProgress({ stage: 'encode', spec: spec.name });
        const blob = await encodeFrame(frame, spec, job.header.format);
        variants.push({ name: spec.name, blob, width: frame.width, height: frame.height, type: blob.type });
      } finally {
        releaseFrame(frame);
      }
    }
    return { width: bitmap.width, height: bitmap.height, variants };
  } finally {
    bitmap.close();
  }
}
