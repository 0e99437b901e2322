// What a worker needs from the browser, checked before any work, so that an older browser fails
// every file with one clear error instead of a ReferenceError deep inside a processor.
import { ImageSpecError } from '../src/shared/errors/imagespec-error.ts';

let missing: string[] | undefined;

/** The worker features imagespec needs that this browser lacks, found once per worker. */
function missingFeatures(): string[] {
  if (missing) return missing;
  missing = [];
  if (typeof createImageBitmap !== 'function') missing.push('createImageBitmap');
  if (typeof OffscreenCanvas !== 'function') missing.push('OffscreenCanvas');
  // Safari 16.0 to 16.3 had OffscreenCanvas for WebGL only: no 2D context.
  else if (!new OffscreenCanvas(1, 1).getContext('2d')) missing.push('an OffscreenCanvas 2D context');
  return missing;
}

/**
 * Throws `UNSUPPORTED_ENVIRONMENT` when the worker lacks what decoding, processing and encoding
 * need: OffscreenCanvas with a 2D context and createImageBitmap. (The browsers that start
 * imagespec's module worker at all, Chrome and Edge 80, Firefox 114, Safari 15, have both from
 * Safari 16.4 on: see the README's browser table.)
 */
export function assertWorkerEnvironment(): void {
  const lacking = missingFeatures();
  if (lacking.length === 0) return;
  throw new ImageSpecError(
    'UNSUPPORTED_ENVIRONMENT',
    `unsupported environment: this browser's workers have no ${lacking.join(' and no ')} (imagespec needs Chrome or Edge 80, Firefox 114, Safari 16.4 or later)`,
    { details: { missing: lacking.join(', ') } },
  );
}
