// The packed library under a strict Content-Security-Policy: no eval, no inline script, workers
// and wasm from the site itself only; the page is the consumer tests' app without a bundler.
import { expectGrey } from '../../support/example.ts';
import { drawPhoto } from '../../support/images.ts';
import { decodeRgba } from '../../support/pixels.ts';
import type { StaticServer } from '../../support/static-server.ts';
import { expect, test } from '../fixtures.ts';
import { startStrictSite, STRICT_PAGE } from '../strict-site.ts';

interface ConsumerVariant {
  width: number;
  height: number;
  type: string;
  base64: string;
}

export function cspCases(): void {
  let site: StaticServer | undefined;
  test.afterAll(async () => site?.close());

  test('the packed library runs the ImageKit example under a strict CSP, with no violation and no console error', async ({
    session,
  }) => {
    // Where consumers.spec.ts has not run first on this tree (a run of this file alone), the first
    // engine here packs the library and installs the app: minutes on a busy machine.
    test.setTimeout(300_000);
    site ??= await startStrictSite();
    const photo = await drawPhoto(800, 600);
    site.put('/input/photo.jpg', photo);
    await session.open(`${site.origin}${STRICT_PAGE}`);
    const outcome = await session.evaluate(() =>
      (
        window as unknown as {
          consumer: {
            example(url: string): Promise<{ variants: Record<string, ConsumerVariant>; violations: string[] }>;
          };
        }
      ).consumer.example('/input/photo.jpg'),
    );
    const { thumbnail, display, original } = outcome.variants;
    expect(thumbnail).toMatchObject({ width: 100, height: 75, type: 'image/jpeg' });
    const thumbnailPixels = await decodeRgba(Buffer.from(thumbnail!.base64, 'base64'));
    expect([thumbnailPixels.width, thumbnailPixels.height]).toEqual([100, 75]);
    expect(display).toMatchObject({ width: 200, height: 400 });
    const displayPixels = await decodeRgba(Buffer.from(display!.base64, 'base64'));
    expect([displayPixels.width, displayPixels.height]).toEqual([200, 400]);
    expectGrey(displayPixels, 1);
    expect(Buffer.from(original!.base64, 'base64').equals(photo), 'the original is the file, byte for byte').toBe(true);
    expect(outcome.violations).toEqual([]);
    expect(await session.problems()).toEqual({ consoleErrors: [], cspViolations: [] });
  });
}
