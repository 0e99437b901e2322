// The worker imagespec starts when the page gives no worker of its own: built-in processors only.
import { exposeWorker } from './expose-worker.ts';

exposeWorker();
