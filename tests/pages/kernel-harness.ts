// The resample kernel run on pixels the test sends (as base64), outside any pipeline, so that its
// fixed-point arithmetic can be compared with a floating-point lanczos3 computed in Node.
import { loadKernel } from '../../workers/resample/kernel.ts';
import { resampleKernelImage, type KernelImage, type KernelPlane } from '../../workers/resample/kernel-image.ts';

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export interface KernelCase {
  layout: KernelImage['layout'];
  alpha: KernelImage['alpha'];
  orientation: number;
  /** Stored size of the pixels (the luma plane's). */
  width: number;
  height: number;
  /** Each plane's bytes, base64, rows packed; with its size and subsampling. */
  planes: { base64: string; width: number; height: number; subsampling: { x: number; y: number } }[];
  /** Upright region and output size. */
  rect: { x: number; y: number; width: number; height: number };
  size: { width: number; height: number };
}

/** Runs one case; returns the RGBA output as base64. Undefined where the kernel cannot run. */
async function resample(test: KernelCase): Promise<string | undefined> {
  const kernel = await loadKernel();
  if (!kernel) return undefined;
  const mark = kernel.mark();
  try {
    const planes: KernelPlane[] = test.planes.map((plane) => {
      const bytes = fromBase64(plane.base64);
      const address = kernel.allocate(bytes.length);
      kernel.bytes(address, bytes.length).set(bytes);
      const channels = test.layout === 'ycbcr' ? 1 : 4;
      return { ...plane, address, stride: plane.width * channels };
    });
    const image: KernelImage = {
      layout: test.layout,
      stored: { width: test.width, height: test.height },
      planes,
      alpha: test.alpha,
      orientation: test.orientation,
    };
    const full =
      test.orientation >= 5 ? { width: test.height, height: test.width } : { width: test.width, height: test.height };
    const rgba = resampleKernelImage(kernel, image, full, test.rect, test.size);
    return toBase64(kernel.bytes(rgba, test.size.width * test.size.height * 4).slice());
  } finally {
    kernel.release(mark);
  }
}

declare global {
  interface Window {
    kernelHarness: { resample: typeof resample };
  }
}
window.kernelHarness = { resample };
document.body.dataset['ready'] = 'true';
