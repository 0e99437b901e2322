/** iOS Safari's canvas limit, the smallest of the browsers imagespec targets. */
export const DEFAULT_MAX_CANVAS_PIXELS = 16_777_216;

let limit = DEFAULT_MAX_CANVAS_PIXELS;

/** The largest canvas (in pixels) this worker's current job may make. */
export function maxCanvasPixels(): number {
  return limit;
}

/** Set by the runtime for each job (a worker runs one job at a time). */
export function setMaxCanvasPixels(pixels: number): void {
  limit = pixels;
}
