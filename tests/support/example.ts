// The ImageKit example every part of imagespec serves (see DESIGN.md).
import { expect } from '@playwright/test';
import { adjust, custom, resizeToFill } from '../../src/processors.ts';
import type { Specs } from '../../src/specs.ts';
import type { Raw } from './pixels.ts';

export const EXAMPLE_SPECS = {
  thumbnail: { processors: [resizeToFill(100, 75), adjust({ contrast: 1.2, sharpness: 1.1 })], format: 'image/jpeg', quality: 0.85 },
  display: { processors: [resizeToFill(200, 400), custom('toBW')] },
  original: { original: true },
} as const satisfies Specs;

/** Every pixel has R = G = B within `tolerance` levels. */
export function expectGrey(image: Raw, tolerance: number): void {
  let worst = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
    worst = Math.max(worst, Math.abs(r - g), Math.abs(g - b), Math.abs(r - b));
  }
  expect(worst, 'largest spread between R, G and B').toBeLessThanOrEqual(tolerance);
}
