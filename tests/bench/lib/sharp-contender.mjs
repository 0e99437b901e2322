// sharp as a contender: what a server would do with the same workload, natively, in this Node
// process, on one thread (sharp.concurrency(1): the browsers' contenders get one worker each).
// Its defaults as a user gets them: shrink-on-load for JPEG (libjpeg's DCT scaling), then lanczos3.
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';

function cpuMsSince(start) {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

/** One run of `workload` on `photo`: wall and CPU ms, and the outputs as the pages report them. */
async function runOnce(photo, workload, shared, keepOutputs) {
  const input = await readFile(photo.path);
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const outputs = [];
  for (const spec of workload.outputs) {
    if (spec.kind === 'original') {
      outputs.push({
        name: spec.name,
        width: photo.width,
        height: photo.height,
        bytes: input.length,
        type: 'image/jpeg',
      });
      continue;
    }
    let image = sharp(input).rotate();
    let region;
    if (spec.kind === 'fill') {
      region = shared.centredFillRegion(photo, spec);
      image = image.extract({ left: region.x, top: region.y, width: region.width, height: region.height });
    }
    const size = spec.kind === 'fill' ? spec : shared.fitSize(photo, spec);
    const bytes = await image
      .resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' })
      .jpeg({ quality: Math.round(spec.quality * 100) })
      .toBuffer();
    outputs.push({
      name: spec.name,
      width: size.width,
      height: size.height,
      bytes: bytes.length,
      type: 'image/jpeg',
      effectApplied: false,
      ...(region ? { region } : {}),
      ...(keepOutputs ? { base64: bytes.toString('base64') } : {}),
    });
  }
  const ms = performance.now() - started;
  return {
    ok: true,
    ms,
    cpuMs: cpuMsSince(cpuStart),
    longTasks: { count: 0, totalMs: 0, maxMs: 0 },
    outputs,
    details: {},
  };
}

/** A bench entry for sharp, driven like the pages (see single-file.mjs). */
export function sharpEntry(shared) {
  sharp.concurrency(1);
  let photo;
  return {
    id: 'sharp',
    async open(nextPhoto) {
      photo = nextPhoto;
      return true;
    },
    run: (workload, options) => runOnce(photo, workload, shared, options.keepOutputs ?? false),
    native: true,
    async close() {},
  };
}
