import { ImageSpecError } from '../src/errors.ts';
import { isTruncated, type ImageHeader, type SourceFormat } from '../src/header.ts';

/** Formats some browsers decode and others do not: a decode failure means "unsupported here". */
const BROWSER_DEPENDENT: ReadonlySet<SourceFormat> = new Set(['image/heic', 'image/jxl', 'image/tiff']);

/**
 * Decodes the file once, EXIF orientation applied. A file whose data visibly ends early is
 * refused before decoding: some browsers would paint the missing part grey and succeed.
 */
export async function decodeImage(file: Blob, header: ImageHeader): Promise<ImageBitmap> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isTruncated(bytes, header.format)) {
    throw new ImageSpecError('CORRUPT_IMAGE', `corrupt image: the ${header.format} data ends early (truncated file)`, {
      details: { format: header.format },
    });
  }
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (error) {
    if (BROWSER_DEPENDENT.has(header.format)) {
      throw new ImageSpecError(
        'UNSUPPORTED_FORMAT',
        `unsupported format: this browser cannot decode ${header.format}`,
        {
          cause: error,
          details: { format: header.format },
        },
      );
    }
    throw new ImageSpecError('CORRUPT_IMAGE', `corrupt image: the ${header.format} data could not be decoded`, {
      cause: error,
      details: { format: header.format },
    });
  }
}
