// A bundled app's page: imports imagespec by its package name, starts its own worker module.
import { adjust, createWorkerPool, custom, processImage, resizeToFill, resizeToFit } from 'imagespec';
import { startConsumer } from './consumer.js';

startConsumer(
  { adjust, createWorkerPool, custom, processImage, resizeToFill, resizeToFit },
  () => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }),
);
