// What every fixture app does with imagespec, whatever bundled it: the ImageKit example through
// the app's own worker (custom black-and-white processor), and a built-in spec through
// imagespec's own worker. Each app's main.js imports imagespec its own way and calls this.

/** Runs the page's checks on demand from the test (window.consumer). */
export function startConsumer(imagespec, createAppWorker) {
  const { adjust, createWorkerPool, custom, processImage, resizeToFill, resizeToFit } = imagespec;
  const example = {
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
  const appPool = createWorkerPool({ createWorker: createAppWorker });

  async function describe(result) {
    const variants = {};
    for (const [name, variant] of Object.entries(result.variants)) {
      const bytes = new Uint8Array(await variant.blob.arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      variants[name] = { width: variant.width, height: variant.height, type: variant.type, base64: btoa(binary) };
    }
    return variants;
  }

  async function read(url) {
    return new File([await (await fetch(url)).blob()], 'photo.jpg', { type: 'image/jpeg' });
  }

  window.consumer = {
    async example(url) {
      const file = await read(url);
      const result = await processImage(file, example, { pool: appPool });
      document.getElementById('thumbnail').src = URL.createObjectURL(result.variants.thumbnail.blob);
      await document.getElementById('thumbnail').decode();
      return { variants: await describe(result), violations };
    },
    async builtIn(url) {
      const file = await read(url);
      const result = await processImage(file, { web: { processors: [resizeToFit(640, 640)] } });
      return { variants: await describe(result), violations };
    },
  };
  document.body.dataset.ready = 'true';
}
