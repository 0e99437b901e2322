// What the architecture promises at run time: listeners do not outlive their jobs, and every
// failure inside a worker reaches the caller typed, with its cause.
import { expect, test } from '@playwright/test';
import { openHarness } from './support/page.ts';

const PAGE = '/tests/pages/lifecycle-harness.html';

test('a long-lived AbortSignal does not keep 200 finished jobs and their files alive', async ({ page }) => {
  test.setTimeout(120_000);
  await openHarness(page, PAGE);
  await page.evaluate(() => window.lifecycle.runUnderLongLivedSignal(200));
  const cdp = await page.context().newCDPSession(page);
  // Finalizers run after a collection, in a later task: collect, let them run, repeat.
  let finalized = 0;
  for (let round = 0; round < 10 && finalized < 200; round++) {
    await cdp.send('HeapProfiler.collectGarbage');
    await page.waitForTimeout(100);
    finalized = await page.evaluate(() => window.lifecycle.finalized());
  }
  console.log(`files reclaimed after 200 jobs under one signal: ${finalized}`);
  // The last job's file may still be referenced from the page's last microtasks; the rest must go.
  expect(finalized).toBeGreaterThanOrEqual(199);
});

test('a built-in processor that throws in the worker reaches the caller as PROCESSOR_FAILED, naming it', async ({
  page,
}) => {
  await openHarness(page, PAGE);
  const error = await page.evaluate(() => window.lifecycle.failBuiltIn());
  expect(error).toMatchObject({
    name: 'ImageSpecError',
    code: 'PROCESSOR_FAILED',
    details: { processor: 'resize', spec: 'broken' },
  });
  expect(error!.message).toContain('processor "resize" failed in spec "broken"');
  // The browser's own exception is kept as the cause, across the worker boundary.
  expect(error!.cause).toBeDefined();
  expect(error!.cause!.message.length).toBeGreaterThan(0);
});

test('a custom processor that throws keeps its error as the cause across the worker boundary', async ({ page }) => {
  await openHarness(page, PAGE);
  const error = await page.evaluate(() => window.lifecycle.failCustom());
  expect(error).toMatchObject({
    name: 'ImageSpecError',
    code: 'PROCESSOR_FAILED',
    details: { processor: 'throws' },
    cause: { name: 'Error', message: 'this processor always fails' },
  });
});
