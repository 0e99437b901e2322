// imagespec's built-in worker in a browser whose canvases stop at 4 MP (see canvas-limit.ts).
import './canvas-limit.ts';
import '../../workers/default-worker.ts';
