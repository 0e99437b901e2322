// A site's own worker, as the README shows it: imagespec's runtime plus the example's custom
// black-and-white processor, and misbehaving processors for the failure tests.
import { toBW } from '../../demo/to-bw.ts';
import { exposeWorker, registerCanvasProcessor, registerPixelProcessor } from '../../workers/index.ts';
import { letReadsBeHeld } from './held-reads.ts';

// The cache tests' slow disk reaches the worker's reads too.
letReadsBeHeld();

registerPixelProcessor('toBW', toBW);

// Fills the canvas with options.color; pixel (0, 0) records what it knew of the source:
// red 1 for a JPEG, green the source's displayed width.
registerCanvasProcessor('fill', ({ canvas, options, source }) => {
  const context = canvas.getContext('2d')!;
  context.fillStyle = String(options['color']);
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = `rgb(${source.format === 'image/jpeg' ? 1 : 0}, ${source.orientedWidth}, 0)`;
  context.fillRect(0, 0, 1, 1);
});

// What a canvas past a browser's memory limit gives: the right size, nothing drawn.
registerCanvasProcessor('blank', ({ canvas }) => {
  const blank = new OffscreenCanvas(canvas.width, canvas.height);
  blank.getContext('2d');
  return blank;
});

// Paints the left half a shade of red that changes on every call: two outputs of one shade came
// from one run of it.
let stamps = 0;
registerCanvasProcessor('stamp', ({ canvas }) => {
  const context = canvas.getContext('2d')!;
  context.fillStyle = `rgb(${(++stamps * 40) % 256}, 0, 0)`;
  context.fillRect(0, 0, Math.ceil(canvas.width / 2), canvas.height);
});

registerCanvasProcessor('throws', () => {
  throw new Error('this processor always fails');
});

// A canvas with no pixels, which no browser encodes: the ENCODE_FAILED test.
registerCanvasProcessor('empty', () => new OffscreenCanvas(0, 0));

registerCanvasProcessor('dies', () => {
  self.close();
  return new Promise<void>(() => {});
});

exposeWorker();
