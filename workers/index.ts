export { exposeWorker } from './expose-worker.ts';
export { registerCanvasProcessor, registerPixelProcessor } from './custom-processors.ts';
export type {
  CanvasProcessor,
  CanvasProcessorInput,
  PixelProcessor,
  PixelProcessorInput,
  SourceInfo,
} from './custom-processors.ts';
