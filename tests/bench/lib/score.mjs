// Attaches SSIM and PSNR to every contender's last outputs of one photo.
import { scoreOutput } from './quality.mjs';

/** @param shared the workloads module (loaded through Vite), for geometry and the adjust factors */
export async function scorePhoto({ results, workload, photo, shared }) {
  const full = { x: 0, y: 0, width: photo.width, height: photo.height };
  for (const entry of Object.values(results)) {
    entry.quality = {};
    for (const output of entry.lastOutputs ?? []) {
      const spec = workload.outputs.find((candidate) => candidate.name === output.name);
      if (!spec || spec.kind === 'original' || !output.base64) continue;
      const region = output.region ?? (spec.kind === 'fill' ? shared.centredFillRegion(photo, spec) : full);
      try {
        entry.quality[output.name] = await scoreOutput({
          sourcePath: photo.path,
          bytes: Buffer.from(output.base64, 'base64'),
          region,
          effect: output.effectApplied ? spec.effect : undefined,
          adjustOptions: shared.THUMBNAIL_ADJUST,
        });
      } catch (error) {
        entry.quality[output.name] = { error: `not scored: ${error.message}` };
      }
      delete output.base64; // keep the JSON small
    }
  }
}
