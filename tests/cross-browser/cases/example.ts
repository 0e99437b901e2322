// The ImageKit example on a handful of photos, every EXIF orientation, and a transparent PNG:
// the sizes, the grey display and the untouched original, and the pixels against sharp.
import sharp from 'sharp';
import { resizeToFill, resizeToFit } from '../../../src/index.ts';
import { EXAMPLE_SPECS, expectGrey } from '../../support/example.ts';
import { hasFixtures, NO_FIXTURES, readFixture } from '../../support/fixtures.ts';
import { drawPhoto } from '../../support/images.ts';
import { drawQuadrants, storeWithOrientation } from '../../support/orientation.ts';
import { expectOk } from '../../support/page.ts';
import { decodeOnGrey, decodeRgba, lumaSsim, meanDifference, sharpLanczos } from '../../support/pixels.ts';
import type { BrowserSession } from '../driver/session.ts';
import { expect, test } from '../fixtures.ts';
import { HARNESS, processIn } from '../support.ts';

/** The example, plus one lossless version to compare with sharp (JPEG loss would hide the resampling). */
const SPECS = {
  ...EXAMPLE_SPECS,
  reference: { processors: [resizeToFill(320, 240)], format: 'image/png' },
} as const;

/** Runs the example on `bytes`, checks what a user would, and returns the reference's SSIM. */
async function expectExample(
  session: BrowserSession,
  name: string,
  bytes: Buffer,
  shown: { width: number; height: number },
): Promise<number> {
  const result = expectOk(await processIn(session, name, bytes, SPECS, { pool: 'custom' }));
  const { thumbnail, display, original, reference } = result.variants;
  expect([result.source.width, result.source.height], `${name} as displayed`).toEqual([shown.width, shown.height]);
  expect(thumbnail).toMatchObject({ width: 100, height: 75, type: 'image/jpeg' });
  const thumbnailPixels = await decodeRgba(thumbnail!.data);
  expect([thumbnailPixels.width, thumbnailPixels.height]).toEqual([100, 75]);
  const displayPixels = await decodeRgba(display!.data);
  expect([display!.width, display!.height, displayPixels.width, displayPixels.height]).toEqual([200, 400, 200, 400]);
  expectGrey(displayPixels, 1);
  expect(original!.data.equals(bytes), `${name}: the original is the file, byte for byte`).toBe(true);
  const ours = await decodeOnGrey(reference!.data);
  const theirs = await decodeOnGrey(await sharpLanczos(bytes, 320, 240, { fill: true }));
  const score = lumaSsim(ours, theirs);
  expect(score, `${name}: SSIM against sharp lanczos3`).toBeGreaterThanOrEqual(0.98);
  return score;
}

export function exampleCases(): void {
  test('the ImageKit example: a drawn photo, a phone photo held upright (EXIF 6) and a transparent PNG', async ({
    session,
  }) => {
    await session.open(HARNESS);
    const scores: string[] = [];
    const landscape = await drawPhoto(800, 600);
    scores.push(
      `landscape ${(await expectExample(session, 'photo.jpg', landscape, { width: 800, height: 600 })).toFixed(4)}`,
    );
    const upright = await drawPhoto(480, 720, { format: 'png' });
    const sideways = await storeWithOrientation(upright, 6);
    scores.push(
      `orientation 6 ${(await expectExample(session, 'phone.jpg', sideways, { width: 480, height: 720 })).toFixed(4)}`,
    );
    const transparent = await sharp(await drawPhoto(480, 360, { format: 'png' }))
      .ensureAlpha()
      .composite([
        {
          input: Buffer.from('<svg width="480" height="360"><circle cx="240" cy="180" r="150"/></svg>'),
          blend: 'dest-in',
        },
      ])
      .png()
      .toBuffer();
    scores.push(
      `transparent ${(await expectExample(session, 'cutout.png', transparent, { width: 480, height: 360 })).toFixed(4)}`,
    );
    console.log(`${session.engine}: reference SSIM ${scores.join(', ')}`);
    expect((await session.problems()).consoleErrors).toEqual([]);
  });

  test('a transparent PNG keeps its alpha by default, and its JPEG version is flattened onto white', async ({
    session,
  }) => {
    await session.open(HARNESS);
    const clear = await sharp({
      create: { width: 400, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const result = expectOk(
      await processIn(session, 'clear.png', clear, {
        auto: { processors: [resizeToFit(200, 200)] },
        jpeg: { processors: [resizeToFit(200, 200)], format: 'image/jpeg' },
      }),
    );
    expect(result.variants['auto']!.type).toBe('image/png');
    const auto = await decodeRgba(result.variants['auto']!.data);
    expect(Math.max(...auto.data.filter((_, index) => index % 4 === 3)), 'largest alpha').toBe(0);
    const jpeg = await decodeRgba(result.variants['jpeg']!.data);
    expect(Math.min(...jpeg.data.filter((_, index) => index % 4 !== 3)), 'darkest channel').toBeGreaterThanOrEqual(250);
  });

  test('all eight EXIF orientations come out upright, decoded whole and at reduced scale', async ({ session }) => {
    await session.open(HARNESS);
    // 240x160 needs every pixel (a full decode); a 150 px version of 1200x800 lets the decoder
    // work at 1/4 or 1/8 scale (WebCodecs ImageDecoder where the engine has it).
    for (const [width, height, box] of [
      [240, 160, 600],
      [1200, 800, 150],
    ] as const) {
      const upright = await drawQuadrants(width, height);
      const specs = {
        upright: { processors: [resizeToFit(box, box, { upscale: false })], format: 'image/png' as const },
      };
      const expected = await decodeRgba(
        await sharpLanczos(upright, Math.min(box, width), Math.min(box, width) * (height / width)),
      );
      for (let orientation = 1; orientation <= 8; orientation++) {
        const label = `${width}x${height}, orientation ${orientation}`;
        const jpeg = await storeWithOrientation(upright, orientation);
        const result = expectOk(await processIn(session, `o${orientation}.jpg`, jpeg, specs));
        expect(result.source.orientation, label).toBe(orientation);
        expect([result.source.width, result.source.height], label).toEqual([width, height]);
        const actual = await decodeRgba(result.variants['upright']!.data);
        expect([actual.width, actual.height], label).toEqual([expected.width, expected.height]);
        expect(meanDifference(actual, expected), label).toBeLessThan(3);
      }
    }
  });

  test('a real phone photo (EXIF 6) makes the ImageKit example', async ({ session }) => {
    test.skip(!hasFixtures, NO_FIXTURES);
    await session.open(HARNESS);
    const score = await expectExample(session, 'portrait-6.jpg', readFixture('orient-portrait-6.jpg'), {
      width: 1200,
      height: 1800,
    });
    console.log(`${session.engine}: real photo reference SSIM ${score.toFixed(4)}`);
  });
}
