// Highly detailed photos the fixtures lack, generated with sharp on first use and kept in
// bench-results/corpus/ (gitignored): fine texture everywhere is where a blurring resampler loses
// SSIM and an aliasing one shows moiré, and their sizes put the 2048 px web version at downscale
// ratios from 1.3 to 3 (the camera photos sit between 1.6 and 2.8).
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';

/** Bumped when a generator changes, so that old files are made again. */
const GENERATOR_VERSION = 1;

/** Deterministic lattice noise: the same picture on every machine. */
function hash(x, y, seed) {
  let h = (x * 374761393 + y * 668265263 + seed * 982451653) | 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

function valueNoise(x, y, seed) {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const top = hash(x0, y0, seed) + (hash(x0 + 1, y0, seed) - hash(x0, y0, seed)) * sx;
  const bottom = hash(x0, y0 + 1, seed) + (hash(x0 + 1, y0 + 1, seed) - hash(x0, y0 + 1, seed)) * sx;
  return top + (bottom - top) * sy;
}

/** Octaves of noise from `scale` pixels down to about one pixel: detail at every size. */
function fractal(x, y, scale, seed) {
  let sum = 0;
  let weight = 0;
  for (let size = scale, amplitude = 1; size >= 0.75; size /= 2, amplitude *= 0.7) {
    sum += valueNoise(x / size, y / size, seed + size) * amplitude;
    weight += amplitude;
  }
  return sum / weight;
}

const clamp = (value) => (value < 0 ? 0 : value > 255 ? 255 : value);

/** Pebbles: cells of noisy colour with dark gaps, grain down to the pixel. */
function gravel(width, height) {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const stone = fractal(x, y, 24, 1);
      const grain = hash(x, y, 2) - 0.5;
      const gap = stone < 0.42 ? 0.35 : 1;
      const tint = fractal(x, y, 40, 3);
      const level = (90 + 150 * stone + 60 * grain) * gap;
      const i = (y * width + x) * 3;
      data[i] = clamp(level * (0.85 + 0.3 * tint));
      data[i + 1] = clamp(level * (0.8 + 0.2 * tint));
      data[i + 2] = clamp(level * (0.75 + 0.15 * (1 - tint)));
    }
  }
  return data;
}

/** A weave of threads a few pixels wide, over and under, with coloured stripes: moiré bait. */
function fabric(width, height) {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const warp = Math.sin((x + 0.7 * Math.sin(y / 53)) * 1.9);
      const weft = Math.sin((y + 0.7 * Math.sin(x / 61)) * 2.1);
      const over = (Math.floor(x / 3.3) + Math.floor(y / 3.1)) % 2 === 0;
      const thread = over ? warp : weft;
      const stripe = Math.floor(x / 37) % 3;
      const fuzz = (hash(x, y, 4) - 0.5) * 40;
      const level = 128 + 80 * thread + fuzz;
      const i = (y * width + x) * 3;
      data[i] = clamp(level * (stripe === 0 ? 1.1 : 0.7));
      data[i + 1] = clamp(level * (stripe === 1 ? 1.05 : 0.75));
      data[i + 2] = clamp(level * (stripe === 2 ? 1.1 : 0.8));
    }
  }
  return data;
}

/** Leaves: overlapping green blobs with bright veins and dark shade between them. */
function foliage(width, height) {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const leaf = fractal(x, y, 18, 5);
      const vein = Math.abs(Math.sin((x * 0.9 + y * 0.4) / (2 + 3 * fractal(x, y, 60, 6))));
      const light = fractal(x, y, 90, 7);
      const inside = leaf > 0.47;
      const level = inside ? 70 + 140 * light + 50 * (1 - vein) : 20 + 40 * leaf;
      const i = (y * width + x) * 3;
      data[i] = clamp(level * (0.45 + 0.25 * fractal(x, y, 30, 8)));
      data[i + 1] = clamp(level);
      data[i + 2] = clamp(level * 0.35);
    }
  }
  return data;
}

/** A text-heavy screenshot: lines of small type, headings, rules and a few coloured panels. */
function screenshotSvg(width, height) {
  const words =
    'imagespec resamples every photo with lanczos3 before upload 0123456789 fit fill cover crop adjust'.split(' ');
  const parts = [`<rect width="100%" height="100%" fill="#fdfdfd"/>`];
  const columns = 4;
  const columnWidth = width / columns;
  for (let column = 0; column < columns; column++) {
    const left = column * columnWidth + 24;
    parts.push(
      `<rect x="${left - 12}" y="40" width="${columnWidth - 24}" height="${height - 80}" fill="${['#f3f6fb', '#fbf4ee', '#f1f8f1', '#f8f1f8'][column]}"/>`,
    );
    let word = column * 7;
    for (let y = 90, line = 0; y < height - 60; y += 19, line++) {
      if (line % 23 === 0) {
        parts.push(
          `<text x="${left}" y="${y + 8}" font-size="26" font-weight="bold" fill="#123">Section ${column}.${line / 23}</text>`,
        );
        y += 22;
        continue;
      }
      const text = Array.from({ length: 16 }, () => words[word++ % words.length]).join(' ');
      parts.push(`<text x="${left}" y="${y}" font-size="14" fill="#222">${text}</text>`);
    }
  }
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">${parts.join('')}</svg>`,
  );
}

/** The generated photos: name, size, how they are drawn, and JPEG options. */
export const GENERATED = [
  { name: 'generated-gravel-2662x1997.jpg', width: 2662, height: 1997, raw: gravel },
  { name: 'generated-fabric-3400x2550.jpg', width: 3400, height: 2550, raw: fabric, progressive: true },
  { name: 'generated-foliage-4900x3270.jpg', width: 4900, height: 3270, raw: foliage },
  { name: 'generated-screenshot-6144x4096.jpg', width: 6144, height: 4096, svg: screenshotSvg },
];

/**
 * Makes the generated photos that are missing (a few seconds each, once) and returns them as
 * bench photos (see photos.mjs), served under /__bench/corpus/.
 */
export async function generatedPhotos(repoRoot, log) {
  const folder = resolve(repoRoot, `bench-results/corpus/v${GENERATOR_VERSION}`);
  mkdirSync(folder, { recursive: true });
  const photos = [];
  for (const entry of GENERATED) {
    const path = resolve(folder, entry.name);
    if (!existsSync(path)) {
      log?.(`generating ${entry.name}`);
      const image = entry.svg
        ? sharp(entry.svg(entry.width, entry.height))
        : sharp(entry.raw(entry.width, entry.height), {
            raw: { width: entry.width, height: entry.height, channels: 3 },
          });
      await image.jpeg({ quality: 92, progressive: entry.progressive ?? false }).toFile(path);
    }
    photos.push({
      name: entry.name,
      url: `/__bench/corpus/${encodeURIComponent(entry.name)}`,
      width: entry.width,
      height: entry.height,
      orientation: 1,
      bytes: statSync(path).size,
      megapixels: (entry.width * entry.height) / 1e6,
      path,
      generated: true,
    });
  }
  return { folder, photos };
}
