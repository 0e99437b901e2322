// The app's own worker: imagespec's worker runtime plus the example's custom processor.
import { exposeWorker, registerPixelProcessor } from 'imagespec/worker';
import { toBW } from './to-bw.js';

registerPixelProcessor('toBW', toBW);
exposeWorker();
