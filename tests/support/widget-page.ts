// Node-side view of the widget test pages (tests/widget/app.js): the shape of what they record,
// and the checks the widget tests share.
import { expect, type Page } from '@playwright/test';
import exifr from 'exifr';
import type { WidgetSite } from './widget-site.ts';

/** A file the page fetches from the site and hands to the widget. */
export interface PageInput {
  url: string;
  name: string;
  type: string;
}

/** A folder for `dropFolder`: names to inputs (files) or to nested folders. */
export interface FolderTree {
  [name: string]: PageInput | FolderTree;
}

export interface RecordedEvent {
  type: 'accept' | 'processed' | 'progress' | 'uploaded' | 'error' | 'complete';
  at: number;
  name?: string;
  state?: string;
  stage?: 'refused' | 'processing' | 'uploading';
  progress?: number;
  code?: string;
  message?: string;
  uploadId?: string;
  count?: number;
}

export interface ShownRow {
  name: string;
  state: string;
  status: string;
  size: string;
  preview: { src: string; width: number; height: number } | null;
  progressLabel: string;
}

export interface WidgetTestApi {
  violations(): string[];
  events(): RecordedEvent[];
  items(): Array<{
    name: string;
    size: number;
    state: string;
    progress: number;
    uploadId: string | null;
    code: string | null;
  }>;
  rows(): ShownRow[];
  privacy(): string;
  spoken(): string[];
  drop(inputs: PageInput[]): Promise<void>;
  dragOver(inputs: PageInput[]): Promise<void>;
  paste(inputs: PageInput[]): Promise<void>;
  dropFolder(name: string, tree: FolderTree): Promise<void>;
  startLongTasks(): void;
  stopLongTasks(): number[];
  settled(count: number): Promise<true>;
}

declare global {
  interface Window {
    widgetTest: WidgetTestApi;
  }
}

export const jpeg = (name: string): PageInput => ({ url: `/input/${name}`, name, type: 'image/jpeg' });

export function rows(page: Page): Promise<ShownRow[]> {
  return page.evaluate(() => window.widgetTest.rows());
}

export function settled(page: Page, count: number): Promise<true> {
  return page.evaluate((count) => window.widgetTest.settled(count), count);
}

/** Every version of every named photo is in the receiver's ledger exactly once. */
export async function expectStoredOnce(site: WidgetSite, names: string[]): Promise<void> {
  const ledger = await site.receiver.ledger();
  for (const name of names) {
    const versions = ledger.filter((entry) => entry.sourceName === name).map((entry) => entry.version);
    expect(versions.sort(), `versions of ${name} stored`).toEqual(['display', 'original', 'thumbnail']);
  }
}

/**
 * Playwright intercepts the file chooser only while someone listens for it, and switches that off
 * and on again around each `waitForEvent`: a key pressed in between opens a real (headless,
 * cancelled) dialog instead. A listener for the whole test keeps the interception on.
 */
export function interceptFileChoosers(page: Page): void {
  page.on('filechooser', () => undefined);
}

export async function expectNoViolations(page: Page): Promise<void> {
  expect(await page.evaluate(() => window.widgetTest.violations())).toEqual([]);
}

/** EXIF as exifr reads it from bytes that reached a receiver, GPS included. */
export async function exifOf(bytes: Buffer): Promise<Record<string, unknown>> {
  return ((await exifr.parse(bytes, { gps: true })) ?? {}) as Record<string, unknown>;
}
