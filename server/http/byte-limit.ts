// Counts the bytes of a body as they are read and fails past a limit that may tighten as the
// body tells more about itself: chunked bodies, with no Content-Length, are held to it too.
import { Transform, type TransformCallback } from 'node:stream';
import { ReceiverError } from '../errors.ts';

export class ByteLimit extends Transform {
  bytes = 0;
  #limit: number;
  #why: string;

  constructor(limit: number, why: string) {
    super();
    this.#limit = limit;
    this.#why = why;
  }

  /** Lowers the limit (never raises it). */
  tighten(limit: number, why: string): void {
    if (limit >= this.#limit) return;
    this.#limit = limit;
    this.#why = why;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.#limit) {
      callback(new ReceiverError(413, 'TOO_LARGE', `too large: the body is over ${this.#limit} bytes (${this.#why})`));
      return;
    }
    callback(null, chunk);
  }
}
