import type { Anchor, AnchorName, JsonValue, TransposeOperation } from './processors.ts';

/** A relative point: 0..1 across, 0..1 down. */
export interface Point {
  x: number;
  y: number;
}

/** Processors with every default filled in: what the worker runs and the fingerprint hashes. */
export type ResolvedProcessor =
  | { op: 'resize'; width: number; height: number }
  | { op: 'resizeToFit'; width: number; height: number; upscale: boolean; matColor: string | null; anchor: Point }
  | { op: 'resizeToFill'; width: number; height: number; anchor: Point }
  | { op: 'resizeToCover'; width: number; height: number; upscale: boolean }
  | { op: 'crop'; width: number; height: number; anchor: Point; x: number | null; y: number | null }
  | { op: 'adjust'; color: number; brightness: number; contrast: number; sharpness: number }
  | { op: 'grayscale' }
  | { op: 'transpose'; operation: TransposeOperation }
  | { op: 'custom'; name: string; options: { [key: string]: JsonValue }; version: number };

export type ProcessorOp = ResolvedProcessor['op'];

/** Canvas limits make larger outputs fail in some browsers; no real version needs more. */
export const MAX_OUTPUT_SIDE = 16_384;

const ANCHORS: Record<AnchorName, Point> = {
  'top-left': { x: 0, y: 0 },
  top: { x: 0.5, y: 0 },
  'top-right': { x: 1, y: 0 },
  left: { x: 0, y: 0.5 },
  center: { x: 0.5, y: 0.5 },
  right: { x: 1, y: 0.5 },
  'bottom-left': { x: 0, y: 1 },
  bottom: { x: 0.5, y: 1 },
  'bottom-right': { x: 1, y: 1 },
};

const TRANSPOSE_OPERATIONS: readonly TransposeOperation[] = [
  'rotate90',
  'rotate180',
  'rotate270',
  'flipHorizontal',
  'flipVertical',
];

const FIELDS: Record<ProcessorOp, readonly string[]> = {
  resize: ['width', 'height'],
  resizeToFit: ['width', 'height', 'upscale', 'matColor', 'anchor'],
  resizeToFill: ['width', 'height', 'anchor'],
  resizeToCover: ['width', 'height', 'upscale'],
  crop: ['width', 'height', 'anchor', 'x', 'y'],
  adjust: ['color', 'brightness', 'contrast', 'sharpness'],
  grayscale: [],
  transpose: ['operation'],
  custom: ['name', 'options', 'version'],
};

/** Reports a bad field: `field` is relative to the processor (".width"), `problem` says what is wrong. */
export type FailField = (field: string, problem: string) => never;

/** Validates one processor and fills in its defaults. */
export function resolveProcessor(value: unknown, fail: FailField): ResolvedProcessor {
  if (typeof value !== 'object' || value === null) return fail('', 'must be a processor object');
  const data = value as Record<string, unknown>;
  const op = data['op'];
  if (typeof op !== 'string' || !(op in FIELDS)) {
    return fail('.op', `is not a processor: ${JSON.stringify(op)} (expected one of ${Object.keys(FIELDS).join(', ')})`);
  }
  const allowed = FIELDS[op as ProcessorOp];
  const extra = Object.keys(data).find((key) => key !== 'op' && !allowed.includes(key));
  if (extra !== undefined) fail(`.${extra}`, `is not an option of ${op}`);

  const read = new FieldReader(data, fail);
  switch (op as ProcessorOp) {
    case 'resize':
      return { op: 'resize', width: read.side('width'), height: read.side('height') };
    case 'resizeToFit':
      return {
        op: 'resizeToFit',
        width: read.side('width'),
        height: read.side('height'),
        upscale: read.boolean('upscale', true),
        matColor: read.color('matColor'),
        anchor: read.anchor(),
      };
    case 'resizeToFill':
      return { op: 'resizeToFill', width: read.side('width'), height: read.side('height'), anchor: read.anchor() };
    case 'resizeToCover':
      return {
        op: 'resizeToCover',
        width: read.side('width'),
        height: read.side('height'),
        upscale: read.boolean('upscale', true),
      };
    case 'crop':
      return {
        op: 'crop',
        width: read.side('width'),
        height: read.side('height'),
        anchor: read.anchor(),
        x: read.offset('x'),
        y: read.offset('y'),
      };
    case 'adjust':
      return {
        op: 'adjust',
        color: read.factor('color'),
        brightness: read.factor('brightness'),
        contrast: read.factor('contrast'),
        sharpness: read.factor('sharpness'),
      };
    case 'grayscale':
      return { op: 'grayscale' };
    case 'transpose':
      return { op: 'transpose', operation: read.transpose() };
    case 'custom':
      return { op: 'custom', name: read.name(), options: read.options(), version: read.version() };
  }
}

/** Reads one field at a time, failing with the field's name. */
class FieldReader {
  readonly #data: Record<string, unknown>;
  readonly #fail: FailField;

  constructor(data: Record<string, unknown>, fail: FailField) {
    this.#data = data;
    this.#fail = fail;
  }

  side(key: string): number {
    const value = this.#data[key];
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_OUTPUT_SIDE) {
      this.#fail(
        `.${key}`,
        `must be a whole number of pixels from 1 to ${MAX_OUTPUT_SIDE}, got ${JSON.stringify(value)}`,
      );
    }
    return value as number;
  }

  offset(key: string): number | null {
    const value = this.#data[key];
    if (value === undefined || value === null) return null;
    if (!Number.isInteger(value) || (value as number) < 0) {
      this.#fail(`.${key}`, `must be a whole number of pixels, 0 or more, got ${JSON.stringify(value)}`);
    }
    return value as number;
  }

  factor(key: string): number {
    const value = this.#data[key] ?? 1;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      this.#fail(`.${key}`, `must be a finite number, 0 or more, got ${JSON.stringify(value)}`);
    }
    return value as number;
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.#data[key] ?? fallback;
    if (typeof value !== 'boolean') this.#fail(`.${key}`, `must be true or false, got ${JSON.stringify(value)}`);
    return value as boolean;
  }

  color(key: string): string | null {
    const value = this.#data[key] ?? null;
    if (value !== null && (typeof value !== 'string' || value.trim() === '')) {
      this.#fail(`.${key}`, `must be a CSS colour or null, got ${JSON.stringify(value)}`);
    }
    return value as string | null;
  }

  anchor(): Point {
    const value = (this.#data['anchor'] ?? 'center') as Anchor;
    if (typeof value === 'string') {
      const point = ANCHORS[value];
      if (!point)
        this.#fail(
          '.anchor',
          `must be one of ${Object.keys(ANCHORS).join(', ')} or { x, y }, got ${JSON.stringify(value)}`,
        );
      return { ...point };
    }
    const { x, y } = (value ?? {}) as Partial<Point>;
    const inRange = (n: unknown) => typeof n === 'number' && n >= 0 && n <= 1;
    if (!inRange(x) || !inRange(y))
      this.#fail('.anchor', `must have x and y from 0 to 1, got ${JSON.stringify(value)}`);
    return { x: x!, y: y! };
  }

  transpose(): TransposeOperation {
    const value = this.#data['operation'];
    if (!TRANSPOSE_OPERATIONS.includes(value as TransposeOperation)) {
      this.#fail('.operation', `must be one of ${TRANSPOSE_OPERATIONS.join(', ')}, got ${JSON.stringify(value)}`);
    }
    return value as TransposeOperation;
  }

  name(): string {
    const value = this.#data['name'];
    if (typeof value !== 'string' || value.trim() === '') this.#fail('.name', 'must name a registered processor');
    return value as string;
  }

  options(): { [key: string]: JsonValue } {
    const value = this.#data['options'] ?? {};
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.#fail('.options', 'must be an object');
    try {
      // A round trip proves the options are plain data that can reach the worker and be hashed.
      return JSON.parse(JSON.stringify(value)) as { [key: string]: JsonValue };
    } catch (error) {
      return this.#fail('.options', `must be JSON data: ${(error as Error).message}`);
    }
  }

  version(): number {
    const value = this.#data['version'] ?? 1;
    if (!Number.isInteger(value) || (value as number) < 0)
      this.#fail('.version', `must be a whole number, got ${JSON.stringify(value)}`);
    return value as number;
  }
}
