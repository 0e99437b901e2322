// The Node-side oracle for end-to-end pixels: from the source file and a spec, sharp makes what
// the version should look like — EXIF orientation applied, the same crop rectangles
// (src/shared/geometry.ts) and anchor points, lanczos3, the README's adjust, greyscale and
// black-and-white formulas written out again here — and a comparison tells how close the
// browser's version is. Nothing of the worker is used: a break there is not copied here.
import { expect } from '@playwright/test';
import sharp, { type Sharp } from 'sharp';
import type { AnchorName, ImageSpec, ProcessorSpec, TransposeOperation } from '../../src/index.ts';
import {
  anchoredRect,
  coverSize,
  cropRect,
  fillSourceRect,
  fitSize,
  type Rect,
  type Size,
} from '../../src/shared/geometry.ts';
import { ANCHORS } from '../../src/shared/processors/anchor.ts';
import { lumaSsim, type Raw } from './pixels.ts';
import { lanczos3Resize } from './reference-lanczos.ts';
import { applyAdjust, toLuma601, toPillowGrey } from './reference-formulas.ts';

/** What a version should be: its pixels (RGBA, un-premultiplied) and the type it is encoded as. */
export interface ReferenceVersion {
  pixels: Raw;
  type: 'image/jpeg' | 'image/png' | 'image/webp';
  /** The encoder quality, 0..1, for JPEG and WebP. */
  quality: number;
}

/** A custom processor's reference: what `custom(name, options)` does to RGBA pixels. */
export type ReferenceProcessor = (pixels: Raw, options: Record<string, unknown>) => Raw;

/** The custom processors the tests' workers register: the example's black and white (ITU-R 601 luma). */
export const REFERENCE_CUSTOM: Readonly<Record<string, ReferenceProcessor>> = { toBW: toLuma601 };

/** An anchor as a point; the named ones are checked pixel by pixel in processors.spec.ts. */
function anchorPoint(anchor: AnchorName | { x: number; y: number } | undefined): { x: number; y: number } {
  if (anchor === undefined) return ANCHORS.center;
  return typeof anchor === 'string' ? ANCHORS[anchor] : anchor;
}

const fromRaw = (image: Raw): Sharp =>
  sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } });

async function toRaw(image: Sharp): Promise<Raw> {
  const { data, info } = await image
    .toColourspace('srgb')
    .ensureAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * A CMYK JPEG without a colour profile as browsers show it: plain inversion (Chromium's Skia
 * computes R = (255 − C)(255 − K)/255), where libvips would assume a press profile and print
 * visibly other colours.
 */
async function uncalibratedCmyk(bytes: Buffer): Promise<Raw> {
  const { data, info } = await sharp(bytes).toColourspace('cmyk').raw().toBuffer({ resolveWithObject: true });
  const rgba = Buffer.alloc(info.width * info.height * 4);
  for (let i = 0, o = 0; i < data.length; i += 4, o += 4) {
    const white = 255 - data[i + 3]!;
    for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(((255 - data[i + c]!) * white) / 255);
    rgba[o + 3] = 255;
  }
  return { data: rgba, width: info.width, height: info.height };
}

/**
 * A PNG's gAMA chunk (file gamma), where no sRGB or iCCP chunk overrides it; browsers honour it
 * and libvips does not. Null for other files and for the sRGB-like 1/2.2.
 */
function pngGamma(bytes: Buffer): number | null {
  if (bytes.readUInt32BE(0) !== 0x89504e47) return null;
  let gamma: number | null = null;
  for (let offset = 8; offset + 8 <= bytes.length;) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (type === 'IDAT' || type === 'sRGB' || type === 'iCCP') return type === 'IDAT' ? gamma : null;
    if (type === 'gAMA') gamma = bytes.readUInt32BE(offset + 8) / 100_000;
    offset += length + 12;
  }
  return gamma !== null && Math.abs(gamma - 1 / 2.2) < 0.01 ? null : gamma;
}

/** Stored values of file gamma `gamma` re-encoded as sRGB: `linear = v^(1/gamma)`, then sRGB's curve. */
function gammaToSrgb(image: Raw, gamma: number): Raw {
  const table = Array.from({ length: 256 }, (_, v) => {
    const linear = (v / 255) ** (1 / gamma);
    const srgb = linear <= 0.0031308 ? 12.92 * linear : 1.055 * linear ** (1 / 2.4) - 0.055;
    return Math.round(srgb * 255);
  });
  const data = Buffer.from(image.data);
  for (let i = 0; i < data.length; i++) if (i % 4 !== 3) data[i] = table[data[i]!]!;
  return { data, width: image.width, height: image.height };
}

/**
 * Any image file as 8-bit sRGB RGBA, EXIF orientation applied (the first frame of an
 * animation), decoded as a browser shows it: embedded ICC profiles, PNG gamma, and plain
 * inversion for an untagged CMYK JPEG.
 */
export function decodeUpright(bytes: Buffer): Promise<Raw> {
  let decoded = decodedSources.get(bytes);
  if (!decoded) {
    decoded = decode(bytes);
    decodedSources.set(bytes, decoded);
  }
  return decoded;
}

/** A test compares several versions of one source: it is decoded once. */
const decodedSources = new WeakMap<Buffer, Promise<Raw>>();

async function decode(bytes: Buffer): Promise<Raw> {
  const { space, hasProfile } = await sharp(bytes).metadata();
  if (space === 'cmyk' && !hasProfile) return toRaw(fromRaw(await uncalibratedCmyk(bytes)).autoOrient());
  const decoded = await toRaw(sharp(bytes, { failOn: 'none' }).autoOrient());
  const gamma = pngGamma(bytes);
  return gamma === null ? decoded : gammaToSrgb(decoded, gamma);
}

async function lanczos(image: Raw, size: Size, region?: Rect): Promise<Raw> {
  const part = region ? await extract(image, region) : image;
  if (size.width > part.width || size.height > part.height) return lanczos3Resize(part, size.width, size.height);
  return toRaw(fromRaw(part).resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' }));
}

function extract(image: Raw, region: Rect): Promise<Raw> {
  return toRaw(fromRaw(image).extract({ left: region.x, top: region.y, width: region.width, height: region.height }));
}

/** Each transpose operation as sharp does it: the reference the worker's transpose is held to. */
export const SHARP_TRANSPOSE: Readonly<Record<TransposeOperation, (image: Sharp) => Sharp>> = {
  rotate90: (image) => image.rotate(90),
  rotate180: (image) => image.rotate(180),
  rotate270: (image) => image.rotate(270),
  flipHorizontal: (image) => image.flop(),
  flipVertical: (image) => image.flip(),
};

async function runProcessor(
  image: Raw,
  processor: ProcessorSpec,
  custom: Readonly<Record<string, ReferenceProcessor>>,
): Promise<Raw> {
  switch (processor.op) {
    case 'resize':
      return lanczos(image, processor);
    case 'resizeToFill':
      return lanczos(image, processor, fillSourceRect(image, processor, anchorPoint(processor.anchor)));
    case 'resizeToCover':
      return lanczos(image, coverSize(image, processor, processor.upscale ?? true));
    case 'resizeToFit': {
      const size = fitSize(image, processor, processor.upscale ?? true);
      const fitted = size.width === image.width && size.height === image.height ? image : await lanczos(image, size);
      const { width, height, matColor } = processor;
      if (!matColor || width == null || height == null) return fitted;
      const place = anchoredRect({ width, height }, size, anchorPoint(processor.anchor));
      const mat = sharp({ create: { width, height, channels: 4, background: matColor } });
      return toRaw(mat.composite([{ input: await fromRaw(fitted).png().toBuffer(), left: place.x, top: place.y }]));
    }
    case 'crop':
      return extract(
        image,
        cropRect(image, processor, anchorPoint(processor.anchor), processor.x ?? null, processor.y ?? null),
      );
    case 'adjust':
      return applyAdjust(image, processor);
    case 'grayscale':
      return toPillowGrey(image);
    case 'transpose':
      return toRaw(SHARP_TRANSPOSE[processor.operation](fromRaw(image)));
    case 'custom': {
      const reference = custom[processor.name];
      if (!reference) throw new Error(`no reference for custom processor "${processor.name}"`);
      return reference(image, processor.options ?? {});
    }
    default:
      throw new Error(`no reference for processor "${processor.op}" (processors.spec.ts checks it on its own)`);
  }
}

const ENCODABLE = new Map([
  ['jpeg', 'image/jpeg'],
  ['png', 'image/png'],
  ['webp', 'image/webp'],
] as const);

function hasTransparency(image: Raw): boolean {
  for (let i = 3; i < image.data.length; i += 4) if (image.data[i]! < 255) return true;
  return false;
}

/** Composites RGBA onto an opaque colour, as an encoder without alpha must. */
async function flatten(image: Raw, background: string): Promise<Raw> {
  return toRaw(fromRaw(image).flatten({ background }));
}

/**
 * The version `spec` makes of `source`, made by sharp: every processor in order on the upright
 * image, then the README's default-format rule (the source's own format where the browser can
 * encode it, else PNG with transparent pixels and JPEG without), and a JPEG flattened onto the
 * spec's background (white by default).
 */
export async function referenceVersion(
  source: Buffer,
  spec: ImageSpec,
  custom: Readonly<Record<string, ReferenceProcessor>> = REFERENCE_CUSTOM,
): Promise<ReferenceVersion> {
  let image = await decodeUpright(source);
  for (const processor of spec.processors ?? []) image = await runProcessor(image, processor, custom);
  const sourceFormat = (await sharp(source).metadata()).format as string;
  const type =
    spec.format ??
    ENCODABLE.get(sourceFormat as 'jpeg') ??
    (hasTransparency(image) ? ('image/png' as const) : ('image/jpeg' as const));
  if (type === 'image/jpeg') image = await flatten(image, spec.background ?? '#ffffff');
  return { pixels: image, type, quality: spec.quality ?? 0.85 };
}

/** How close a version is to its reference; both seen over mid grey, as a page would show them. */
export interface Comparison {
  /** Mean SSIM on luma at full resolution: 1 is identical. */
  ssim: number;
  /** Mean absolute difference of luma, in levels of 255: what SSIM forgives (a uniformly wrong grey). */
  lumaDifference: number;
}

function overGrey(image: Raw): Raw {
  const data = Buffer.alloc(image.data.length);
  for (let i = 0; i < data.length; i += 4) {
    const alpha = image.data[i + 3]! / 255;
    for (let c = 0; c < 3; c++) data[i + c] = Math.round(image.data[i + c]! * alpha + 128 * (1 - alpha));
    data[i + 3] = 255;
  }
  return { data, width: image.width, height: image.height };
}

/**
 * Luma, not RGB: JPEG's subsampled chroma moves a small saturated thumbnail's channels by
 * several levels while its luma stays within one or two.
 */
function meanLumaDifference(a: Raw, b: Raw): number {
  const luma = (data: Buffer, i: number) => 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
  let sum = 0;
  for (let i = 0; i < a.data.length; i += 4) sum += Math.abs(luma(a.data, i) - luma(b.data, i));
  return sum / (a.data.length / 4);
}

/**
 * The reference as the same encoder settings leave it: a JPEG's chroma subsampling and
 * quantisation are no part of what the test judges, and on a small saturated thumbnail they
 * move SSIM more than the resampling does.
 */
async function encodedLikeVersion({ pixels, type, quality }: ReferenceVersion): Promise<Raw> {
  if (type === 'image/png') return pixels;
  const encoder = fromRaw(pixels);
  const level = Math.round(quality * 100);
  const bytes = await (
    type === 'image/jpeg' ? encoder.jpeg({ quality: level }) : encoder.webp({ quality: level })
  ).toBuffer();
  return toRaw(sharp(bytes));
}

/** Compares an encoded version with its reference pixels; the sizes must already agree. */
export async function compareWithReference(version: Buffer, expected: ReferenceVersion): Promise<Comparison> {
  const actual = overGrey(await toRaw(sharp(version)));
  const wanted = overGrey(await encodedLikeVersion(expected));
  return { ssim: lumaSsim(actual, wanted), lumaDifference: meanLumaDifference(actual, wanted) };
}

/**
 * How close is close enough. The defaults admit what differs between Chromium and sharp on
 * real files (JPEG decoders, a reduced-scale DCT decode, pica's and this module's lanczos3, CMYK
 * conversion, SSIM's luminance term on near-black ground, where a 2-level offset costs 0.2) and
 * fail a wrong orientation (SSIM under 0.4), a wrong crop (mostly under 0.7) and a black and
 * white made from one channel (10 to 40 levels of luma). Drawn test images warrant tighter ones.
 */
export interface Thresholds {
  /** @default 0.75 */
  ssim: number;
  /** @default 8 */
  lumaDifference: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { ssim: 0.75, lumaDifference: 8 };

/** A version as the tests get it back from the page. */
export interface VersionUnderTest {
  data: Buffer;
  type: string;
  width: number;
  height: number;
}

/**
 * Asserts that `version` is what `spec` should make of `source`: the reference's size and type,
 * and pixels within the thresholds. Prints the values; returns them for a summary line.
 *
 * @example
 * const result = expectOk(await processInPage(page, 'photo.jpg', photo, EXAMPLE_SPECS, { pool: 'custom' }));
 * await expectLikeReference('photo.jpg thumbnail', photo, EXAMPLE_SPECS.thumbnail, result.variants['thumbnail']!);
 */
export async function expectLikeReference(
  label: string,
  source: Buffer,
  spec: ImageSpec,
  version: VersionUnderTest,
  options: { thresholds?: Partial<Thresholds>; custom?: Readonly<Record<string, ReferenceProcessor>> } = {},
): Promise<Comparison> {
  const expected = await referenceVersion(source, spec, options.custom);
  expect([version.width, version.height], `${label}: size`).toEqual([expected.pixels.width, expected.pixels.height]);
  expect(version.type, `${label}: type`).toBe(expected.type);
  const comparison = await compareWithReference(version.data, expected);
  const { ssim, lumaDifference } = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  console.log(
    `${label}: SSIM ${comparison.ssim.toFixed(4)}, mean luma difference ${comparison.lumaDifference.toFixed(2)}`,
  );
  expect(comparison.ssim, `${label}: SSIM on luma against sharp's reference`).toBeGreaterThanOrEqual(ssim);
  expect(comparison.lumaDifference, `${label}: mean luma difference`).toBeLessThanOrEqual(lumaDifference);
  return comparison;
}
