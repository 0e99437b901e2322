// The drop-in widget in every engine: a photo picked through its own file input is processed
// with the default versions and uploaded to the demo receiver; the bytes that arrived are
// checked there (sizes, pixels against sharp, the original without its GPS position).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { DEMO_UPLOAD_DIR } from '../../../playwright.config.ts';
import { createFileLedger } from '../../../server/index.ts';
import { expectOriginalWithoutGps } from '../../support/demo-pixels.ts';
import { drawLocatedPhoto } from '../../support/images.ts';
import { decodeRgba, lumaSsim, sharpLanczos } from '../../support/pixels.ts';
import { expect, test } from '../fixtures.ts';

const WIDGET_PAGE = '/tests/cross-browser/pages/widget.html';

/** The versions of `name` the demo receiver stored, read from its folder: name to bytes. */
async function storedVersions(name: string): Promise<Record<string, Buffer>> {
  const records = await createFileLedger({ dir: join(DEMO_UPLOAD_DIR, 'ledger') }).list({ state: 'complete' });
  const mine = records.filter((record) => record.source.name === name);
  expect(mine, `uploads of ${name}`).toHaveLength(1);
  const stored: Record<string, Buffer> = {};
  for (const [version, { key }] of Object.entries(mine[0]!.versions))
    stored[version] = await readFile(join(DEMO_UPLOAD_DIR, key));
  return stored;
}

export function widgetCases(): void {
  test('a photo picked through the widget is processed and uploaded: the receiver has its versions, right in size and pixels', async ({
    session,
  }) => {
    await session.open(WIDGET_PAGE);
    // A name and a photo of its own per engine and run: the receiver recognises a photo it has by
    // its bytes, and the same photo made by another engine, or by another run whose uploads are
    // still in the folder, has other version bytes under one upload key, which the receiver
    // refuses (HTTP_ERROR). Heights from the clock collided once in 97 runs; the name, written
    // into the photo's EXIF (the original keeps it), never does.
    const name = `${session.engine}-${Date.now()}.jpg`;
    const photo = await drawLocatedPhoto(640, 480, name);
    const folder = await mkdtemp(join(tmpdir(), 'imagespec-widget-pick-'));
    try {
      await writeFile(join(folder, name), photo);
      await session.pickFiles('imagespec-upload', 'input[type=file]', [join(folder, name)]);
      const items = await session.evaluate((count) => window.widgetPage.settled(count), 1);
      expect(items).toMatchObject([{ name, state: 'uploaded', code: null }]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    const stored = await storedVersions(name);
    expect(Object.keys(stored).sort()).toEqual(['display', 'original', 'thumbnail']);
    const source = await decodeRgba(photo);
    // The thumbnail: 160x160, the centre of the photo; the display: the photo's own size (no
    // enlarging to 1600 px).
    const thumbnail = await decodeRgba(stored['thumbnail']!);
    const display = await decodeRgba(stored['display']!);
    expect([thumbnail.width, thumbnail.height, display.width, display.height]).toEqual([
      160,
      160,
      source.width,
      source.height,
    ]);
    expect((await sharp(stored['display']).metadata()).format).toBe('jpeg');
    const scores = {
      thumbnail: lumaSsim(thumbnail, await decodeRgba(await sharpLanczos(photo, 160, 160, { fill: true }))),
      display: lumaSsim(display, source),
    };
    console.log(
      `${session.engine}: widget upload SSIM thumbnail ${scores.thumbnail.toFixed(4)}, display ${scores.display.toFixed(4)}`,
    );
    expect(scores.thumbnail, 'thumbnail against sharp lanczos3').toBeGreaterThanOrEqual(0.95);
    expect(scores.display, 'display against the photo').toBeGreaterThanOrEqual(0.97);
    await expectOriginalWithoutGps(stored['original']!, photo);
    expect((await session.problems()).consoleErrors).toEqual([]);
  });
}
