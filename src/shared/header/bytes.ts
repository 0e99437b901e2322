// Byte helpers for header parsing. Readers call `fits` before every multi-byte read: input is
// often a prefix of a file, or no image at all, and DataView throws past the end.

/** True when `count` bytes starting at `offset` lie inside `bytes`. */
export function fits(bytes: Uint8Array, offset: number, count: number): boolean {
  return offset >= 0 && offset + count <= bytes.length;
}

/** True when `bytes` holds `signature` at `offset`. */
export function hasSignature(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return fits(bytes, offset, signature.length) && signature.every((byte, index) => bytes[offset + index] === byte);
}

/** Bytes as Latin-1 text (four-character codes, SVG prologs); shorter when the bytes run out. */
export function latin1(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Unsigned 16-bit integer; check `fits` first. */
export function uint16(bytes: Uint8Array, offset: number, littleEndian = false): number {
  return view(bytes).getUint16(offset, littleEndian);
}

/** Unsigned 24-bit little-endian integer (WebP VP8X canvas size); check `fits` first. */
export function uint24le(bytes: Uint8Array, offset: number): number {
  return view(bytes).getUint16(offset, true) + (view(bytes).getUint8(offset + 2) << 16);
}

/** Unsigned 32-bit integer; check `fits` first. */
export function uint32(bytes: Uint8Array, offset: number, littleEndian = false): number {
  return view(bytes).getUint32(offset, littleEndian);
}

/** Signed 32-bit integer (BMP sizes); check `fits` first. */
export function int32(bytes: Uint8Array, offset: number, littleEndian = false): number {
  return view(bytes).getInt32(offset, littleEndian);
}

/** A declared size of 0 means "not declared" (or a broken header): report it as unknown. */
export function positiveOrNull(value: number): number | null {
  return value > 0 ? value : null;
}
