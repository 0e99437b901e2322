import type { ProcessingStage } from '../shared/worker-protocol.ts';

export interface ProcessProgress {
  /** The file's name, when it has one. */
  file: string;
  stage: ProcessingStage;
  /** The spec being processed or encoded. */
  spec?: string;
  /** Specs finished so far, of `total`. */
  completed: number;
  total: number;
}

/** Turns the worker's stage reports into `ProcessProgress`, counting the specs finished. */
export function progressReporter(
  file: string,
  total: number,
  onProgress: ((progress: ProcessProgress) => void) | undefined,
) {
  let completed = 0;
  return ({ stage, spec }: { stage: ProcessingStage; spec?: string }) => {
    if (stage === 'encode' && spec !== undefined) completed++;
    onProgress?.({
      file,
      stage,
      completed: stage === 'done' ? total : completed,
      total,
      ...(spec === undefined ? {} : { spec }),
    });
  };
}
