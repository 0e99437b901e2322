// The one small interface every engine's driver gives the cross-browser tests: open a page,
// evaluate a function in it, read what went wrong there, close.

/** The engines the cross-browser subset runs in. */
export type Engine = 'chromium' | 'firefox' | 'webkit';

/** Anything JSON can carry: what crosses into and out of a page under every protocol. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What the page reported: console errors, uncaught errors and rejections, CSP violations. */
export interface PageProblems {
  consoleErrors: string[];
  cspViolations: string[];
}

/** One browser of one engine, with one tab, reused across tests. */
export interface BrowserSession {
  readonly engine: Engine;
  /** The browser's own version, e.g. `153.8.0esr` or WebKitGTK's `2.50.6`. */
  readonly version: string;
  /**
   * Opens `url` (relative to the test server) in the tab, replacing what was there, and waits
   * until the page's module marks `document.body.dataset.ready`.
   */
  open(url: string): Promise<void>;
  /**
   * Runs `fn(...args)` in the page and resolves with its (awaited) result. `fn` travels as
   * source text: it must use nothing but its arguments and the page's globals.
   */
  evaluate<Args extends Json[], Result>(fn: (...args: Args) => Result, ...args: Args): Promise<Awaited<Result>>;
  /**
   * Gives files to the file input matched by `input` inside the shadow root of the element
   * matched by `host`, as a person's file chooser does: `change` fires with real `File`s.
   * `paths` are files on this machine (every protocol reads them from disk).
   */
  pickFiles(host: string, input: string, paths: string[]): Promise<void>;
  /** What went wrong in the page opened last, since it was opened. */
  problems(): Promise<PageProblems>;
  close(): Promise<void>;
}

/** How long one evaluation may take before the driver gives up on it. */
export const EVALUATE_TIMEOUT = 45_000;
/** How long a page may take to become ready. */
export const READY_TIMEOUT = 30_000;

/**
 * The script each driver runs in the page to read what the recorder (pages/recorder.js) saw.
 * A page without the recorder reports nothing.
 */
export function readRecordedProblems(): PageProblems {
  const recorded = (window as unknown as { recordedProblems?: PageProblems }).recordedProblems;
  return { consoleErrors: [...(recorded?.consoleErrors ?? [])], cspViolations: [...(recorded?.cspViolations ?? [])] };
}
