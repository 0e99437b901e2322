// The resampler's inner loops, in AssemblyScript compiled to WebAssembly with 128-bit SIMD
// (`npm run build:kernel`; the result is committed as ../kernel-wasm.ts). The page-side driver
// (../driver.ts) plans the filter weights and walks the rows; these functions only multiply and add.
//
// A separable filter runs in two passes: `horizontal*` turns one source row into one row of the
// output's width, kept in a ring of rows; `vertical` then mixes `taps` of those rows into one
// output row. Fixed point throughout, so that two taps fit one `i32x4.dot_i16x8_s`:
//   weights        i16, 14 fraction bits (16384 = 1.0), every output's weights summing to 16384
//   ring rows      i16, 6 fraction bits (a level of 255 is 16320; ringing may go past 0..255)
//   output         u8, rounded and saturated
// Rows are read 16 bytes at a time: buffers the driver allocates carry 64 bytes of slack.

const ROUND_HORIZONTAL_U8: i32 = 1 << 7; // 14 + 0 fraction bits in, 6 out: shift 8
const ROUND_HORIZONTAL_I16: i32 = 1 << 13; // 14 + 6 in, 6 out: shift 14
const ROUND_VERTICAL_U8: i32 = 1 << 19; // 14 + 6 in, 0 out: shift 20

/** Pairs neighbouring pixels channel by channel: r0 r1 g0 g1 b0 b1 a0 a1 | r2 r3 ... */
const PAIR_RGBA: v128 = i8x16(0, 4, 1, 5, 2, 6, 3, 7, 8, 12, 9, 13, 10, 14, 11, 15);
/** The same, swapping red and blue: BGRA pixels in, RGBA order out. */
const PAIR_BGRA: v128 = i8x16(2, 6, 1, 5, 0, 4, 3, 7, 10, 14, 9, 13, 8, 12, 11, 15);

/**
 * One row of 4-channel u8 pixels (RGBA, or BGRA with `swapRedBlue`) to `count` i16 pixels.
 * `firsts` holds each output's first source pixel, `weights` its `taps` weights (a multiple of 4).
 */
export function horizontal4(
  source: usize,
  target: usize,
  count: i32,
  firsts: usize,
  weights: usize,
  taps: i32,
  swapRedBlue: bool,
): void {
  const pairing = swapRedBlue ? PAIR_BGRA : PAIR_RGBA;
  const rounding = i32x4.splat(ROUND_HORIZONTAL_U8);
  let weight = weights;
  for (let output = 0; output < count; output++) {
    let pixel = source + ((<usize>load<i32>(firsts + ((<usize>output) << 2))) << 2);
    let even = i32x4.splat(0);
    let odd = i32x4.splat(0);
    for (let tap = 0; tap < taps; tap += 4) {
      const paired = i8x16.swizzle(v128.load(pixel), pairing);
      even = i32x4.add(even, i32x4.dot_i16x8_s(i16x8.extend_low_i8x16_u(paired), v128.load32_splat(weight)));
      odd = i32x4.add(odd, i32x4.dot_i16x8_s(i16x8.extend_high_i8x16_u(paired), v128.load32_splat(weight, 4)));
      pixel += 16;
      weight += 8;
    }
    const sum = i32x4.shr_s(i32x4.add(i32x4.add(even, odd), rounding), 8);
    v128.store64_lane(target + ((<usize>output) << 3), i16x8.narrow_i32x4_s(sum, sum), 0);
  }
}

/** One row of premultiplied i16 RGBA pixels (see `premultiply`) to `count` i16 pixels; `taps` even. */
export function horizontal4Wide(
  source: usize,
  target: usize,
  count: i32,
  firsts: usize,
  weights: usize,
  taps: i32,
): void {
  const rounding = i32x4.splat(ROUND_HORIZONTAL_I16);
  let weight = weights;
  for (let output = 0; output < count; output++) {
    let pixel = source + ((<usize>load<i32>(firsts + ((<usize>output) << 2))) << 3);
    let sum = i32x4.splat(0);
    for (let tap = 0; tap < taps; tap += 2) {
      const paired = i8x16.shuffle(
        v128.load(pixel),
        v128.load(pixel),
        0,
        1,
        8,
        9,
        2,
        3,
        10,
        11,
        4,
        5,
        12,
        13,
        6,
        7,
        14,
        15,
      );
      sum = i32x4.add(sum, i32x4.dot_i16x8_s(paired, v128.load32_splat(weight)));
      pixel += 16;
      weight += 4;
    }
    sum = i32x4.shr_s(i32x4.add(sum, rounding), 14);
    v128.store64_lane(target + ((<usize>output) << 3), i16x8.narrow_i32x4_s(sum, sum), 0);
  }
}

/** One row of a single-channel u8 plane to `count` i16 samples; `taps` a multiple of 8. */
export function horizontal1(source: usize, target: usize, count: i32, firsts: usize, weights: usize, taps: i32): void {
  let weight = weights;
  for (let output = 0; output < count; output++) {
    let sample = source + <usize>load<i32>(firsts + ((<usize>output) << 2));
    let sum = i32x4.splat(0);
    for (let tap = 0; tap < taps; tap += 8) {
      sum = i32x4.add(sum, i32x4.dot_i16x8_s(v128.load8x8_u(sample), v128.load(weight)));
      sample += 8;
      weight += 16;
    }
    sum = i32x4.add(sum, i8x16.shuffle(sum, sum, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7));
    sum = i32x4.add(sum, i8x16.shuffle(sum, sum, 4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11));
    let value = (i32x4.extract_lane(sum, 0) + ROUND_HORIZONTAL_U8) >> 8;
    value = value < -32768 ? -32768 : value > 32767 ? 32767 : value;
    store<i16>(target + ((<usize>output) << 1), <i16>value);
  }
}

/** What `vertical` writes: u8 values; u8 with every fourth byte 255; i16 with 6 fraction bits. */
const OUTPUT_OPAQUE: i32 = 1;
const OUTPUT_WIDE: i32 = 2;

/**
 * Mixes `taps` ring rows (their addresses listed at `rows`, weights at `weights`, `taps` even)
 * into `length` values (a multiple of 8). Channel-blind: RGBA rows and plane rows alike.
 * `output` 0 writes u8, rounded and saturated; 1 (OUTPUT_OPAQUE) also sets every fourth byte to
 * 255 (4-channel rows whose fourth channel is padding); 2 (OUTPUT_WIDE) keeps the 6 fraction
 * bits, i16 out, for `unpremultiply`.
 */
export function vertical(rows: usize, weights: usize, taps: i32, target: usize, length: i32, output: i32): void {
  const wide = output == OUTPUT_WIDE;
  const shift = wide ? 14 : 20;
  const rounding = i32x4.splat(wide ? ROUND_HORIZONTAL_I16 : ROUND_VERTICAL_U8);
  const zero = i32x4.splat(0);
  const alpha = output == OUTPUT_OPAQUE ? i32x4.splat(0xff000000) : zero;
  for (let x = 0; x < length; x += 8) {
    const offset = (<usize>x) << 1;
    let low = zero;
    let high = zero;
    for (let tap = 0; tap < taps; tap += 2) {
      const row = rows + ((<usize>tap) << 2);
      const a = v128.load(load<usize>(row) + offset);
      const b = v128.load(load<usize>(row, 4) + offset);
      const weight = v128.load32_splat(weights + ((<usize>tap) << 1));
      low = i32x4.add(
        low,
        i32x4.dot_i16x8_s(i8x16.shuffle(a, b, 0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23), weight),
      );
      high = i32x4.add(
        high,
        i32x4.dot_i16x8_s(i8x16.shuffle(a, b, 8, 9, 24, 25, 10, 11, 26, 27, 12, 13, 28, 29, 14, 15, 30, 31), weight),
      );
    }
    low = i32x4.shr_s(i32x4.add(low, rounding), shift);
    high = i32x4.shr_s(i32x4.add(high, rounding), shift);
    const words = i16x8.narrow_i32x4_s(low, high);
    if (wide) v128.store(target + offset, words);
    else v128.store64_lane(target + <usize>x, v128.or(i8x16.narrow_i16x8_u(words, zero), alpha), 0);
  }
}

/**
 * RGBA u8 to premultiplied i16 with 6 fraction bits (colour · alpha / 255, alpha · 64), so that
 * transparent pixels lend no colour to their neighbours. `swapRedBlue` reads BGRA.
 */
export function premultiply(source: usize, target: usize, pixels: i32, swapRedBlue: bool): void {
  for (let index = 0; index < pixels; index++) {
    const from = source + ((<usize>index) << 2);
    const to = target + ((<usize>index) << 3);
    const alpha = <i32>load<u8>(from, 3);
    const first = (<i32>load<u8>(from) * alpha * 64 + 127) / 255;
    const green = (<i32>load<u8>(from, 1) * alpha * 64 + 127) / 255;
    const third = (<i32>load<u8>(from, 2) * alpha * 64 + 127) / 255;
    store<i16>(to, <i16>(swapRedBlue ? third : first));
    store<i16>(to, <i16>green, 2);
    store<i16>(to, <i16>(swapRedBlue ? first : third), 4);
    store<i16>(to, <i16>(alpha * 64), 6);
  }
}

/** Premultiplied i16 RGBA (6 fraction bits) back to straight u8 RGBA. */
export function unpremultiply(source: usize, target: usize, pixels: i32): void {
  for (let index = 0; index < pixels; index++) {
    const from = source + ((<usize>index) << 3);
    const to = target + ((<usize>index) << 2);
    const alpha = <i32>load<i16>(from, 6);
    if (alpha < 32) {
      store<u32>(to, 0);
      continue;
    }
    const scale = <f32>255 / <f32>alpha;
    store<u8>(to, toByte(<f32>load<i16>(from) * scale));
    store<u8>(to, toByte(<f32>load<i16>(from, 2) * scale), 1);
    store<u8>(to, toByte(<f32>load<i16>(from, 4) * scale), 2);
    store<u8>(to, toByte(<f32>alpha / 64), 3);
  }
}

function toByte(value: f32): u8 {
  const rounded = <i32>nearest(value);
  return <u8>(rounded < 0 ? 0 : rounded > 255 ? 255 : rounded);
}

/** Whether every fourth byte of `pixels` RGBA pixels is 255. */
export function isOpaque(source: usize, pixels: i32): bool {
  let all = i32x4.splat(-1);
  const vectors = pixels >> 2;
  for (let index = 0; index < vectors; index++) all = v128.and(all, v128.load(source + ((<usize>index) << 4)));
  if (!i32x4.all_true(i32x4.eq(v128.and(all, i32x4.splat(0xff000000)), i32x4.splat(0xff000000)))) return false;
  for (let index = vectors << 2; index < pixels; index++)
    if (load<u8>(source + ((<usize>index) << 2), 3) != 255) return false;
  return true;
}

/**
 * Full-range BT.601 YCbCr (JPEG's) planes of equal size to RGBA, `pixels` a multiple of 8:
 * R = Y + 1.402 Cr', G = Y - 0.344136 Cb' - 0.714136 Cr', B = Y + 1.772 Cb' (Cb' = Cb - 128).
 * The factors above 1 are split into 1 + a Q15 fraction, rounded as `i16x8.q15mulr_sat_s` does.
 */
export function yuvToRgba(luma: usize, blue: usize, red: usize, target: usize, pixels: i32): void {
  const bias = i16x8.splat(128);
  const opaque = i16x8.splat(255);
  const redFromCr = i16x8.splat(13173); // 0.402
  const greenFromCb = i16x8.splat(11277); // 0.344136
  const greenFromCr = i16x8.splat(23401); // 0.714136
  const blueFromCb = i16x8.splat(25297); // 0.772
  for (let index = 0; index < pixels; index += 8) {
    const offset = <usize>index;
    const y = v128.load8x8_u(luma + offset);
    const cb = i16x8.sub(v128.load8x8_u(blue + offset), bias);
    const cr = i16x8.sub(v128.load8x8_u(red + offset), bias);
    const r = i16x8.add(i16x8.add(y, cr), i16x8.q15mulr_sat_s(cr, redFromCr));
    const g = i16x8.sub(i16x8.sub(y, i16x8.q15mulr_sat_s(cb, greenFromCb)), i16x8.q15mulr_sat_s(cr, greenFromCr));
    const b = i16x8.add(i16x8.add(y, cb), i16x8.q15mulr_sat_s(cb, blueFromCb));
    const rg = i8x16.narrow_i16x8_u(r, g); // r0..r7 g0..g7
    const ba = i8x16.narrow_i16x8_u(b, opaque); // b0..b7 255 x 8
    const low = i8x16.shuffle(rg, ba, 0, 8, 16, 24, 1, 9, 17, 25, 2, 10, 18, 26, 3, 11, 19, 27);
    const high = i8x16.shuffle(rg, ba, 4, 12, 20, 28, 5, 13, 21, 29, 6, 14, 22, 30, 7, 15, 23, 31);
    v128.store(target + (offset << 2), low);
    v128.store(target + (offset << 2), high, 16);
  }
}

/**
 * Copies one finished row of `count` elements of `size` bytes (1 or 4) into the image at
 * `target` + `start`, stepping `step` bytes per element: how EXIF orientations (mirrored,
 * turned) are applied while the output is written, with no separate pass over the image.
 */
export function place(source: usize, target: usize, count: i32, size: i32, start: isize, step: isize): void {
  let to = <isize>target + start;
  if (size == 4) {
    for (let index = 0; index < count; index++) {
      store<u32>(<usize>to, load<u32>(source + ((<usize>index) << 2)));
      to += step;
    }
  } else {
    for (let index = 0; index < count; index++) {
      store<u8>(<usize>to, load<u8>(source + <usize>index));
      to += step;
    }
  }
}
