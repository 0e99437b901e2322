// Test images drawn at test time with sharp, so the tests that must always run need no corpus.
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/** A photo-like JPEG: gradients, circles, stripes and text, `width` x `height`. */
export function drawPhoto(
  width: number,
  height: number,
  options: { format?: 'jpeg' | 'png' | 'webp'; quality?: number } = {},
): Promise<Buffer> {
  const shapes: string[] = [];
  for (let i = 0; i < 24; i++) {
    const x = ((i * 7919) % 97) / 97;
    const y = ((i * 104729) % 89) / 89;
    const hue = (i * 47) % 360;
    shapes.push(
      `<circle cx="${(x * width).toFixed(0)}" cy="${(y * height).toFixed(0)}" r="${(Math.min(width, height) * (0.04 + (i % 5) * 0.03)).toFixed(0)}" fill="hsl(${hue},70%,50%)" fill-opacity="0.8"/>`,
    );
  }
  for (let i = 0; i < 40; i++) {
    const x = (i / 40) * width;
    shapes.push(
      `<rect x="${x.toFixed(0)}" y="${(height * 0.8).toFixed(0)}" width="${(width / 160).toFixed(1)}" height="${(height * 0.15).toFixed(0)}" fill="#111"/>`,
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f4d03f"/><stop offset="1" stop-color="#16a085"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${shapes.join('')}
    <text x="${width * 0.05}" y="${height * 0.12}" font-size="${height / 10}" font-family="sans-serif" fill="#222">imagespec 0123</text>
  </svg>`;
  const image = sharp(Buffer.from(svg));
  const format = options.format ?? 'jpeg';
  if (format === 'png') return image.png().toBuffer();
  if (format === 'webp') return image.webp({ quality: options.quality ?? 90 }).toBuffer();
  return image.jpeg({ quality: options.quality ?? 92 }).toBuffer();
}

/**
 * A lossless PNG whose pixel (x, y) has red = x and green = y (both < 256), blue 128, so any
 * crop's position can be read back from its first pixel.
 */
export function drawCoordinates(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = x;
      data[i + 1] = y;
      data[i + 2] = 128;
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/**
 * {@link drawPhoto} as a camera leaves it: a maker in its EXIF and the place it was taken
 * (48°51'29.81" N). A `marker` (EXIF ImageDescription, kept when the location is removed) makes
 * the file, and the original sent from it, differ from every other photo of that size.
 */
export async function drawLocatedPhoto(width: number, height: number, marker?: string): Promise<Buffer> {
  return sharp(await drawPhoto(width, height))
    .withExif({
      IFD0: { Make: 'imagespec', Model: 'test', ...(marker === undefined ? {} : { ImageDescription: marker }) },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2981/100' },
    })
    .jpeg()
    .toBuffer();
}

/**
 * A decompression bomb as imagespec meets one: a small PNG whose header declares `width` x
 * `height` (30000 x 30000 by default, 900 MP). The header is all a refusal may read; making the
 * real pixels would take sharp minutes.
 */
export async function drawDecompressionBomb(width = 30_000, height = 30_000): Promise<Buffer> {
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  // Signature (8), IHDR length (4) and type (4), then width, height, ... and the chunk's CRC at 29.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}
