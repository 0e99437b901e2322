// Issue 16: which crop keeps "the most detailed region" — pilkit's entropy (what smartCrop and
// smartResize run) or smartcrop.js (jwagner's content-aware crop)? Both run in Node on the same
// RGBA pixels; a centre crop (resizeToFill's) is the baseline.
//
// The criterion, fixed before the first run:
// - Generated scenes, where the answer is known: a subject (a noise texture, a skin-toned face,
//   a card of text lines) at each of nine places on a flat, a blurred-noise and a gradient
//   background, on landscape, portrait and square images; cropped with smartCrop's semantics
//   (exactly w x h, three aspect ratios) and smartResize's (cover, then crop, three more). Measure:
//   the share of the subject's box inside the crop (mean, worst, share of cases keeping >= 99%).
// - The corpus photos (no known answer): the share of the image's edge energy (Sobel magnitude of
//   luma) the crop keeps, and a contact sheet looked at by eye.
// - Pick smartcrop.js only if it is clearly better: mean subject kept at least 0.05 higher with
//   corpus detail kept no more than 0.02 lower, or subject kept within 0.05 and corpus detail kept
//   at least 0.05 higher. Otherwise keep entropy.
import { mkdirSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import type { Rect, Size } from '../../../src/shared/geometry.ts';
import { ANCHORS } from '../../../src/shared/processors/anchor.ts';
import {
  CHOOSERS,
  contactSheet,
  coverTo,
  edgeEnergy,
  keptShare,
  outlinedTile,
  summary,
  type ChooserName,
  type Rgba,
} from './crop-choosers.ts';
import { fixtureManifest, hasFixtures, NO_FIXTURES, readFixture } from '../../support/fixtures.ts';

const SCREENSHOTS = 'test-results/screenshots';
const NAMES = Object.keys(CHOOSERS) as ChooserName[];

/** Deterministic noise (a sum of three uniforms per channel), so every run sees the same scenes. */
function noise(width: number, height: number, seed: number, sigma: number): Buffer {
  let state = seed;
  const uniform = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const out = Buffer.alloc(width * height * 3);
  for (let i = 0; i < out.length; i++) out[i] = 128 + (uniform() + uniform() + uniform() - 1.5) * 2 * sigma;
  return out;
}
const rawNoise = (width: number, height: number, seed: number, sigma: number) =>
  sharp(noise(width, height, seed, sigma), { raw: { width, height, channels: 3 } });

const SUBJECTS = {
  texture: { width: 120, height: 120, draw: () => rawNoise(120, 120, 7, 60).png().toBuffer() },
  face: {
    width: 110,
    height: 140,
    draw: async () =>
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="110" height="140">
      <ellipse cx="55" cy="75" rx="50" ry="62" fill="rgb(214,160,126)"/>
      <path d="M6 62 Q55 -12 104 62 Q92 26 55 22 Q18 26 6 62Z" fill="#3b2417"/>
      <path d="M27 58 q9 -6 18 0 M65 58 q9 -6 18 0" stroke="#3b2417" stroke-width="3" fill="none"/>
      <ellipse cx="36" cy="70" rx="9" ry="5" fill="#fff"/><circle cx="36" cy="70" r="4" fill="#2a1a10"/>
      <ellipse cx="74" cy="70" rx="9" ry="5" fill="#fff"/><circle cx="74" cy="70" r="4" fill="#2a1a10"/>
      <path d="M55 76 l-6 20 h10" stroke="#a86d52" stroke-width="2" fill="none"/>
      <path d="M40 110 q15 10 30 0" stroke="#a33" stroke-width="5" fill="none"/></svg>`),
  },
  card: {
    width: 150,
    height: 100,
    draw: async () => {
      const lines = [120, 96, 128, 80, 110].map(
        (width, i) => `<rect x="12" y="${34 + i * 12}" width="${width}" height="6" fill="#111"/>`,
      );
      return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="150" height="100">
        <rect width="150" height="100" rx="6" fill="#fafafa"/><circle cx="24" cy="18" r="9" fill="#d33"/>
        <rect x="40" y="12" width="90" height="10" fill="#222"/>${lines.join('')}</svg>`);
    },
  },
};

const BACKGROUNDS = {
  flat: (size: Size) => sharp({ create: { ...size, channels: 3, background: '#8fb3d9' } }),
  blurred: async (size: Size) => sharp(await rawNoise(size.width, size.height, 11, 70).blur(10).png().toBuffer()),
  gradient: (size: Size) =>
    sharp(
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}">
        <defs><linearGradient id="g" x2="0" y2="1"><stop offset="0" stop-color="#2c3e70"/><stop offset="1" stop-color="#e8b77c"/></linearGradient></defs>
        <rect width="100%" height="100%" fill="url(#g)"/></svg>`),
    ),
};

const SIZES: Size[] = [
  { width: 600, height: 400 },
  { width: 400, height: 600 },
  { width: 480, height: 480 },
];
const MARGIN = 12;

/** smartCrop's targets: a square, a wide and a tall crop, each larger than any subject. */
const cropTargets = ({ width, height }: Size): Size[] => [
  { width: Math.round(Math.min(width, height) / 2), height: Math.round(Math.min(width, height) / 2) },
  { width: Math.round(width * 0.75), height: Math.round(height * 0.4) },
  { width: Math.round(width * 0.4), height: Math.round(height * 0.75) },
];
const RESIZE_TARGETS: Size[] = [
  { width: 200, height: 200 },
  { width: 320, height: 180 },
  { width: 180, height: 240 },
];

const drawn = new Map<string, Promise<Buffer>>();
/** Each background and subject is drawn once, then placed at every anchor. */
function once(key: string, draw: () => Promise<Buffer>): Promise<Buffer> {
  if (!drawn.has(key)) drawn.set(key, draw());
  return drawn.get(key)!;
}

async function scene(size: Size, background: keyof typeof BACKGROUNDS, subject: keyof typeof SUBJECTS, at: number[]) {
  const { width, height, draw } = SUBJECTS[subject];
  const input = await once(subject, draw);
  const base = await once(`${background} ${size.width}x${size.height}`, async () =>
    (await BACKGROUNDS[background](size)).png().toBuffer(),
  );
  const box: Rect = {
    x: Math.round(MARGIN + (size.width - width - 2 * MARGIN) * at[0]!),
    y: Math.round(MARGIN + (size.height - height - 2 * MARGIN) * at[1]!),
    width,
    height,
  };
  const { data, info } = await sharp(base)
    .composite([{ input, left: box.x, top: box.y }])
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const image: Rgba = { data: new Uint8ClampedArray(data), width: info.width, height: info.height };
  return { image, box };
}

const TIMES = Object.fromEntries(NAMES.map((name) => [name, 0])) as Record<ChooserName, number>;
const COUNT = { ...TIMES };
async function chooseAll(image: Rgba, target: Size) {
  const crops = {} as Record<ChooserName, Rect>;
  for (const name of NAMES) {
    const t = performance.now();
    crops[name] = await CHOOSERS[name](image, target);
    TIMES[name] += performance.now() - t;
    COUNT[name]++;
  }
  return crops;
}

function table(title: string, groups: Map<string, Record<ChooserName, number[]>>, format: (v: number[]) => string) {
  const lines = [title, `${''.padEnd(22)}${NAMES.map((name) => name.padEnd(30)).join('')}`];
  for (const [group, values] of groups) {
    lines.push(`${group.padEnd(22)}${NAMES.map((name) => format(values[name]).padEnd(30)).join('')}`);
  }
  console.log(lines.join('\n'));
}

function collect(groups: Map<string, Record<ChooserName, number[]>>, keys: string[], name: ChooserName, value: number) {
  for (const key of keys) {
    if (!groups.has(key))
      groups.set(key, Object.fromEntries(NAMES.map((name) => [name, []])) as unknown as Record<ChooserName, number[]>);
    groups.get(key)![name].push(value);
  }
}

const keptFormat = (values: number[]) => {
  const { mean, worst, whole } = summary(values);
  return `${mean.toFixed(3)} (worst ${worst.toFixed(2)}, ${(whole * 100).toFixed(0)}% whole)`;
};

/** On generated scenes, the share of the known subject each crop keeps. */
async function generatedScenes() {
  const groups = new Map<string, Record<ChooserName, number[]>>();
  const sheet: Awaited<ReturnType<typeof outlinedTile>>[][] = [];
  for (const size of SIZES) {
    for (const background of Object.keys(BACKGROUNDS) as (keyof typeof BACKGROUNDS)[]) {
      for (const subject of Object.keys(SUBJECTS) as (keyof typeof SUBJECTS)[]) {
        const row: Awaited<ReturnType<typeof outlinedTile>>[] = [];
        for (const [anchor, { x, y }] of Object.entries(ANCHORS)) {
          const { image, box } = await scene(size, background, subject, [x, y]);
          for (const [index, target] of cropTargets(size).entries()) {
            const crops = await chooseAll(image, target);
            for (const name of NAMES) {
              const kept = keptShare(crops[name], box);
              collect(groups, ['all', `smartCrop`, subject, background, `${size.width}x${size.height}`], name, kept);
            }
            if (size.width === 600 && index === 2 && ['top-left', 'center', 'bottom-right'].includes(anchor)) {
              row.push(await outlinedTile(image, crops, 160));
            }
          }
          for (const target of RESIZE_TARGETS) {
            const covered = await coverTo(image, target);
            const scaled: Rect = {
              x: box.x * covered.scale,
              y: box.y * covered.scale,
              width: box.width * covered.scale,
              height: box.height * covered.scale,
            };
            const crops = await chooseAll(covered.image, target);
            for (const name of NAMES) {
              const kept = keptShare(crops[name], scaled);
              collect(groups, ['all', 'smartResize', subject, background, `${size.width}x${size.height}`], name, kept);
            }
          }
        }
        if (row.length > 0) sheet.push(row);
      }
    }
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(`${SCREENSHOTS}/smart-crop-generated.png`, await contactSheet(sheet));
  table(
    `subject kept (share of its box inside the crop), ${groups.get('all')!.entropy.length} crops`,
    groups,
    keptFormat,
  );
}

/** On the corpus photos, the share of edge energy each crop keeps. */
async function corpusPhotos() {
  const categories = [
    'photo',
    'png-alpha',
    'png-palette',
    'jpeg-grayscale',
    'jpeg-cmyk',
    'jpeg-progressive',
    'webp',
    'avif',
  ];
  const files = fixtureManifest().filter(
    (entry) =>
      entry.expect === 'ok' &&
      (categories.includes(entry.category) || /^orient-(landscape|portrait)-1\.jpg$/.test(entry.file)) &&
      Math.min(entry.width ?? 0, entry.height ?? 0) >= 600,
  );
  const groups = new Map<string, Record<ChooserName, number[]>>();
  const sheet: Awaited<ReturnType<typeof outlinedTile>>[][] = [];
  const wins = Object.fromEntries(NAMES.map((name) => [name, 0])) as Record<ChooserName, number>;
  for (const { file } of files) {
    const { data, info } = await sharp(readFixture(file))
      .rotate()
      .resize(1024, 1024, { fit: 'inside' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const photo: Rgba = { data: new Uint8ClampedArray(data), width: info.width, height: info.height };
    const row: Awaited<ReturnType<typeof outlinedTile>>[] = [];
    const half = { width: Math.round(photo.width / 2), height: Math.round(photo.height / 2) };
    const cases: [string, Rgba, Size][] = [['smartCrop half', photo, half]];
    for (const target of [
      { width: 320, height: 320 },
      { width: 400, height: 225 },
      { width: 256, height: 320 },
    ]) {
      cases.push([`smartResize ${target.width}x${target.height}`, (await coverTo(photo, target)).image, target]);
    }
    for (const [label, image, target] of cases) {
      const crops = await chooseAll(image, target);
      const energy = edgeEnergy(image);
      const kept = Object.fromEntries(NAMES.map((name) => [name, energy(crops[name])])) as Record<ChooserName, number>;
      for (const name of NAMES) collect(groups, ['all', label], name, kept[name]);
      const best = NAMES.reduce((a, b) => (kept[b] > kept[a] + 1e-9 ? b : a));
      wins[best]++;
      if (label !== 'smartResize 256x320') row.push(await outlinedTile(image, crops, 200));
    }
    sheet.push(row);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(`${SCREENSHOTS}/smart-crop-corpus.png`, await contactSheet(sheet));
  table(`edge energy kept (share of the image's), ${files.length} photos`, groups, (values) =>
    summary(values).mean.toFixed(3),
  );
  console.log(`most edge energy kept, per photo and target: ${JSON.stringify(wins)}`);
}

await generatedScenes();
console.log(
  `milliseconds per crop: ${NAMES.map((name) => `${name} ${(TIMES[name] / COUNT[name]).toFixed(1)}`).join(', ')}`,
);
if (hasFixtures) await corpusPhotos();
else console.log(`corpus skipped: ${NO_FIXTURES}`);
