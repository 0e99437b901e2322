// The demo site's own worker: imagespec's runtime plus the custom black-and-white processor.
// A site would write `from 'imagespec/worker'`.
import { exposeWorker, registerPixelProcessor } from '../workers/index.ts';
import { toBW } from './to-bw.ts';

registerPixelProcessor('toBW', toBW);
exposeWorker();
