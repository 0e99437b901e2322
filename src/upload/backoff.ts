// When to try again: pure arithmetic, tested without a browser.

/** The longest delay a timer can wait: setTimeout fires at once for anything longer (2^31 - 1 ms, about 24.8 days). */
export const MAX_DELAY = 2 ** 31 - 1;

/** A delay a timer can honour: 0 up to {@link MAX_DELAY}; an unreadable one waits the longest. */
export function clampDelay(ms: number): number {
  if (Number.isNaN(ms)) return MAX_DELAY;
  return Math.min(MAX_DELAY, Math.max(0, ms));
}

export interface BackoffOptions {
  /** First delay, in milliseconds. */
  baseDelay: number;
  /** No delay grows past this (a server's Retry-After may still ask for longer). */
  maxDelay: number;
}

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of
 * `baseDelay * 2^(n-1)` (capped). Half of it is fixed so that successive waits never shrink
 * (a storm of 429s meets ever wider gaps); the random half spreads clients apart.
 *
 * @param attempt 1 for the first retry.
 * @param random a number in [0, 1); injectable for tests.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: number = Math.random()): number {
  const ceiling = Math.min(options.maxDelay, options.baseDelay * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + (ceiling / 2) * random;
}

/**
 * Milliseconds a `Retry-After` header asks for: delay-seconds or an HTTP-date. Null when the
 * header is absent or unreadable; 0 for a date already past.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return clampDelay(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : clampDelay(date - now);
}

/** The wait before the next try: the backoff, but never less than what the server asked (clamped to a timer's range). */
export function retryDelay(
  attempt: number,
  retryAfter: number | null,
  options: BackoffOptions,
  random?: number,
): number {
  const backoff = backoffDelay(attempt, options, random);
  return clampDelay(retryAfter === null ? backoff : Math.max(backoff, retryAfter));
}
