// Every contender hands the 'original' output back untouched: no peer has work to do for it.
import type { Output, Photo } from '../pages/types.ts';
import type { OutputSpec, Workload } from '../workloads.ts';

export function resizedOutputs(workload: Workload): OutputSpec[] {
  return workload.outputs.filter((spec) => spec.kind !== 'original');
}

/** `made` (in workload order, originals excluded) plus the original file where the workload asks for it. */
export function withOriginals(workload: Workload, file: File, photo: Photo, made: Output[]): Output[] {
  const byName = new Map(made.map((output) => [output.name, output]));
  return workload.outputs.map(
    (spec) => byName.get(spec.name) ?? { name: spec.name, blob: file, width: photo.width, height: photo.height },
  );
}
