// imagespec's built-in worker in a browser without WebCodecs' ImageDecoder (Safari, Firefox
// before 133): JPEGs take the full decode.
import { exposeWorker } from '../../../workers/index.ts';

Reflect.deleteProperty(globalThis, 'ImageDecoder');
exposeWorker();
