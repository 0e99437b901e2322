// Responsive widths: one version per width from one decode, never enlarged, duplicates dropped,
// with a srcset and a sizes helper on the result.
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { custom, grayscale, resizeToFill, resizeToFit } from '../src/index.ts';
import type { processImage, ProcessorSpec, Variant } from '../src/index.ts';
import { collectResponsive } from '../src/pipeline/responsive.ts';
import { ObjectUrls } from '../src/pipeline/variant-access.ts';
import { isImageSpecError } from '../src/shared/errors/imagespec-error.ts';
import { resolveSpecs } from '../src/shared/specs.ts';
import { drawPhoto } from './support/images.ts';
import { expectOk, openHarness, processInPage } from './support/page.ts';
import { decodeRgba } from './support/pixels.ts';

const WIDTHS = [320, 640, 1280, 2048];

function invalidSpecMessage(specs: Parameters<typeof resolveSpecs>[0]): string {
  try {
    resolveSpecs(specs);
  } catch (error) {
    expect(isImageSpecError(error, 'INVALID_SPEC')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected INVALID_SPEC');
}

test('a spec with widths resolves to one spec per distinct width, each fitting its width last', () => {
  const resolved = resolveSpecs({ hero: { widths: [640, 320, 640], processors: [grayscale()] } });
  expect(resolved.map((spec) => spec.name)).toEqual(['hero-320w', 'hero-640w']);
  for (const spec of resolved) {
    if (spec.kind !== 'image') throw new Error('expected an image spec');
    expect(spec.processors.map((processor) => processor.op)).toEqual(['grayscale', 'resizeToFit']);
    expect(spec.processors[1]).toMatchObject({ width: spec.widthOf!.width, height: null, upscale: false });
  }
});

test('bad widths, widths with lazy, and a name one of its widths takes fail with INVALID_SPEC', () => {
  expect(invalidSpecMessage({ hero: { widths: [] } })).toBe(
    'invalid spec "hero": widths must be a non-empty array of widths',
  );
  expect(invalidSpecMessage({ hero: { widths: [320, 0] } })).toBe(
    'invalid spec "hero": widths[1] must be a whole number of pixels from 1 to 16384, got 0',
  );
  expect(invalidSpecMessage({ hero: { widths: [320], lazy: true } })).toBe(
    'invalid spec "hero": widths cannot be combined with lazy',
  );
  expect(invalidSpecMessage({ hero: { widths: [320] }, 'hero-320w': {} })).toBe(
    'invalid spec "hero-320w": the name is also that of a width of spec "hero"',
  );
});

test('the result types name each width version and the responsive set, not the spec itself', () => {
  // Checked by the type checker (npm run typecheck), not at run time.
  type Declared = { thumb: { processors: ProcessorSpec[] }; hero: { widths: number[] } };
  type Result = Awaited<ReturnType<typeof processImage<Declared>>>;
  const use = (result: Result) => [
    result.variants.thumb.width,
    // A width may be dropped (an image narrower than it): possibly undefined.
    result.variants['hero-640w']?.width,
    result.responsive.hero.srcset(),
    // @ts-expect-error a spec with widths is no version of its own
    result.variants.hero,
  ];
  expect(typeof use).toBe('function');
});

test('sizes describes the layout: vw of the viewport up to a maximum width', () => {
  const variants = { 'hero-100w': { width: 100 }, 'hero-200w': { width: 200 } } as unknown as Record<string, Variant>;
  const set = collectResponsive([{ spec: 'hero', versions: ['hero-100w', 'hero-200w'] }], variants, new ObjectUrls())[
    'hero'
  ]!;
  expect(set.sizes()).toBe('100vw');
  expect(set.sizes({ maxWidth: 640 })).toBe('(max-width: 640px) 100vw, 640px');
  expect(set.sizes({ vw: 50, maxWidth: 640 })).toBe('(max-width: 1280px) 50vw, 640px');
  const error = (() => {
    try {
      return set.sizes({ vw: 0 });
    } catch (caught) {
      return caught;
    }
  })();
  expect(isImageSpecError(error, 'INVALID_OPTIONS') && error.message).toBe(
    'invalid sizes: vw must be a number from 0 (excluded) to 100, got 0',
  );
});

test.describe('in the browser', () => {
  test.beforeEach(async ({ page }) => openHarness(page));

  test('a 2200 px photo gives every width exactly, from one decode, with an exact srcset', async ({ page }) => {
    const photo = await drawPhoto(2200, 1100);
    const result = expectOk(
      await processInPage(page, 'photo.jpg', photo, { hero: { widths: WIDTHS, format: 'image/webp' } }),
    );
    expect(Object.keys(result.variants)).toEqual(['hero-320w', 'hero-640w', 'hero-1280w', 'hero-2048w']);
    for (const width of WIDTHS) {
      const variant = result.variants[`hero-${width}w`]!;
      const height = width / 2;
      expect([variant.width, variant.height]).toEqual([width, height]);
      expect(await sharp(variant.data).metadata()).toMatchObject({ format: 'webp', width, height });
    }
    expect(result.stages.filter((stage) => stage === 'decode')).toHaveLength(1);
    const set = result.responsive['hero']!;
    expect(set.versions).toEqual(['hero-320w', 'hero-640w', 'hero-1280w', 'hero-2048w']);
    expect(set.widths).toEqual(WIDTHS);
    expect(set.namedSrcset).toBe('hero-320w 320w, hero-640w 640w, hero-1280w 1280w, hero-2048w 2048w');
    expect(set.srcset).toMatch(/^blob:\S+ 320w, blob:\S+ 640w, blob:\S+ 1280w, blob:\S+ 2048w$/);
  });

  test('widths wider than the image are never enlarged: the first reaching its width is kept, the rest dropped', async ({
    page,
  }) => {
    const photo = await drawPhoto(1000, 750, { format: 'png' });
    const result = expectOk(await processInPage(page, 'photo.png', photo, { hero: { widths: WIDTHS } }));
    expect(Object.keys(result.variants)).toEqual(['hero-320w', 'hero-640w', 'hero-1280w']);
    expect(result.variants['hero-1280w']).toMatchObject({ width: 1000, height: 750 });
    expect(result.responsive['hero']!.widths).toEqual([320, 640, 1000]);
    expect(result.responsive['hero']!.namedSrcset).toBe('hero-320w 320w, hero-640w 640w, hero-1280w 1000w');
    expect(result.stages.filter((stage) => stage === 'decode')).toHaveLength(1);
  });

  test('an image narrower than every width gives one version at its own width', async ({ page }) => {
    const result = expectOk(
      await processInPage(page, 'small.jpg', await drawPhoto(200, 100), { hero: { widths: WIDTHS } }),
    );
    expect(Object.keys(result.variants)).toEqual(['hero-320w']);
    expect(result.responsive['hero']!.namedSrcset).toBe('hero-320w 200w');
  });

  test('the widths after processors equal the same specs declared one by one, pixel for pixel', async ({ page }) => {
    const photo = await drawPhoto(1200, 900);
    const processors = [resizeToFill(800, 800), grayscale()];
    const together = expectOk(
      await processInPage(page, 'photo.jpg', photo, {
        thumb: { processors: [resizeToFill(100, 100)] },
        hero: { widths: [200, 500], processors, format: 'image/png' },
        other: { processors: [resizeToFit(300, 300)] },
      }),
    );
    expect(together.stages.filter((stage) => stage === 'decode')).toHaveLength(1);
    const single = expectOk(
      await processInPage(page, 'photo.jpg', photo, {
        at200: { processors: [...processors, resizeToFit(200, null, { upscale: false })], format: 'image/png' },
        at500: { processors: [...processors, resizeToFit(500, null, { upscale: false })], format: 'image/png' },
      }),
    );
    expect(together.variants['hero-200w']!.data.equals(single.variants['at200']!.data)).toBe(true);
    expect(together.variants['hero-500w']!.data.equals(single.variants['at500']!.data)).toBe(true);
    expect(together.variants['hero-500w']!.fingerprint).toBe(single.variants['at500']!.fingerprint);
  });

  test('the processors before the widths run once for all of them', async ({ page }) => {
    const result = expectOk(
      await processInPage(
        page,
        'photo.jpg',
        await drawPhoto(800, 400),
        { hero: { widths: [100, 200, 400], processors: [custom('stamp')], format: 'image/png' } },
        { pool: 'custom' },
      ),
    );
    const shades = await Promise.all(
      Object.values(result.variants).map(async ({ data }) => (await decodeRgba(data)).data[0]),
    );
    expect(shades).toHaveLength(3);
    expect(new Set(shades).size).toBe(1);
  });
});
