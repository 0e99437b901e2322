// Which output types this browser's canvas really encodes. convertToBlob does not fail on a type
// it cannot write: it answers with PNG (Safari and WebKitGTK for WebP), so each type is tried once
// per worker on a 1x1 canvas and the answer kept. (The canvas needs a context: Chromium refuses
// to encode one that has none.)
import { ImageSpecError } from '../src/shared/errors/imagespec-error.ts';
import type { OutputFormat } from '../src/shared/specs.ts';

const answers = new Map<OutputFormat, Promise<boolean>>();

/** True when `convertToBlob` in this worker produces `type` when asked for it. */
export function canEncode(type: OutputFormat): Promise<boolean> {
  let answer = answers.get(type);
  if (!answer) {
    const canvas = new OffscreenCanvas(1, 1);
    canvas.getContext('2d');
    answer = canvas.convertToBlob({ type }).then(
      (blob) => blob.type === type,
      () => false,
    );
    answers.set(type, answer);
  }
  return answer;
}

/** Refuses a spec that asks for a type this browser cannot encode: called before the file is decoded. */
export async function assertEncodable(type: OutputFormat, spec: string): Promise<void> {
  if (await canEncode(type)) return;
  throw new ImageSpecError(
    'ENCODE_FAILED',
    `encode failed: this browser cannot encode ${type} (spec "${spec}"); ask for another format, or leave format out to get the source's type where this browser encodes it, else JPEG or PNG`,
    { details: { spec, format: type } },
  );
}
