// Quality on the Node side: each output against sharp's lanczos3 resize of the same oriented
// source region to the same size, as luma SSIM and luma PSNR. SSIM is ssim.js at full resolution
// (downsample: false): its default first shrinks images to about 256 px, as the original MATLAB
// code does for viewing-distance reasons, which hides exactly the resampling differences
// (blur, aliasing) measured here. tests/support/pixels.ts keeps the default for its thresholds. When imagespec also applied the workload's effect, the same effect is applied to the
// reference (Pillow's formulas, written out again here rather than imported from workers/, so the
// reference does not share imagespec's code). Peers do the geometry only and are compared with the
// plain resize.
import sharp from 'sharp';
import { ssim } from 'ssim.js';

/** Pillow's RGB -> L (ITU-R 601-2 in 16-bit fixed point). */
const pillowLuma = (r, g, b) => (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
/** ssim.js's own grey conversion, so SSIM and PSNR look at the same signal. */
const ssimLuma = (r, g, b) => Math.round(0.29894 * r + 0.58704 * g + 0.11402 * b);

function blend(degenerate, value, factor) {
  const mixed = degenerate + factor * (value - degenerate);
  return mixed <= 0 ? 0 : mixed >= 255 ? 255 : Math.trunc(mixed);
}

/** ImageEnhance.Contrast then ImageEnhance.Sharpness, as pilkit's Adjust runs them. */
function adjust(raw, { contrast, sharpness }) {
  const { data, width, height } = raw;
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum += pillowLuma(data[i], data[i + 1], data[i + 2]);
  const mean = Math.trunc(sum / (data.length / 4) + 0.5);
  for (let i = 0; i < data.length; i += 4) for (let c = 0; c < 3; c++) data[i + c] = blend(mean, data[i + c], contrast);
  const source = Buffer.from(data);
  const row = width * 4;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      for (let c = 0; c < 3; c++) {
        const at = y * row + x * 4 + c;
        const around =
          source[at - row - 4] +
          source[at - row] +
          source[at - row + 4] +
          source[at - 4] +
          source[at + 4] +
          source[at + row - 4] +
          source[at + row] +
          source[at + row + 4];
        const smoothed = Math.min(255, Math.max(0, Math.round((around + 5 * source[at]) / 13)));
        data[at] = blend(smoothed, source[at], sharpness);
      }
    }
  }
}

/** The example's custom 'toBW' processor. */
function blackAndWhite({ data }) {
  for (let i = 0; i < data.length; i += 4) {
    data[i] = data[i + 1] = data[i + 2] = Math.round(0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]);
  }
}

async function rawRgba(image) {
  const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const references = new Map();

/** sharp lanczos3 of `region` of the oriented source to `size`, with the effect applied when asked. */
async function reference(sourcePath, region, size, effect, adjustOptions) {
  const key = JSON.stringify([sourcePath, region, size, effect]);
  if (!references.has(key)) {
    references.set(
      key,
      (async () => {
        const raw = await rawRgba(
          sharp(sourcePath, { failOn: 'none' })
            .rotate()
            .extract({ left: region.x, top: region.y, width: region.width, height: region.height })
            .resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3', fastShrinkOnLoad: false }),
        );
        if (effect === 'adjust') adjust(raw, adjustOptions);
        if (effect === 'black-and-white') blackAndWhite(raw);
        return raw;
      })(),
    );
  }
  return references.get(key);
}

function lumaPsnr(a, b) {
  let squared = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const difference =
      ssimLuma(a.data[i], a.data[i + 1], a.data[i + 2]) - ssimLuma(b.data[i], b.data[i + 1], b.data[i + 2]);
    squared += difference * difference;
  }
  const mse = squared / (a.data.length / 4);
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

function asImageData(raw) {
  return {
    data: new Uint8ClampedArray(raw.data.buffer, raw.data.byteOffset, raw.data.length),
    width: raw.width,
    height: raw.height,
  };
}

/**
 * Scores one output. `region` is what the output should show of the oriented source; an output
 * whose aspect ratio differs from it by more than 2% (a sideways result, say) is not scored.
 * @returns {Promise<{ ssim: number, psnr: number } | { error: string }>}
 */
export async function scoreOutput({ sourcePath, bytes, region, effect, adjustOptions }) {
  const output = await rawRgba(sharp(bytes, { failOn: 'none' }).rotate());
  const wanted = region.width / region.height;
  const got = output.width / output.height;
  if (Math.abs(got - wanted) / wanted > 0.02) {
    return { error: `wrong geometry: ${output.width}x${output.height} for a ${region.width}x${region.height} region` };
  }
  const expected = await reference(
    sourcePath,
    region,
    { width: output.width, height: output.height },
    effect,
    adjustOptions,
  );
  return {
    ssim: ssim(asImageData(output), asImageData(expected), { downsample: false }).mssim,
    psnr: lumaPsnr(output, expected),
  };
}
