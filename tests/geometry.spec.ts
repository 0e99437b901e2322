// Geometry is arithmetic: tested without a browser.
import { expect, test } from '@playwright/test';
import { anchoredRect, coverSize, cropRect, fillSourceRect, fitSize } from '../src/shared/geometry.ts';
import { decodeFraction, jpegDenominator } from '../src/shared/decode-plan.ts';

const CENTER = { x: 0.5, y: 0.5 };

test('fitSize keeps the aspect ratio inside the box and never returns 0 pixels', () => {
  expect(fitSize({ width: 4000, height: 3000 }, { width: 2048, height: 2048 }, true)).toEqual({
    width: 2048,
    height: 1536,
  });
  // 2.5 rounds to 2, as Python's round() does in pilkit.
  expect(fitSize({ width: 100, height: 8000 }, { width: 200, height: 200 }, true)).toEqual({ width: 2, height: 200 });
  expect(fitSize({ width: 8000, height: 1 }, { width: 100, height: 100 }, true)).toEqual({ width: 100, height: 1 });
  expect(fitSize({ width: 300, height: 200 }, { width: 1000, height: 1000 }, false)).toEqual({
    width: 300,
    height: 200,
  });
  expect(fitSize({ width: 300, height: 200 }, { width: 1000, height: 1000 }, true)).toEqual({
    width: 1000,
    height: 667,
  });
});

test('coverSize is the smallest same-ratio size covering the box', () => {
  expect(coverSize({ width: 300, height: 200 }, { width: 100, height: 100 }, true)).toEqual({
    width: 150,
    height: 100,
  });
  expect(coverSize({ width: 1, height: 1 }, { width: 100, height: 75 }, true)).toEqual({ width: 100, height: 100 });
  expect(coverSize({ width: 1, height: 1 }, { width: 100, height: 75 }, false)).toEqual({ width: 1, height: 1 });
});

test('anchoredRect truncates like pilkit', () => {
  expect(anchoredRect({ width: 101, height: 51 }, { width: 50, height: 50 }, CENTER)).toEqual({
    x: 25,
    y: 0,
    width: 50,
    height: 50,
  });
  expect(anchoredRect({ width: 200, height: 100 }, { width: 50, height: 40 }, { x: 1, y: 1 })).toEqual({
    x: 150,
    y: 60,
    width: 50,
    height: 40,
  });
});

test('cropRect clamps to the source and lets x/y override the anchor', () => {
  expect(cropRect({ width: 200, height: 100 }, { width: 500, height: 400 }, CENTER, null, null)).toEqual({
    x: 0,
    y: 0,
    width: 200,
    height: 100,
  });
  expect(cropRect({ width: 200, height: 100 }, { width: 50, height: 40 }, CENTER, 190, null)).toEqual({
    x: 150,
    y: 30,
    width: 50,
    height: 40,
  });
});

test('fillSourceRect is the part of the source a cover-then-crop keeps', () => {
  expect(fillSourceRect({ width: 4000, height: 3000 }, { width: 100, height: 75 }, CENTER)).toEqual({
    x: 0,
    y: 0,
    width: 4000,
    height: 3000,
  });
  // pilkit covers to 533x400 (rounded) and crops at trunc(333 / 2) = 166: in source pixels, 1246 + 1501.
  expect(fillSourceRect({ width: 4000, height: 3000 }, { width: 200, height: 400 }, CENTER)).toEqual({
    x: 1246,
    y: 0,
    width: 1501,
    height: 3000,
  });
  expect(fillSourceRect({ width: 100, height: 8000 }, { width: 100, height: 75 }, { x: 0.5, y: 0 })).toEqual({
    x: 0,
    y: 0,
    width: 100,
    height: 75,
  });
  expect(fillSourceRect({ width: 1, height: 1 }, { width: 100, height: 75 }, CENTER)).toEqual({
    x: 0,
    y: 0,
    width: 1,
    height: 1,
  });
});

test('a JPEG is decoded only as large as its specs need', () => {
  const full = { width: 5760, height: 3840 };
  const thumbnail = { op: 'resizeToFill', width: 100, height: 75, anchor: CENTER, upscale: true } as const;
  const display = { op: 'resizeToFill', width: 200, height: 400, anchor: CENTER, upscale: true } as const;
  const web = { op: 'resizeToFit', width: 2048, height: 2048, upscale: true, matColor: null, anchor: CENTER } as const;
  // The display's 1920x3840 region at 2x 200x400 needs 400x800: a fifth of the height.
  expect(decodeFraction([thumbnail, display], full)).toBeCloseTo(800 / 3840);
  expect(jpegDenominator(decodeFraction([thumbnail, display], full))).toBe(4);
  expect(jpegDenominator(decodeFraction([thumbnail], full))).toBe(8);
  // Every output keeps twice its size, and only 1/2, 1/4 and 1/8 are used: a 2048 px version of
  // a 22 MP photo is made from all of it.
  expect(jpegDenominator(decodeFraction([web], full))).toBe(1);
  expect(jpegDenominator(decodeFraction([web], { width: 4000, height: 3000 }))).toBe(1);
  expect(decodeFraction([thumbnail, { op: 'grayscale' }], full)).toBe(1);
  expect(decodeFraction([thumbnail, undefined], full)).toBe(1);
});
