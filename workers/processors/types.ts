import type { ImageHeader } from '../../src/shared/header.ts';
import type { ResolvedProcessor } from '../../src/shared/processors/registry.ts';
import type { Frame } from '../frame.ts';

/** What every processor may know about the file it is working on. */
export interface SourceInfo extends ImageHeader {
  /** Size after EXIF orientation: the size the processors start from. */
  orientedWidth: number;
  orientedHeight: number;
  /** Size of the file in bytes. */
  bytes: number;
}

/** A built-in processor: takes the frame, returns the next one. */
export type ProcessorRun<P extends ResolvedProcessor> = (
  frame: Frame,
  processor: P,
  source: SourceInfo,
) => Frame | Promise<Frame>;
