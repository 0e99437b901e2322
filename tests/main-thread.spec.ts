// The page stays responsive: decode, resize and encode happen in workers.
import { expect, test } from '@playwright/test';
import { EXAMPLE_SPECS } from './support/example.ts';
import { fixtureManifest, hasFixtures, readFixture } from './support/fixtures.ts';
import { drawPhoto } from './support/images.ts';
import { batchInPage, openHarness } from './support/page.ts';

test.describe('while processing', () => {
  // One retry, for this test only: on 2 cores shared with the test runner and the dev server,
  // another process can stretch a short task past 50 ms. A block of the library's own making
  // happens on every run, so it fails the retry too; .ci/run reports the test as flaky, and a
  // test flaky twice in a row fails the run.
  test.describe.configure({ retries: 1 });

  test('no main-thread long task while five of the largest photos are processed', async ({ page }) => {
    test.setTimeout(120_000);
    await openHarness(page);
    const inputs = hasFixtures
      ? fixtureManifest()
          .filter((entry) => entry.expect === 'ok')
          .sort((a, b) => (b.width ?? 0) * (b.height ?? 0) - (a.width ?? 0) * (a.height ?? 0))
          .slice(0, 5)
          .map((entry) => ({ name: entry.file, bytes: readFixture(entry.file) }))
      : await Promise.all(
          Array.from({ length: 5 }, async (_, i) => ({ name: `photo${i}.jpg`, bytes: await drawPhoto(4000, 3000) })),
        );
    const outcome = await batchInPage(page, inputs, EXAMPLE_SPECS, { pool: 'custom' });
    expect(outcome.results.every((result) => result.ok)).toBe(true);
    console.log(
      `five largest photos: ${outcome.elapsedMs.toFixed(0)} ms, long tasks: [${outcome.longTasks.map((d) => d.toFixed(0)).join(', ')}]`,
    );
    expect(outcome.longTasks).toEqual([]);
  });
});

test('the long-task observer used above does see a main-thread block (the test can fail)', async ({ page }) => {
  await openHarness(page);
  const seen = await page.evaluate(async () => {
    const durations: number[] = [];
    const observer = new PerformanceObserver((list) =>
      list.getEntries().forEach((entry) => durations.push(entry.duration)),
    );
    observer.observe({ type: 'longtask' });
    // Busy on purpose, in a task of the page's own (as processing callbacks would be): 120 ms.
    setTimeout(() => {
      const end = performance.now() + 120;
      while (performance.now() < end) {
        // block
      }
    }, 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    observer.disconnect();
    return durations;
  });
  expect(
    seen.some((duration) => duration >= 100),
    `long tasks seen: [${seen.join(', ')}]`,
  ).toBe(true);
});
