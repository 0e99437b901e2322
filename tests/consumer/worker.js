// The site's worker: imagespec's worker runtime plus the example's black-and-white processor.
import { exposeWorker, registerPixelProcessor } from '/vendor/imagespec/worker.js';

registerPixelProcessor('toBW', ({ pixels }) => {
  const data = pixels.data;
  for (let i = 0; i < data.length; i += 4) {
    data[i] = data[i + 1] = data[i + 2] = Math.round(0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]);
  }
});

exposeWorker();
