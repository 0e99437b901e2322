// imagespec's worker runtime plus the example's black-and-white processor, registered the way the
// README tells a site to (same code as tests/pages/custom-worker.ts).
import { exposeWorker, registerPixelProcessor } from '../../../workers/index.ts';

registerPixelProcessor('toBW', ({ pixels }) => {
  const data = pixels.data;
  for (let i = 0; i < data.length; i += 4) {
    const grey = Math.round(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!);
    data[i] = data[i + 1] = data[i + 2] = grey;
  }
});

exposeWorker();
