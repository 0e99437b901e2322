// The bench's imagespec worker with every browser primitive timed (see anatomy.ts). Instrumentation
// is installed first, then the worker exactly as the measured runs use it.
import './anatomy.ts';
import './imagespec-worker.ts';
