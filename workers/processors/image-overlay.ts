import { anchoredRect } from '../../src/shared/geometry.ts';
import type { ResolvedImageOverlay } from '../../src/shared/processors/image-overlay.ts';
import { canvasFrame, context2d, readPixels, releaseFrame } from '../frame.ts';
import { fullRect, resample } from '../resample.ts';
import { mapPixels } from './pixels.ts';
import type { ProcessorRun } from './types.ts';

/** Decoded overlays by data URL: a watermark is the same for every file of a batch. */
const decoded = new Map<string, Promise<ImageData>>();
const KEPT_OVERLAYS = 4;

function dataUrlBytes(url: string): { bytes: Uint8Array; type: string } {
  const comma = url.indexOf(',');
  const type = url.slice('data:'.length, url.indexOf(';'));
  const binary = atob(url.slice(comma + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { bytes, type };
}

/**
 * The overlay's pixels, un-premultiplied. A 2D canvas and Chromium's ImageDecoder both keep
 * pixels premultiplied, which rounds the colour of faint pixels by a level (measured: 29 values
 * of pilkit's overlay); a WebGL texture upload with premultiplication off keeps them exactly.
 * Without WebGL the canvas's rounding is accepted.
 */
async function decodeOverlay(url: string): Promise<ImageData> {
  const { bytes, type } = dataUrlBytes(url);
  const bitmap = await createImageBitmap(new Blob([bytes as BlobPart], { type }), {
    premultiplyAlpha: 'none',
    colorSpaceConversion: 'none',
  });
  try {
    return readWithWebGl(bitmap) ?? readWithCanvas(bitmap);
  } finally {
    bitmap.close();
  }
}

function readWithWebGl(bitmap: ImageBitmap): ImageData | undefined {
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2', { premultipliedAlpha: false });
  if (!gl) return undefined;
  try {
    const texture = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, gl.NONE);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, bitmap);
    const framebuffer = gl.createFramebuffer();
    gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
    const pixels = new ImageData(bitmap.width, bitmap.height);
    gl.readPixels(0, 0, bitmap.width, bitmap.height, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(pixels.data.buffer));
    return gl.getError() === gl.NO_ERROR ? pixels : undefined;
  } finally {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

function readWithCanvas(bitmap: ImageBitmap): ImageData {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  context2d(canvas).drawImage(bitmap, 0, 0);
  return readPixels(canvas);
}

function overlayPixels(url: string): Promise<ImageData> {
  let pending = decoded.get(url);
  if (!pending) {
    pending = decodeOverlay(url);
    decoded.set(url, pending);
    pending.catch(() => decoded.delete(url));
    if (decoded.size > KEPT_OVERLAYS) decoded.delete(decoded.keys().next().value!);
  }
  return pending;
}

/** The overlay at its scale and opacity. */
async function preparedOverlay(options: ResolvedImageOverlay): Promise<ImageData> {
  let pixels = await overlayPixels(options.image);
  if (options.scale !== 1) {
    const canvas = new OffscreenCanvas(pixels.width, pixels.height);
    context2d(canvas).putImageData(pixels, 0, 0);
    const source = canvasFrame(canvas);
    const size = {
      width: Math.max(1, Math.round(pixels.width * options.scale)),
      height: Math.max(1, Math.round(pixels.height * options.scale)),
    };
    const scaled = await resample(source, fullRect(source), size);
    releaseFrame(source);
    pixels = readPixels(scaled.image as OffscreenCanvas);
    releaseFrame(scaled);
  } else if (options.opacity !== 1) {
    pixels = new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height);
  }
  if (options.opacity !== 1) {
    for (let i = 3; i < pixels.data.length; i += 4) pixels.data[i] = Math.round(pixels.data[i]! * options.opacity);
  }
  return pixels;
}

const shiftDiv255 = (value: number) => ((value >> 8) + value) >> 8;

/**
 * Pillow's `Image.alpha_composite(base, overlay)` (AlphaComposite.c, 7 extra bits of precision)
 * for the overlay placed at (left, top), clipped to the base.
 */
export function alphaComposite(base: ImageData, overlay: ImageData, left: number, top: number): void {
  const { data, width, height } = base;
  const fromY = Math.max(0, top);
  const toY = Math.min(height, top + overlay.height);
  const fromX = Math.max(0, left);
  const toX = Math.min(width, left + overlay.width);
  for (let y = fromY; y < toY; y++) {
    for (let x = fromX; x < toX; x++) {
      const o = ((y - top) * overlay.width + (x - left)) * 4;
      const srcA = overlay.data[o + 3]!;
      if (srcA === 0) continue;
      const i = (y * width + x) * 4;
      const blend = data[i + 3]! * (255 - srcA);
      const outA255 = srcA * 255 + blend;
      const coef1 = Math.floor((srcA * 255 * 255 * 128) / outA255);
      const coef2 = 255 * 128 - coef1;
      for (let c = 0; c < 3; c++) {
        data[i + c] = shiftDiv255(overlay.data[o + c]! * coef1 + data[i + c]! * coef2 + (0x80 << 7)) >> 7;
      }
      data[i + 3] = shiftDiv255(outA255 + 0x80);
    }
  }
}

/** pilkit's `ImageOverlay`: the site's image composited over the picture at a point or an anchor. */
export const runImageOverlay: ProcessorRun<ResolvedImageOverlay> = async (frame, options) => {
  const overlay = await preparedOverlay(options);
  const { x, y } = options.anchor ? anchoredRect(fullRect(frame), overlay, options.anchor) : options;
  return mapPixels(frame, (pixels) => alphaComposite(pixels, overlay, x, y));
};
