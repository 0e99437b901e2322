// The contenders, in the order the table lists them. The floor comes first: every ratio is to it.
import type { Contender } from '../pages/types.ts';
import { browserImageCompressionContender } from './browser-image-compression.ts';
import { canvasContender } from './canvas.ts';
import { compressorjsContender } from './compressorjs.ts';
import { createImageBitmapContender } from './create-image-bitmap.ts';
import { floorContender } from './floor.ts';
import { imageBlobReduceContender } from './image-blob-reduce.ts';
import { imagespecContender } from './imagespec.ts';
import { picaWorkerContender } from './pica-worker.ts';

export const CONTENDERS: Record<string, () => Contender> = {
  floor: floorContender,
  imagespec: () => imagespecContender(),
  'pica-worker': picaWorkerContender,
  canvas: canvasContender,
  'create-image-bitmap': createImageBitmapContender,
  'bic-worker': () => browserImageCompressionContender(true),
  'bic-main': () => browserImageCompressionContender(false),
  compressorjs: compressorjsContender,
  'image-blob-reduce': imageBlobReduceContender,
  // Not in the table: imagespec with every stage timed, for the anatomy of its runs.
  'imagespec-instrumented': () => imagespecContender({ instrumented: true }),
};
