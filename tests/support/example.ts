// The ImageKit example every part of imagespec serves (see DESIGN.md).
import { expect } from '@playwright/test';
import type { Raw } from './pixels.ts';

export { EXAMPLE_SPECS } from '../../demo/example-specs.ts';

/** Every pixel has R = G = B within `tolerance` levels. */
export function expectGrey(image: Raw, tolerance: number): void {
  let worst = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
    worst = Math.max(worst, Math.abs(r - g), Math.abs(g - b), Math.abs(r - b));
  }
  expect(worst, 'largest spread between R, G and B').toBeLessThanOrEqual(tolerance);
}
