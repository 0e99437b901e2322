// Images with EXIF orientations, made at test time: sharp's own auto-orientation is the oracle.
import sharp, { type Sharp } from 'sharp';
import { decodeRgba, meanDifference } from './pixels.ts';

/** Four flat quadrants (red, green / blue, yellow): any rotation or mirror changes the picture. */
export async function drawQuadrants(width: number, height: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="50%" height="50%" fill="#e00"/><rect x="50%" width="50%" height="50%" fill="#0c0"/>
    <rect y="50%" width="50%" height="50%" fill="#00e"/><rect x="50%" y="50%" width="50%" height="50%" fill="#ee0"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** The eight ways to rotate/mirror an image; one of them undoes each EXIF orientation. */
const TRANSFORMS: ((image: Sharp) => Sharp)[] = [
  (image) => image,
  (image) => image.flop(),
  (image) => image.rotate(180),
  (image) => image.flip(),
  (image) => image.rotate(90).flop(),
  (image) => image.rotate(90),
  (image) => image.rotate(270).flop(),
  (image) => image.rotate(270),
];

/** The transform whose JPEG, tagged `orientation`, sharp shows as `upright`; null if none does. */
async function storedAs(upright: Buffer, orientation: number, transforms: number[]): Promise<[number, Buffer] | null> {
  const target = await decodeRgba(upright);
  for (const index of transforms) {
    const jpeg = await TRANSFORMS[index]!(sharp(upright))
      .jpeg({ quality: 100 })
      .withMetadata({ orientation })
      .toBuffer();
    const shown = await decodeRgba(jpeg);
    if (shown.width === target.width && shown.height === target.height && meanDifference(shown, target) < 2)
      return [index, jpeg];
  }
  return null;
}

/**
 * A JPEG that shows `upright` once its EXIF orientation is applied. Which stored pixels do that
 * is not derived by hand: sharp's own auto-orientation is the oracle that picks them, trying each
 * transform on a copy 240 px wide (a large image took up to 2.7 s a transform), then confirming
 * the one it picks on the image itself.
 */
export async function storeWithOrientation(upright: Buffer, orientation: number): Promise<Buffer> {
  const copy = await sharp(upright).resize({ width: 240, withoutEnlargement: true }).png().toBuffer();
  const picked = await storedAs(copy, orientation, [...TRANSFORMS.keys()]);
  const confirmed = picked && (await storedAs(upright, orientation, [picked[0]]));
  if (!confirmed) throw new Error(`no transform reproduces orientation ${orientation}`);
  return confirmed[1];
}
