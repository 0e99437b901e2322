// A page without a bundler: plain ES modules importing imagespec's dist/ files where the site
// serves them (here node_modules/imagespec/dist/ copied to ./vendor/imagespec/).
import {
  adjust,
  createWorkerPool,
  custom,
  processImage,
  resizeToFill,
  resizeToFit,
} from './vendor/imagespec/imagespec.js';
import { startConsumer } from './consumer.js';

startConsumer(
  { adjust, createWorkerPool, custom, processImage, resizeToFill, resizeToFit },
  () => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }),
);
