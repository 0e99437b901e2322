// Reads a processor's fields one at a time, failing with the field's name: the shared vocabulary
// of the per-processor resolvers (sides, factors, colours, anchors).
import { ANCHORS, type Anchor, type Point } from './anchor.ts';

/** Canvas limits make larger outputs fail in some browsers; no real version needs more. */
export const MAX_OUTPUT_SIDE = 16_384;

/** Reports a bad field: `field` is relative to the processor (".width"), `problem` says what is wrong. */
export type FailField = (field: string, problem: string) => never;

export class FieldReader {
  readonly #data: Readonly<Record<string, unknown>>;
  readonly #fail: FailField;

  constructor(data: Readonly<Record<string, unknown>>, fail: FailField) {
    this.#data = data;
    this.#fail = fail;
  }

  /** The raw value of a field, for resolvers with a vocabulary of their own. */
  raw(key: string): unknown {
    return this.#data[key];
  }

  fail(key: string, problem: string): never {
    return this.#fail(`.${key}`, problem);
  }

  side(key: string): number {
    const value = this.#data[key];
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_OUTPUT_SIDE) {
      this.fail(key, `must be a whole number of pixels from 1 to ${MAX_OUTPUT_SIDE}, got ${JSON.stringify(value)}`);
    }
    return value as number;
  }

  /** A side that may be left out (`null`): the other side alone then sets the scale. */
  optionalSide(key: string): number | null {
    const value = this.#data[key];
    return value === undefined || value === null ? null : this.side(key);
  }

  /** A whole number from `min` to `max`; `fallback` when absent. */
  integer(key: string, min: number, max: number, fallback?: number): number {
    const value = this.#data[key] ?? fallback;
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      this.fail(key, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
    return value as number;
  }

  /** A finite number from `min` to `max`; `fallback` when absent. */
  number(key: string, min: number, max: number, fallback?: number): number {
    const value = this.#data[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      this.fail(key, `must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  /** A position in pixels that may be negative (outside the image); null when absent. */
  coordinate(key: string): number | null {
    const value = this.#data[key];
    if (value === undefined || value === null) return null;
    if (!Number.isInteger(value) || Math.abs(value as number) > MAX_OUTPUT_SIDE) {
      this.fail(key, `must be a whole number of pixels, got ${JSON.stringify(value)}`);
    }
    return value as number;
  }

  offset(key: string): number | null {
    const value = this.#data[key];
    if (value === undefined || value === null) return null;
    if (!Number.isInteger(value) || (value as number) < 0) {
      this.fail(key, `must be a whole number of pixels, 0 or more, got ${JSON.stringify(value)}`);
    }
    return value as number;
  }

  factor(key: string): number {
    const value = this.#data[key] ?? 1;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      this.fail(key, `must be a finite number, 0 or more, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.#data[key] ?? fallback;
    if (typeof value !== 'boolean') this.fail(key, `must be true or false, got ${JSON.stringify(value)}`);
    return value;
  }

  color(key: string, fallback: string | null = null): string | null {
    const value = this.#data[key] ?? fallback;
    if (value !== null && (typeof value !== 'string' || value.trim() === '')) {
      this.fail(key, `must be a CSS colour or null, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  anchor(key = 'anchor', fallback: Anchor = 'center'): Point {
    const value = (this.#data[key] ?? fallback) as Anchor;
    if (typeof value === 'string') {
      const point = Object.hasOwn(ANCHORS, value) ? ANCHORS[value] : undefined;
      if (!point) {
        this.fail(key, `must be one of ${Object.keys(ANCHORS).join(', ')} or { x, y }, got ${JSON.stringify(value)}`);
      }
      return { ...point };
    }
    const { x, y } = (value ?? {}) as Partial<Point>;
    const inRange = (n: unknown) => typeof n === 'number' && n >= 0 && n <= 1;
    if (!inRange(x) || !inRange(y)) this.fail(key, `must have x and y from 0 to 1, got ${JSON.stringify(value)}`);
    return { x: x!, y: y! };
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const value = this.#data[key];
    if (!allowed.includes(value as T)) {
      this.fail(key, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
    }
    return value as T;
  }
}
