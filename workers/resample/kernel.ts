import { KERNEL_WASM_BASE64 } from './kernel-wasm.ts';

/** The exports of assembly/kernel.ts; addresses are byte offsets into `memory`, booleans are 0 or 1. */
export interface KernelExports {
  memory: WebAssembly.Memory;
  horizontal4(
    source: number,
    target: number,
    count: number,
    firsts: number,
    weights: number,
    taps: number,
    swapRedBlue: number,
  ): void;
  horizontal4Wide(source: number, target: number, count: number, firsts: number, weights: number, taps: number): void;
  horizontal1(source: number, target: number, count: number, firsts: number, weights: number, taps: number): void;
  vertical(rows: number, weights: number, taps: number, target: number, length: number, output: VerticalOutput): void;
  premultiply(source: number, target: number, pixels: number, swapRedBlue: number): void;
  unpremultiply(source: number, target: number, pixels: number): void;
  isOpaque(source: number, pixels: number): number;
  yuvToRgba(luma: number, blue: number, red: number, target: number, pixels: number): void;
  place(source: number, target: number, count: number, size: number, start: number, step: number): void;
}

/** What `vertical` writes (the kernel's OUTPUT_* constants). */
export const VERTICAL_OUTPUT = {
  /** u8, rounded and saturated. */
  bytes: 0,
  /** u8, every fourth byte 255: 4-channel rows whose fourth channel is padding. */
  opaqueBytes: 1,
  /** i16 with 6 fraction bits, for `unpremultiply`. */
  wide: 2,
} as const;
export type VerticalOutput = (typeof VERTICAL_OUTPUT)[keyof typeof VERTICAL_OUTPUT];

/** Bytes every allocation gets beyond its size: the kernel reads and writes whole 16-byte vectors. */
const SLACK = 64;
const PAGE = 65536;

/**
 * The kernel's memory, handed out by a bump allocator: a resample allocates what it needs and
 * gives it all back at once (`release(mark)`), so memory holds one job's pixels at a time. Wasm
 * memory never shrinks; the pool retires idle workers, which frees it.
 */
export class Kernel {
  readonly exports: KernelExports;
  #top = 0;

  constructor(exports: KernelExports) {
    this.exports = exports;
  }

  /** The current top, to give back later with `release`. */
  mark(): number {
    return this.#top;
  }

  release(mark: number): void {
    this.#top = mark;
  }

  /** `bytes` of memory aligned to 16, with slack after them; views made earlier may be detached. */
  allocate(bytes: number): number {
    const address = (this.#top + 15) & ~15;
    this.#top = address + bytes + SLACK;
    const { memory } = this.exports;
    const missing = this.#top - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / PAGE));
    return address;
  }

  bytes(address: number, length: number): Uint8Array {
    return new Uint8Array(this.exports.memory.buffer, address, length);
  }

  /** Copies `values` into new memory and returns its address. */
  store(values: Int16Array | Int32Array): number {
    const address = this.allocate(values.byteLength);
    new Uint8Array(this.exports.memory.buffer, address, values.byteLength).set(
      new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
    );
    return address;
  }
}

let loading: Promise<Kernel | undefined> | undefined;

function kernelBytes(): Uint8Array<ArrayBuffer> {
  const text = atob(KERNEL_WASM_BASE64);
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
  return bytes;
}

/**
 * The SIMD kernel, instantiated once per worker; undefined where it cannot run: no WebAssembly,
 * no 128-bit SIMD (validation fails), or a CSP without 'wasm-unsafe-eval' (compiling throws).
 * The caller then resamples with pica.
 */
export function loadKernel(): Promise<Kernel | undefined> {
  loading ??= (async () => {
    if (typeof WebAssembly === 'undefined') return undefined;
    const bytes = kernelBytes();
    if (!WebAssembly.validate(bytes)) return undefined;
    try {
      const { instance } = await WebAssembly.instantiate(bytes);
      // A plain copy of the (frozen) exports object: the bench's anatomy worker times each call.
      return new Kernel({ ...instance.exports } as unknown as KernelExports);
    } catch {
      return undefined;
    }
  })();
  return loading;
}
