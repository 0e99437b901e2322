// The page's own worker, also without a bundler: imagespec's worker runtime by path.
import { exposeWorker, registerPixelProcessor } from './vendor/imagespec/worker.js';
import { toBW } from './to-bw.js';

registerPixelProcessor('toBW', toBW);
exposeWorker();
