// pilkit's own test suite (../shared/pilkit/test_processors.py), case by case, in the browser:
// the acceptance test of imagespec's pilkit vocabulary. Cases that need pilkit's reference
// images skip themselves where the folder is absent.
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import {
  colorOverlay,
  crop,
  gaussianBlur,
  imageOverlay,
  makeOpaque,
  resize,
  resizeToFill,
  resizeToFit,
  setOpacity,
  smartCrop,
  smartResize,
  thumbnail,
  type ProcessorSpec,
} from '../src/index.ts';
import { isImageSpecError } from '../src/shared/errors/imagespec-error.ts';
import { resolveSpecs, type ImageSpec, type ResolvedImageSpec } from '../src/shared/specs.ts';
import { expectOk, processInPage, sharedHarness } from './support/page.ts';
import { hasPilkit, NO_PILKIT, readPilkitAsset } from './support/pilkit.ts';
import { decodeRgba, maxChannelDifference, type Raw } from './support/pixels.ts';

const png = (processors: ProcessorSpec[]): ImageSpec => ({ processors, format: 'image/png' });

const page = sharedHarness();

/** A solid image, as pilkit's `Image.new(mode, size)` (black by default). */
function solid(width: number, height: number, background = '#000000'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
}

async function sizesOf(on: Page, source: Buffer, processors: Record<string, ProcessorSpec>) {
  const specs = Object.fromEntries(Object.entries(processors).map(([name, step]) => [name, png([step])]));
  const result = expectOk(await processInPage(on, 'source.png', source, specs));
  return Object.fromEntries(
    Object.entries(result.variants).map(([name, variant]) => [name, [variant.width, variant.height]]),
  );
}

function resolvedSteps(step: ProcessorSpec): ResolvedImageSpec['processors'] {
  return (resolveSpecs({ a: { processors: [step] } })[0] as ResolvedImageSpec).processors;
}

function refusal(step: unknown): string {
  try {
    resolveSpecs({ a: { processors: [step as ProcessorSpec] } });
  } catch (error) {
    if (isImageSpecError(error) && error.code === 'INVALID_SPEC') return error.message;
    throw error;
  }
  throw new Error('expected INVALID_SPEC');
}

/** pilkit's `compare_images`: same size, every pixel equal. */
function expectSamePixels(actual: Raw, expected: Raw, channels = 4): void {
  expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
  expect(maxChannelDifference(actual, expected, channels)).toBe(0);
}

test.describe('pilkit sizes', () => {
  test('smartCrop, resizeToFill, resizeToFit (with and without a mat) and the 95 -> 28 rounding', async () => {
    const square = await sharp(await solid(256, 256))
      .composite([
        { input: Buffer.from('<svg width="256" height="256"><circle cx="90" cy="140" r="60" fill="#c33"/></svg>') },
      ])
      .png()
      .toBuffer();
    expect(await sizesOf(page(), square, { smart: smartCrop(100, 100), fill: resizeToFill(100, 100) })).toEqual({
      smart: [100, 100],
      fill: [100, 100],
    });
    expect(
      await sizesOf(page(), await solid(200, 100), {
        fit: resizeToFit(100, 100),
        mat: resizeToFit(100, 100, { matColor: '#000000' }),
      }),
    ).toEqual({ fit: [100, 50], mat: [100, 100] });
    // matthewwithanm/pilkit#1: the cover size is rounded, not truncated.
    expect(await sizesOf(page(), await solid(95, 95), { fill: resizeToFill(28, 28) })).toEqual({ fill: [28, 28] });
  });

  test('upscale: true enlarges to 500x500, false keeps 100x100, for resize, resizeToFit, resizeToFill and smartResize', async () => {
    const source = await solid(100, 100, '#336699');
    const makers = { resize, resizeToFit, resizeToFill, smartResize };
    const steps: Record<string, ProcessorSpec> = {};
    for (const [name, make] of Object.entries(makers)) {
      steps[`${name}-up`] = make(500, 500, { upscale: true });
      steps[`${name}-no`] = make(500, 500, { upscale: false });
    }
    const sizes = await sizesOf(page(), source, steps);
    for (const name of Object.keys(makers)) {
      expect(sizes[`${name}-up`], name).toEqual([500, 500]);
      expect(sizes[`${name}-no`], name).toEqual([100, 100]);
    }
  });

  test('resize antialiases a palette image: more than its 2 colours after shrinking', async () => {
    const circle = Buffer.from(
      '<svg width="500" height="500"><rect width="500" height="500" fill="#fff"/><ellipse cx="250" cy="250" rx="150" ry="150" fill="#00f"/></svg>',
    );
    const palette = await sharp(circle).png({ palette: true, colors: 3, dither: 0 }).toBuffer();
    expect((await sharp(palette).metadata()).isPalette).toBe(true);
    const result = expectOk(await processInPage(page(), 'palette.png', palette, { small: png([resize(100, 100)]) }));
    const { data } = await decodeRgba(result.variants['small']!.data);
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) colours.add(data.readUInt32BE(i));
    expect(colours.size).toBeGreaterThan(2);
  });
});

test.describe('pilkit colour processors', () => {
  test('colorOverlay at opacity 1 paints #cc0000 as (204, 0, 0)', async () => {
    const result = expectOk(
      await processInPage(page(), 'black.png', await solid(200, 100), { red: png([colorOverlay('#cc0000', 1)]) }),
    );
    const image = await decodeRgba(result.variants['red']!.data);
    expect([...image.data.subarray(0, 4)]).toEqual([204, 0, 0, 255]);
  });

  test('setOpacity refuses what pilkit refuses: -1, 256, 0.1 and "255"', () => {
    for (const bad of [-1, 256, 0.1, '255']) {
      expect(refusal({ op: 'setOpacity', maxAlpha: bad })).toContain(
        'processors[0].maxAlpha must be a whole number from 0 to 255',
      );
    }
  });
});

test.describe('pilkit thumbnail', () => {
  test('an anchor with crop: false is refused; an anchor alone implies cropping', () => {
    expect(refusal(thumbnail(200, 200, { upscale: false, crop: false, anchor: 'top' }))).toContain(
      'processors[0].anchor cannot be given when crop is false',
    );
    expect(resolvedSteps(thumbnail(200, 200, { upscale: false, anchor: 'top' }))).toEqual([
      { op: 'resizeToFill', width: 200, height: 200, anchor: { x: 0.5, y: 0 }, upscale: false },
    ]);
  });

  test('cropping needs both sides', () => {
    expect(refusal(thumbnail(null, null, { crop: true }))).toContain(
      'width and height must both be given when cropping',
    );
  });

  test('without crop it is smartResize, passing upscale on; crop: false is resizeToFit', () => {
    expect(resolvedSteps(thumbnail(200, 200, { upscale: false }))).toEqual([
      { op: 'smartResize', width: 200, height: 200, upscale: false },
    ]);
    expect(resolvedSteps(thumbnail(200, 200, { upscale: true }))).toEqual([
      { op: 'smartResize', width: 200, height: 200, upscale: true },
    ]);
    expect(resolvedSteps(thumbnail(200, 200, { anchor: 'bottom-right' }))[0]!.op).toBe('resizeToFill');
    expect(resolvedSteps(thumbnail(200, 200, { crop: false }))[0]).toMatchObject({ op: 'resizeToFit', width: 200 });
  });

  test('a thumbnail of a 100x100 image is processed by what it wraps', async () => {
    const sizes = await sizesOf(page(), await solid(100, 100, '#123456'), {
      auto: thumbnail(200, 200),
      fit: thumbnail(50, null),
    });
    expect(sizes).toEqual({ auto: [100, 100], fit: [50, 50] });
  });
});

test.describe('pilkit reference images', () => {
  test.skip(!hasPilkit, NO_PILKIT);

  for (const radius of [3, 7]) {
    test(`gaussianBlur(${radius}) equals pilkit's GaussianBlur_radius_${radius}.png pixel for pixel`, async () => {
      const result = expectOk(
        await processInPage(page(), 'reference.png', readPilkitAsset('reference.png'), {
          blurred: png([gaussianBlur(radius), crop(32, 32, { x: 112, y: 112 })]),
        }),
      );
      const expected = await decodeRgba(readPilkitAsset(`GaussianBlur_radius_${radius}.png`));
      expectSamePixels(await decodeRgba(result.variants['blurred']!.data), expected);
    });
  }

  test('imageOverlay three times (inside, top-left corner out, bottom-right corner out) equals ImageOverlay_expected_result.png', async () => {
    const overlay = `data:image/png;base64,${readPilkitAsset('image_with_transparency.png').toString('base64')}`;
    const steps = [
      imageOverlay(overlay, { x: 56, y: 156 }),
      imageOverlay(overlay, { x: -30, y: -10 }),
      imageOverlay(overlay, { x: 199, y: 36 }),
    ];
    const rgb = readPilkitAsset('reference.png');
    const rgba = await sharp(rgb).ensureAlpha().png().toBuffer();
    const expected = await decodeRgba(readPilkitAsset('ImageOverlay_expected_result.png'));
    for (const [name, source] of [
      ['rgb', rgb],
      ['rgba', rgba],
    ] as const) {
      const result = expectOk(await processInPage(page(), `${name}.png`, source, { overlaid: png(steps) }));
      expectSamePixels(await decodeRgba(result.variants['overlaid']!.data), expected);
    }
  });

  test('makeOpaque makes the transparent cat.gif opaque on white', async () => {
    const result = expectOk(
      await processInPage(page(), 'cat.gif', readPilkitAsset('cat.gif'), { opaque: png([makeOpaque()]) }),
    );
    const { data } = await decodeRgba(result.variants['opaque']!.data);
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) throw new Error(`pixel ${(i - 3) / 4} not opaque`);
  });

  test('setOpacity gives every pixel of an opaque image the alpha asked (0, 50, 125), and scales an alpha ramp', async () => {
    const reference = readPilkitAsset('reference.png');
    const flat = expectOk(
      await processInPage(page(), 'reference.png', reference, {
        a0: png([setOpacity(0)]),
        a50: png([setOpacity(50)]),
        a125: png([setOpacity(125)]),
      }),
    );
    const alphaHistogram = async (bytes: Buffer) => {
      const { data } = await decodeRgba(bytes);
      const histogram = new Map<number, number>();
      for (let i = 3; i < data.length; i += 4) histogram.set(data[i]!, (histogram.get(data[i]!) ?? 0) + 1);
      return Object.fromEntries(histogram);
    };
    for (const alpha of [0, 50, 125]) {
      expect(await alphaHistogram(flat.variants[`a${alpha}`]!.data)).toEqual({ [alpha]: 256 * 256 });
    }

    // 60x30, 300 pixels at each of the alphas 0, 8, 32, 78, 147 and 244.
    const ramp = readPilkitAsset('multiple_alpha_image.png');
    const scaled = expectOk(
      await processInPage(page(), 'ramp.png', ramp, { same: png([setOpacity(244)]), lower: png([setOpacity(100)]) }),
    );
    expect(await alphaHistogram(scaled.variants['lower']!.data)).toEqual({
      0: 300,
      3: 300,
      13: 300,
      31: 300,
      60: 300,
      100: 300,
    });
    // Unchanged; colour under alpha is compared premultiplied, as a canvas stores it.
    const same = await decodeRgba(scaled.variants['same']!.data);
    const original = await decodeRgba(ramp);
    let worst = 0;
    for (let i = 0; i < same.data.length; i += 4) {
      expect(same.data[i + 3]).toBe(original.data[i + 3]);
      for (let c = 0; c < 3; c++) {
        const premultiplied = (raw: Raw) => (raw.data[i + c]! * raw.data[i + 3]!) / 255;
        worst = Math.max(worst, Math.abs(premultiplied(same) - premultiplied(original)));
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
  });
});
