export { exposeWorker } from './expose-worker.ts';
export { registerCanvasProcessor, registerPixelProcessor } from './custom-processors.ts';
export type {
  CanvasProcessor,
  CanvasProcessorInput,
  PixelProcessor,
  PixelProcessorInput,
  SourceInfo,
} from './custom-processors.ts';
export type { ImageHeader, SourceFormat } from '../src/shared/header.ts';
export type { JsonValue } from '../src/shared/processors/custom.ts';
