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

/** `upright` stored with transform `index` and tagged `orientation`, and how far from `upright` sharp shows it (Infinity: another size). */
async function storedAs(
  upright: Buffer,
  orientation: number,
  index: number,
): Promise<{ jpeg: Buffer; difference: number }> {
  const target = await decodeRgba(upright);
  const jpeg = await TRANSFORMS[index]!(sharp(upright)).jpeg({ quality: 100 }).withMetadata({ orientation }).toBuffer();
  const shown = await decodeRgba(jpeg);
  const sameSize = shown.width === target.width && shown.height === target.height;
  return { jpeg, difference: sameSize ? meanDifference(shown, target) : Infinity };
}

/**
 * A JPEG that shows `upright` once its EXIF orientation is applied. Which stored pixels do that
 * is not derived by hand: sharp's own auto-orientation is the oracle that picks them, trying each
 * transform on a copy 240 px wide (a large image took up to 2.7 s a transform), then confirming
 * the one it picks on the image itself.
 */
export async function storeWithOrientation(upright: Buffer, orientation: number): Promise<Buffer> {
  const copy = await sharp(upright).resize({ width: 240, withoutEnlargement: true }).png().toBuffer();
  // The closest on the copy: a small copy of a detailed photo is further from its JPEG than the
  // whole image is, so the copy ranks the transforms and only the image itself is held to the limit.
  const tried = await Promise.all(TRANSFORMS.map((_, index) => storedAs(copy, orientation, index)));
  const picked = tried.reduce((best, next, index) => (next.difference < tried[best]!.difference ? index : best), 0);
  const confirmed = await storedAs(upright, orientation, picked);
  if (confirmed.difference >= 2) throw new Error(`no transform reproduces orientation ${orientation}`);
  return confirmed.jpeg;
}
