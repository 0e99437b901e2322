// A site's own worker, as the README shows it: imagespec's runtime plus the example's custom
// black-and-white processor, and two misbehaving processors for the failure tests.
import { exposeWorker, registerCanvasProcessor, registerPixelProcessor } from '../../workers/index.ts';

registerPixelProcessor('toBW', ({ pixels }) => {
  const data = pixels.data;
  for (let i = 0; i < data.length; i += 4) {
    const grey = Math.round(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!);
    data[i] = data[i + 1] = data[i + 2] = grey;
  }
});

// Fills the canvas with options.color; pixel (0, 0) records what it knew of the source:
// red 1 for a JPEG, green the source's displayed width.
registerCanvasProcessor('fill', ({ canvas, options, source }) => {
  const context = canvas.getContext('2d')!;
  context.fillStyle = String(options['color']);
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = `rgb(${source.format === 'image/jpeg' ? 1 : 0}, ${source.orientedWidth}, 0)`;
  context.fillRect(0, 0, 1, 1);
});

registerCanvasProcessor('throws', () => {
  throw new Error('this processor always fails');
});

registerCanvasProcessor('dies', () => {
  self.close();
  return new Promise<void>(() => {});
});

exposeWorker();
