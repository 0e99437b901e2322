// pilkit's own test suite and reference images live beside the project (../shared/pilkit), never
// inside it. Tests that need them skip themselves where the folder is absent.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const PILKIT_DIR = process.env.IMAGESPEC_PILKIT ?? resolve(import.meta.dirname, '../../../shared/pilkit');
export const hasPilkit = existsSync(resolve(PILKIT_DIR, 'test_processors.py'));
export const NO_PILKIT = `pilkit reference folder absent: ${PILKIT_DIR}`;

export function readPilkitAsset(name: string): Buffer {
  return readFileSync(resolve(PILKIT_DIR, name));
}
