// Lossless metadata removal (src/shared/metadata): GPS or all of EXIF/XMP/IPTC out, orientation,
// ICC profile and pixels kept. Pure module tests on the corpus, then the original through processImage.
import { expect, test } from '@playwright/test';
import exifr from 'exifr';
import sharp from 'sharp';
import { resizeToFit } from '../src/index.ts';
import { stripMetadata } from '../src/shared/metadata/strip-metadata.ts';
import type { SourceFormat } from '../src/shared/header.ts';
import { fixtureManifest, hasFixtures, NO_FIXTURES, readFixture } from './support/fixtures.ts';
import { drawLocatedPhoto } from './support/images.ts';
import { countWholeFileReads, expectOk, openHarness, processInPage } from './support/page.ts';
import { decodeRgba, maxChannelDifference } from './support/pixels.ts';

const gpsFiles = () =>
  fixtureManifest().filter((entry) => entry.gps && entry.expect === 'ok' && entry.format !== 'HEIC');

const FORMATS: Record<string, SourceFormat> = {
  JPEG: 'image/jpeg',
  PNG: 'image/png',
  WEBP: 'image/webp',
  'Extended WEBP': 'image/webp',
};

/**
 * exifr reads no WebP: its RIFF chunks are walked here, the EXIF chunk's TIFF handed to exifr,
 * the XMP and ICCP chunks reported as present.
 */
async function readWebpMetadata(bytes: Buffer): Promise<Record<string, Record<string, unknown> | undefined>> {
  const found: Record<string, Record<string, unknown> | undefined> = {};
  for (let offset = 12; offset + 8 <= bytes.length;) {
    const fourcc = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const data = bytes.subarray(offset + 8, offset + 8 + size);
    if (fourcc === 'EXIF') {
      const tiff = data.toString('latin1', 0, 4) === 'Exif' ? data.subarray(6) : data;
      Object.assign(found, await readMetadata(tiff));
    }
    if (fourcc === 'XMP ') found['xmp'] = { packet: data.length };
    if (fourcc === 'ICCP') found['icc'] = { bytes: data.length };
    offset += 8 + size + (size & 1);
  }
  return found;
}

/** Everything exifr finds, block by block. */
async function readMetadata(bytes: Uint8Array): Promise<Record<string, Record<string, unknown> | undefined>> {
  const buffer = Buffer.from(bytes);
  if (buffer.toString('latin1', 8, 12) === 'WEBP') return readWebpMetadata(buffer);
  const found = (await exifr.parse(buffer, {
    tiff: true,
    exif: true,
    gps: true,
    xmp: true,
    iptc: true,
    icc: true,
    mergeOutput: false,
    translateValues: false,
  })) as Record<string, Record<string, unknown>> | undefined;
  return found ?? {};
}

async function expectSamePixels(a: Uint8Array, b: Uint8Array): Promise<void> {
  const [left, right] = await Promise.all([decodeRgba(Buffer.from(a)), decodeRgba(Buffer.from(b))]);
  expect([left.width, left.height]).toEqual([right.width, right.height]);
  expect(maxChannelDifference(left, right)).toBe(0);
}

test.describe('stripMetadata on every GPS-tagged file of the corpus', () => {
  test.skip(!hasFixtures, NO_FIXTURES);

  test('the corpus has GPS-tagged files in JPEG, PNG and WebP', () => {
    expect(new Set(gpsFiles().map((entry) => entry.format))).toEqual(new Set(['JPEG', 'PNG', 'Extended WEBP']));
  });

  for (const entry of gpsFiles()) {
    test(`'gps' removes GPS from ${entry.file}, keeps make and orientation, pixels exactly equal`, async () => {
      const bytes = new Uint8Array(readFixture(entry.file));
      const before = await readMetadata(bytes);
      expect(before['gps'], 'the input has GPS').toBeDefined();
      const stripped = stripMetadata(bytes, FORMATS[entry.format]!, 'gps');
      const after = await readMetadata(stripped);
      expect(after['gps']).toBeUndefined();
      expect(JSON.stringify(after)).not.toMatch(/GPSLatitude/);
      expect(after['ifd0']?.['Make']).toBe(before['ifd0']?.['Make']);
      expect(after['ifd0']?.['Orientation']).toBe(before['ifd0']?.['Orientation']);
      expect(stripped.length).toBeLessThanOrEqual(bytes.length);
      await expectSamePixels(stripped, bytes);
    });

    test(`'all' leaves ${entry.file} no EXIF, XMP or IPTC but its orientation, ICC kept, pixels exactly equal`, async () => {
      const bytes = new Uint8Array(readFixture(entry.file));
      const before = await readMetadata(bytes);
      const stripped = stripMetadata(bytes, FORMATS[entry.format]!, 'all');
      const after = await readMetadata(stripped);
      for (const block of ['exif', 'gps', 'xmp', 'iptc', 'interop', 'ifd1'])
        expect(after[block], block).toBeUndefined();
      const orientation = before['ifd0']?.['Orientation'];
      expect(after['ifd0'] ?? {}).toEqual(orientation && orientation !== 1 ? { Orientation: orientation } : {});
      expect(Boolean(after['icc']), 'ICC profile').toBe(Boolean(before['icc']));
      await expectSamePixels(stripped, bytes);
    });
  }
});

test('a drawn JPEG with GPS, XMP and an ICC profile: gps and all, on generated data', async () => {
  const withGps = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#4080c0' } })
    .withMetadata({ orientation: 6, icc: 'p3' })
    .withExif({
      IFD0: { Make: 'imagespec', Model: 'test' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2981/100' },
    })
    .jpeg()
    .toBuffer();
  const bytes = new Uint8Array(withGps);
  expect((await readMetadata(bytes))['gps']).toBeDefined();
  const gps = await readMetadata(stripMetadata(bytes, 'image/jpeg', 'gps'));
  expect(gps['gps']).toBeUndefined();
  expect(gps['ifd0']).toMatchObject({ Make: 'imagespec', Orientation: 6 });
  const all = await readMetadata(stripMetadata(bytes, 'image/jpeg', 'all'));
  expect(all['ifd0']).toEqual({ Orientation: 6 });
  expect(all['icc']).toBeDefined();
});

test('a format whose metadata cannot be rewritten is refused, not sent as it is', () => {
  expect(() => stripMetadata(new Uint8Array(16), 'image/heic', 'gps')).toThrow(
    /unsupported format: cannot remove metadata from image\/heic/,
  );
});

test.describe('original: { stripMetadata } through processImage', () => {
  test.skip(!hasFixtures, NO_FIXTURES);

  test('the original sent has no GPS, the source hash is that of the bytes sent, re-encoded variants carry no metadata', async ({
    page,
  }) => {
    await openHarness(page);
    const file = readFixture('photo-12mp-pixel-orient1-gps.jpg');
    const result = expectOk(
      await processInPage(page, 'photo.jpg', file, {
        original: { original: { stripMetadata: 'gps' } },
        web: { processors: [], format: 'image/jpeg' },
        small: { processors: [], format: 'image/webp' },
      }),
    );
    const original = result.variants['original']!.data;
    expect((await readMetadata(original))['gps']).toBeUndefined();
    const { createHash } = await import('node:crypto');
    expect(result.source.sha256).toBe(createHash('sha256').update(original).digest('hex'));
    expect(result.source.bytes).toBe(original.length);
    for (const name of ['web', 'small']) {
      const found = await readMetadata(result.variants[name]!.data);
      for (const block of ['ifd0', 'exif', 'gps', 'xmp', 'iptc'])
        expect(found[block], `${name} ${block}`).toBeUndefined();
    }
  });
});

test('an original stripped of its location is made in a worker: the page never reads the file whole', async ({
  page,
}) => {
  await openHarness(page);
  const wholeReads = await countWholeFileReads(page);
  const located = await drawLocatedPhoto(1200, 900);
  expect((await readMetadata(located))['gps']).toBeDefined();
  const result = expectOk(
    await processInPage(page, 'located.jpg', located, {
      original: { original: { stripMetadata: 'gps' } },
      thumbnail: { processors: [resizeToFit(200, 200)], format: 'image/jpeg' },
    }),
  );
  const original = result.variants['original']!.data;
  const kept = await readMetadata(original);
  expect(kept['gps']).toBeUndefined();
  expect(kept['ifd0']).toMatchObject({ Make: 'imagespec' });
  const { createHash } = await import('node:crypto');
  expect(result.source.sha256).toBe(createHash('sha256').update(original).digest('hex'));
  expect(result.source.bytes).toBe(original.length);
  await expectSamePixels(original, located);
  expect(await wholeReads()).toBe(0);
});
