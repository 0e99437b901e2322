import type { ResolvedProcessor } from '../../src/shared/processors/registry.ts';
import { runCustom } from '../custom-processors.ts';
import type { Frame } from '../frame.ts';
import { runAdjust } from './adjust.ts';
import { runCrop } from './crop.ts';
import { runGrayscale } from './grayscale.ts';
import { runResize } from './resize.ts';
import { runResizeToCover } from './resize-to-cover.ts';
import { runResizeToFill } from './resize-to-fill.ts';
import { runResizeToFit } from './resize-to-fit.ts';
import { runTranspose } from './transpose.ts';
import type { SourceInfo } from './types.ts';

/** Runs one processor of a spec on the frame. */
export function runProcessor(frame: Frame, processor: ResolvedProcessor, source: SourceInfo): Frame | Promise<Frame> {
  switch (processor.op) {
    case 'resize':
      return runResize(frame, processor, source);
    case 'resizeToFit':
      return runResizeToFit(frame, processor, source);
    case 'resizeToFill':
      return runResizeToFill(frame, processor, source);
    case 'resizeToCover':
      return runResizeToCover(frame, processor, source);
    case 'crop':
      return runCrop(frame, processor, source);
    case 'adjust':
      return runAdjust(frame, processor, source);
    case 'grayscale':
      return runGrayscale(frame, processor, source);
    case 'transpose':
      return runTranspose(frame, processor, source);
    case 'custom':
      return runCustom(frame, processor, source);
  }
}
