// Backoff and Retry-After are arithmetic: tested without a page.
import { expect, test } from '@playwright/test';
import { backoffDelay, clampDelay, MAX_DELAY, parseRetryAfter, retryDelay } from '../src/upload/backoff.ts';

const OPTIONS = { baseDelay: 1000, maxDelay: 30_000 };

test('backoff doubles each attempt, between half and all of the step, capped', () => {
  expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, OPTIONS, 0))).toEqual([500, 1000, 2000, 4000]);
  expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, OPTIONS, 0.999_999)).map(Math.round)).toEqual([
    1000, 2000, 4000, 8000,
  ]);
  expect(backoffDelay(20, OPTIONS, 0)).toBe(15_000);
  expect(backoffDelay(20, OPTIONS, 0.999_999)).toBeLessThanOrEqual(30_000);
});

test('with equal jitter, a later wait is never shorter than an earlier one (below the cap)', () => {
  for (let attempt = 1; attempt < 5; attempt++) {
    expect(backoffDelay(attempt + 1, OPTIONS, 0)).toBeGreaterThanOrEqual(backoffDelay(attempt, OPTIONS, 0.999_999));
  }
});

test('Retry-After reads delay-seconds and HTTP-dates', () => {
  const now = Date.parse('2026-11-24T12:00:00Z');
  expect(parseRetryAfter('2', now)).toBe(2000);
  expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
  expect(parseRetryAfter('Tue, 24 Nov 2026 12:00:05 GMT', now)).toBe(5000);
  expect(parseRetryAfter('Tue, 24 Nov 2026 11:00:00 GMT', now)).toBe(0);
  expect(parseRetryAfter('soon', now)).toBeNull();
  expect(parseRetryAfter(null, now)).toBeNull();
});

test('the wait is never shorter than what the server asked for', () => {
  expect(retryDelay(1, 2000, OPTIONS, 0)).toBe(2000);
  expect(retryDelay(5, 2000, OPTIONS, 0)).toBe(8000);
  expect(retryDelay(1, null, OPTIONS, 0)).toBe(500);
});

test('every delay is clamped to what a timer can wait: 0 to 2^31 - 1 ms (longer would fire at once)', () => {
  expect(MAX_DELAY).toBe(2 ** 31 - 1);
  expect(parseRetryAfter('99999999999')).toBe(MAX_DELAY);
  expect(parseRetryAfter('9'.repeat(400))).toBe(MAX_DELAY);
  expect(parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', Date.parse('2026-11-24T12:00:00Z'))).toBe(MAX_DELAY);
  expect(retryDelay(1, 10 ** 12, OPTIONS, 0)).toBe(MAX_DELAY);
  expect(retryDelay(60, null, { baseDelay: 1000, maxDelay: 10 ** 15 }, 0.5)).toBe(MAX_DELAY);
  expect([clampDelay(-5), clampDelay(Number.NaN), clampDelay(Infinity)]).toEqual([0, MAX_DELAY, MAX_DELAY]);
});
