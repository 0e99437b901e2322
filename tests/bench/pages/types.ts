// What every contender adapter implements, and what a run hands back to the Node side.
import type { Rect, Workload } from '../workloads.ts';

/** A photo as the page knows it: where to fetch it and its size after EXIF orientation. */
export interface Photo {
  url: string;
  name: string;
  width: number;
  height: number;
  orientation: number;
}

/** One file a contender produced. */
export interface Output {
  name: string;
  blob: Blob;
  width: number;
  height: number;
  /** The part of the oriented source it shows, when not what the workload implies (see quality.mjs). */
  region?: Rect;
  /** True when the workload's effect (adjust, black and white) was applied, not only the geometry. */
  effectApplied?: boolean;
}

export interface RunResult {
  outputs: Output[];
  /** Every generated output was served from a cache (workload d). */
  fromCache?: boolean;
  /** Anything the adapter wants recorded, e.g. whether a worker was really used. */
  details?: Record<string, unknown>;
}

export interface Contender {
  id: string;
  label: string;
  /** True, or the reason this contender cannot do the workload (printed as n/a). */
  supports(workload: Workload): true | string;
  /** Starts workers, loads wasm: done before the warm-up so no run pays for it. */
  prepare?(): Promise<void>;
  run(file: File, photo: Photo, workload: Workload): Promise<RunResult>;
}
