// What imagespec does where a browser lacks something, and what differs between engines: every
// fact below was measured in the engine, and the expectations say which engine has what.
import sharp from 'sharp';
import { resizeToFit, type Specs } from '../../../src/index.ts';
import { qualitySteps } from '../../../src/shared/byte-target.ts';
import { drawPhoto } from '../../support/images.ts';
import { drawQuadrants, storeWithOrientation } from '../../support/orientation.ts';
import { decodeRgba, lumaSsim, meanDifference, sharpLanczos } from '../../support/pixels.ts';
import { testPhoto } from '../../support/upload-page.ts';
import type { BrowserSession, Engine } from '../driver/session.ts';
import { expect, test } from '../fixtures.ts';
import { dataUrl } from '../support.ts';

const FEATURES_PAGE = '/tests/cross-browser/pages/features.html';
const UPLOAD_WITHOUT_LOCKS = '/tests/cross-browser/pages/upload-without-locks.html';

/** What each engine on this machine has (Chromium 156, Firefox ESR 153, WebKitGTK 2.50). */
const HAS: Record<Engine, { imageDecoder: boolean; storage: boolean; locks: boolean; encodesWebp: boolean }> = {
  chromium: { imageDecoder: true, storage: true, locks: true, encodesWebp: true },
  firefox: { imageDecoder: true, storage: true, locks: true, encodesWebp: true },
  webkit: { imageDecoder: false, storage: false, locks: true, encodesWebp: false },
};

function runIn(
  session: BrowserSession,
  bytes: Buffer,
  specs: Specs,
  worker?: 'without-image-decoder' | 'without-offscreen-canvas',
) {
  return session.evaluate(
    (url, specs, worker) => window.features.run(url, JSON.parse(specs), (worker ?? undefined) as never),
    dataUrl(bytes),
    JSON.stringify(specs),
    worker ?? null,
  );
}

function pixelsOf(outcome: Awaited<ReturnType<typeof runIn>>, name: string): Buffer {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.code}: ${outcome.message}`);
  return Buffer.from(outcome.variants[name]!.base64, 'base64');
}

/** WebP out, where the engine encodes it. */
export function webpCases(): void {
  test('WebP is encoded where the engine can; elsewhere asking for it fails before decoding, and the default falls back', async ({
    session,
  }) => {
    await session.open(FEATURES_PAGE);
    const encodes = HAS[session.engine].encodesWebp;
    const webpPhoto = await drawPhoto(400, 300, { format: 'webp' });
    const asked = await runIn(session, webpPhoto, {
      web: { processors: [resizeToFit(200, 200)], format: 'image/webp' },
    });
    if (encodes) expect(asked).toMatchObject({ ok: true, variants: { web: { type: 'image/webp' } } });
    else {
      expect(asked).toMatchObject({ ok: false, code: 'ENCODE_FAILED', stages: ['queued'] });
      expect(asked.ok === false && asked.message).toContain('this browser cannot encode image/webp');
    }
    // The default format is the source's own where the engine encodes it, else JPEG or PNG by alpha.
    const opaque = await runIn(session, webpPhoto, { web: { processors: [resizeToFit(200, 200)] } });
    const clear = await sharp({
      create: { width: 64, height: 64, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .webp({ lossless: true })
      .toBuffer();
    const transparent = await runIn(session, clear, { web: { processors: [] } });
    const type = (outcome: typeof opaque) => outcome.ok && outcome.variants['web']!.type;
    expect([type(opaque), type(transparent)]).toEqual(
      encodes ? ['image/webp', 'image/webp'] : ['image/jpeg', 'image/png'],
    );
    const decoded = await sharp(pixelsOf(opaque, 'web')).metadata();
    expect([decoded.format, decoded.width, decoded.height]).toEqual([encodes ? 'webp' : 'jpeg', 200, 150]);
  });
}

export function featureCases(): void {
  // The cases on the features page share one load of it.
  test.describe('on the features page', () => {
    test.beforeAll(async ({ session }) => session.open(FEATURES_PAGE));
    test('the engine has the features this suite expects of it', async ({ session }) => {
      const features = await session.evaluate(() => window.features.engineFeatures());
      expect(features).toEqual({ ...HAS[session.engine], offscreenCanvas: true });
    });

    test('without ImageDecoder, a turned JPEG is decoded whole and comes out upright, as with it', async ({
      session,
    }) => {
      const jpeg = await storeWithOrientation(await drawQuadrants(1200, 800), 6);
      const specs = { small: { processors: [resizeToFit(150, 150)], format: 'image/png' } } as const;
      const upright = await decodeRgba(await sharpLanczos(jpeg, 150, 100));
      const withDecoder = await decodeRgba(pixelsOf(await runIn(session, jpeg, specs), 'small'));
      const without = await decodeRgba(pixelsOf(await runIn(session, jpeg, specs, 'without-image-decoder'), 'small'));
      expect([without.width, without.height, withDecoder.width, withDecoder.height]).toEqual([150, 100, 150, 100]);
      expect(meanDifference(without, upright), 'without ImageDecoder, to sharp').toBeLessThan(3);
      expect(meanDifference(withDecoder, upright), 'with ImageDecoder where there is one, to sharp').toBeLessThan(3);
    });

    test('without OffscreenCanvas in workers, every file fails with UNSUPPORTED_ENVIRONMENT before decoding', async ({
      session,
    }) => {
      const outcome = await runIn(
        session,
        await drawPhoto(400, 300),
        { web: { processors: [resizeToFit(200, 200)] } },
        'without-offscreen-canvas',
      );
      expect(outcome).toMatchObject({ ok: false, code: 'UNSUPPORTED_ENVIRONMENT', stages: ['queued'] });
      expect(outcome.ok === false && outcome.message).toMatch(/^unsupported environment: .*OffscreenCanvas/);
    });

    test('JPEG quality: more quality gives more bytes and closer pixels, and maxBytes picks the highest quality that fits', async ({
      session,
    }) => {
      // One call: the lossless version, the JPEG at every quality maxBytes may try and at 0.95,
      // and a version with maxBytes. Each engine's encoder makes other bytes at the same quality,
      // so the quality maxBytes chooses is checked against this engine's own curve.
      const steps = qualitySteps(0.85, 0.4);
      const qualities = [...steps].reverse().concat(0.95);
      const maxBytes = 25_000;
      const jpeg = { processors: [], format: 'image/jpeg' } as const;
      const specs: Specs = {
        lossless: { processors: [], format: 'image/png' },
        fitted: { ...jpeg, maxBytes },
        ...Object.fromEntries(qualities.map((quality) => [`q${quality}`, { ...jpeg, quality }])),
      };
      const outcome = await runIn(session, await drawPhoto(640, 480, { format: 'png' }), specs);
      const bytesAt = (quality: number) => pixelsOf(outcome, `q${quality}`).length;
      const lossless = await decodeRgba(pixelsOf(outcome, 'lossless'));
      const curve: { quality: number; bytes: number; ssim: number }[] = [];
      for (const quality of [0.5, 0.7, 0.85, 0.95]) {
        curve.push({
          quality,
          bytes: bytesAt(quality),
          ssim: lumaSsim(await decodeRgba(pixelsOf(outcome, `q${quality}`)), lossless),
        });
      }
      const fitted = outcome.ok ? outcome.variants['fitted']! : undefined;
      console.log(
        `${session.engine} JPEG: ${curve.map(({ quality, bytes, ssim }) => `q${quality} ${bytes} B SSIM ${ssim.toFixed(4)}`).join(', ')}; ` +
          `maxBytes ${maxBytes}: quality ${fitted?.quality}, ${pixelsOf(outcome, 'fitted').length} B`,
      );
      for (let index = 1; index < qualities.length; index++) {
        const [lower, higher] = [qualities[index - 1]!, qualities[index]!];
        expect(bytesAt(higher), `bytes at q${higher} over q${lower}`).toBeGreaterThan(bytesAt(lower));
      }
      for (let index = 1; index < curve.length; index++) {
        expect(curve[index]!.ssim, `SSIM at q${curve[index]!.quality}`).toBeGreaterThanOrEqual(curve[index - 1]!.ssim);
      }
      expect(curve.find(({ quality }) => quality === 0.85)!.ssim, 'SSIM at the default quality').toBeGreaterThanOrEqual(
        0.97,
      );
      // The highest step at or under the target, with the bytes that step makes here.
      const highest = steps.find((quality) => bytesAt(quality) <= maxBytes);
      expect(highest, 'a step under the target (the test needs one between 0.4 and 0.85)').toBeDefined();
      expect(highest, 'the target is under the top step, so maxBytes has to search').toBeLessThan(0.85);
      expect(fitted?.quality).toBe(highest);
      expect(pixelsOf(outcome, 'fitted').length).toBe(bytesAt(highest!));
    });

    test('a Display P3 photo comes out in sRGB with the same colours in every engine', async ({ session }) => {
      const srgb = await drawPhoto(480, 360, { format: 'png' });
      // The same picture, its pixels converted to Display P3 and tagged so: a colour-managed
      // decoder shows the sRGB picture; one that ignores the profile shows it washed out.
      const p3 = await sharp(srgb).withIccProfile('p3').jpeg({ quality: 95 }).toBuffer();
      const outcome = await runIn(session, p3, { same: { processors: [], format: 'image/png' } });
      const ours = await decodeRgba(pixelsOf(outcome, 'same'));
      // sharp converts from the embedded profile to sRGB: the same JPEG, colour-managed.
      const managed = await decodeRgba(p3);
      const ignored = await decodeRgba(await sharp(p3, { ignoreIcc: true }).png().toBuffer());
      console.log(
        `${session.engine} P3: mean difference ${meanDifference(ours, managed).toFixed(2)} to sharp's colour-managed decode, ${meanDifference(ours, ignored).toFixed(2)} to the profile ignored`,
      );
      expect(meanDifference(ours, managed)).toBeLessThan(2);
      expect(meanDifference(ours, ignored)).toBeGreaterThan(5);
    });

    test('the cache budget falls back to 50 MiB without navigator.storage, and persistence is answered either way', async ({
      session,
    }) => {
      const { budget, quota, persisted } = await session.evaluate(() => window.features.cacheBudget());
      if (HAS[session.engine].storage) {
        expect(budget).toBe(Math.min(Math.floor(quota! * 0.1), 1024 ** 3));
        expect(persisted).toMatchObject({ type: 'persisted', persisted: expect.any(Boolean) });
      } else {
        expect([quota, budget]).toEqual([null, 50 * 1024 * 1024]);
        expect(persisted).toEqual({ type: 'persisted', persisted: false });
      }
    });
  });

  test('without Web Locks, an upload still goes through the queue to the receiver', async ({ session }) => {
    await session.open(UPLOAD_WITHOUT_LOCKS);
    expect(await session.evaluate(() => 'locks' in navigator)).toBe(false);
    const made = await session.evaluate(
      (url, name) => window.uploadHarness.makeResult(url, name),
      dataUrl(await testPhoto(Date.now() % 100_000)),
      `${session.engine}-no-locks.jpg`,
    );
    const result = await session.evaluate(async (key) => {
      window.uploadHarness.start();
      return window.uploadHarness.outcome(await window.uploadHarness.enqueue(key));
    }, made.key);
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });
}
