// Which photos the bench uses, from the fixtures manifest (never tuned to one file: the choice is
// by category and size only).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** JPEG photos the corpus expects to succeed, largest first, with their size after EXIF orientation. */
export function loadPhotos(fixturesDir) {
  const manifest = JSON.parse(readFileSync(resolve(fixturesDir, 'manifest.json'), 'utf8'));
  return manifest
    .filter(
      (entry) =>
        entry.expect === 'ok' && entry.format === 'JPEG' && ['photo', 'jpeg-progressive'].includes(entry.category),
    )
    .filter((entry) => entry.width && entry.height)
    .map((entry) => {
      const sideways = (entry.orientation ?? 1) >= 5;
      return {
        name: entry.file,
        url: `/__bench/fixtures/${encodeURIComponent(entry.file)}`,
        width: sideways ? entry.height : entry.width,
        height: sideways ? entry.width : entry.height,
        orientation: entry.orientation ?? 1,
        bytes: entry.bytes,
        megapixels: (entry.width * entry.height) / 1e6,
        path: resolve(fixturesDir, entry.file),
      };
    })
    .sort((a, b) => b.megapixels - a.megapixels);
}

/** Photos from this many megapixels up are held to the (b) targets. */
export const TARGET_MEGAPIXELS = 8;

/**
 * The photos for workload (b), the web version: every camera photo of the fixtures and the
 * generated detailed ones, largest first; named photos (--photo) win.
 */
export function chooseWebPhotos(all, generated, { names }) {
  if (names.length > 0) return pickNamed([...all, ...generated], names);
  return [...all, ...generated].sort((a, b) => b.megapixels - a.megapixels);
}

function pickNamed(all, names) {
  return names.map((name) => {
    const photo = all.find((candidate) => candidate.name === name);
    if (!photo)
      throw new Error(`--photo ${name}: not a JPEG photo of the corpus (${all.map((p) => p.name).join(', ')})`);
    return photo;
  });
}

/**
 * The photos for workload (a): by default the largest, then the smallest of 12 MP or
 * more (the targets speak of "12 MP and more"), then one under 12 MP, so the table spans sizes.
 * Named photos (--photo) win.
 */
export function chooseExamplePhotos(all, { count, names }) {
  if (names.length > 0)
    return pickNamed(
      all,
      names.filter((name) => all.some((photo) => photo.name === name)),
    );
  const large = all.filter((photo) => photo.megapixels >= 12);
  const small = all.filter((photo) => photo.megapixels < 12);
  const preferred = [large[0], large.at(-1), small[0], ...large.slice(1, -1), ...small.slice(1)];
  return [...new Set(preferred.filter(Boolean))].slice(0, count);
}
