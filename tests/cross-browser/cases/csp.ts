// The built library under a strict Content-Security-Policy: no eval, no inline script, workers
// and wasm from the site itself only.
import { drawPhoto } from '../../support/images.ts';
import type { StaticServer } from '../../support/static-server.ts';
import { expect, test } from '../fixtures.ts';
import { startStrictSite, STRICT_PAGE } from '../strict-site.ts';

interface ConsumerVariant {
  width: number;
  height: number;
  type: string;
  decoded: [number, number];
  greySpread: number;
}

export function cspCases(): void {
  let site: StaticServer | undefined;
  test.afterAll(async () => site?.close());

  test('the built library runs the ImageKit example under a strict CSP, with no violation and no console error', async ({
    session,
  }) => {
    site ??= await startStrictSite();
    site.put('/input/photo.jpg', await drawPhoto(1600, 1200));
    await session.open(`${site.origin}${STRICT_PAGE}`);
    const outcome = await session.evaluate(() =>
      (
        window as unknown as {
          consumer: {
            example(url: string): Promise<{
              variants: Record<string, ConsumerVariant>;
              originalIdentical: boolean;
              violations: string[];
            }>;
          };
        }
      ).consumer.example('/input/photo.jpg'),
    );
    expect(outcome.variants['thumbnail']).toMatchObject({
      width: 100,
      height: 75,
      type: 'image/jpeg',
      decoded: [100, 75],
    });
    expect(outcome.variants['display']).toMatchObject({ width: 200, height: 400, decoded: [200, 400] });
    expect(outcome.variants['display']!.greySpread).toBeLessThanOrEqual(1);
    expect(outcome.originalIdentical).toBe(true);
    expect(outcome.violations).toEqual([]);
    expect(await session.problems()).toEqual({ consoleErrors: [], cspViolations: [] });
  });
}
