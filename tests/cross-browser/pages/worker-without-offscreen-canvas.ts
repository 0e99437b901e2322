// imagespec's built-in worker in a browser whose workers have no OffscreenCanvas (Safari before
// 16.4): every file must fail with UNSUPPORTED_ENVIRONMENT, not a ReferenceError.
import { exposeWorker } from '../../../workers/index.ts';

Reflect.deleteProperty(globalThis, 'OffscreenCanvas');
exposeWorker();
