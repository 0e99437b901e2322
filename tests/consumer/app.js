// A consumer's page: plain ES modules importing the built library from where the site serves it
// (not the site root), under a strict Content-Security-Policy.
import {
  adjust,
  createWorkerPool,
  custom,
  processImage,
  resizeToFill,
  resizeToFit,
} from '/vendor/imagespec/imagespec.js';

const EXAMPLE = {
  thumbnail: {
    processors: [resizeToFill(100, 75), adjust({ contrast: 1.2, sharpness: 1.1 })],
    format: 'image/jpeg',
    quality: 0.85,
  },
  display: { processors: [resizeToFill(200, 400), custom('toBW')] },
  original: { original: true },
};

const violations = [];
document.addEventListener('securitypolicyviolation', (event) =>
  violations.push(`${event.violatedDirective} ${event.blockedURI}`),
);

const sitePool = createWorkerPool({
  createWorker: () => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }),
});

async function describe(result) {
  const variants = {};
  for (const [name, variant] of Object.entries(result.variants)) {
    const bitmap = await createImageBitmap(variant.blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    let spread = 0;
    for (let i = 0; i < data.length; i += 4)
      spread = Math.max(spread, Math.abs(data[i] - data[i + 1]), Math.abs(data[i + 1] - data[i + 2]));
    variants[name] = {
      width: variant.width,
      height: variant.height,
      type: variant.type,
      decoded: [bitmap.width, bitmap.height],
      greySpread: spread,
    };
  }
  return variants;
}

window.consumer = {
  /** The ImageKit example through the site's own worker (custom black-and-white processor). */
  async example(url) {
    const file = new File([await (await fetch(url)).blob()], 'photo.jpg');
    const result = await processImage(file, EXAMPLE, { pool: sitePool });
    document.getElementById('thumbnail').src = URL.createObjectURL(result.variants.thumbnail.blob);
    const original = new Uint8Array(await result.variants.original.blob.arrayBuffer());
    const input = new Uint8Array(await file.arrayBuffer());
    const originalIdentical = original.length === input.length && original.every((byte, i) => byte === input[i]);
    return { variants: await describe(result), originalIdentical, violations };
  },
  /** A built-in spec through the library's own worker chunk, found relative to the library. */
  async builtIn(url) {
    const file = new File([await (await fetch(url)).blob()], 'photo.jpg');
    const result = await processImage(file, { web: { processors: [resizeToFit(640, 640)] } });
    return { variants: await describe(result), violations };
  },
};
document.body.dataset.ready = 'true';
