// The shared corpus of real images lives beside the project, never inside it. Tests that need
// it skip themselves where it is absent (a user's clone).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const FIXTURES_DIR = process.env.IMAGESPEC_FIXTURES ?? resolve(import.meta.dirname, '../../../shared/fixtures');
export const hasFixtures = existsSync(resolve(FIXTURES_DIR, 'manifest.json'));
export const NO_FIXTURES = `fixtures folder absent: ${FIXTURES_DIR}`;

export interface FixtureEntry {
  file: string;
  bytes: number;
  width: number | null;
  height: number | null;
  format: string;
  orientation: number | null;
  gps: boolean;
  category: string;
  expect: 'ok' | 'error';
  browser_dependent: boolean;
  tags: string[];
}

export function fixtureManifest(): FixtureEntry[] {
  return hasFixtures
    ? (JSON.parse(readFileSync(resolve(FIXTURES_DIR, 'manifest.json'), 'utf8')) as FixtureEntry[])
    : [];
}

export function readFixture(name: string): Buffer {
  return readFileSync(resolve(FIXTURES_DIR, name));
}
