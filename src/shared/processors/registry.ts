// Every built-in processor's definition, by op: the one list that validation reads. Adding a
// processor adds its file here (and its worker implementation to workers/processors/index.ts).
import { adjustDefinition, type AdjustProcessor, type ResolvedAdjust } from './adjust.ts';
import { cropDefinition, type CropProcessor, type ResolvedCrop } from './crop.ts';
import { customDefinition, type CustomProcessor, type ResolvedCustom } from './custom.ts';
import { FieldReader, type FailField } from './field-reader.ts';
import { grayscaleDefinition, type GrayscaleProcessor, type ResolvedGrayscale } from './grayscale.ts';
import { resizeDefinition, type ResizeProcessor, type ResolvedResize } from './resize.ts';
import { resizeToCoverDefinition, type ResizeToCoverProcessor, type ResolvedResizeToCover } from './resize-to-cover.ts';
import { resizeToFillDefinition, type ResizeToFillProcessor, type ResolvedResizeToFill } from './resize-to-fill.ts';
import { resizeToFitDefinition, type ResizeToFitProcessor, type ResolvedResizeToFit } from './resize-to-fit.ts';
import { transposeDefinition, type ResolvedTranspose, type TransposeProcessor } from './transpose.ts';

/** One step of a spec, as data: what the processor factories return. */
export type ProcessorSpec =
  | ResizeProcessor
  | ResizeToFitProcessor
  | ResizeToFillProcessor
  | ResizeToCoverProcessor
  | CropProcessor
  | AdjustProcessor
  | GrayscaleProcessor
  | TransposeProcessor
  | CustomProcessor;

/** Processors with every default filled in: what the worker runs and the fingerprint hashes. */
export type ResolvedProcessor =
  | ResolvedResize
  | ResolvedResizeToFit
  | ResolvedResizeToFill
  | ResolvedResizeToCover
  | ResolvedCrop
  | ResolvedAdjust
  | ResolvedGrayscale
  | ResolvedTranspose
  | ResolvedCustom;

export type ProcessorOp = ResolvedProcessor['op'];

/** The resolved form of one processor, by op. */
export type Resolved<Op extends ProcessorOp> = Extract<ResolvedProcessor, { op: Op }>;

type Definitions = { [Op in ProcessorOp]: { fields: readonly string[]; resolve(read: FieldReader): Resolved<Op> } };

const DEFINITIONS: Definitions = {
  resize: resizeDefinition,
  resizeToFit: resizeToFitDefinition,
  resizeToFill: resizeToFillDefinition,
  resizeToCover: resizeToCoverDefinition,
  crop: cropDefinition,
  adjust: adjustDefinition,
  grayscale: grayscaleDefinition,
  transpose: transposeDefinition,
  custom: customDefinition,
};

/** Validates one processor and fills in its defaults. */
export function resolveProcessor(value: unknown, fail: FailField): ResolvedProcessor {
  if (typeof value !== 'object' || value === null) return fail('', 'must be a processor object');
  const data = value as Record<string, unknown>;
  const op = data['op'];
  if (typeof op !== 'string' || !Object.hasOwn(DEFINITIONS, op)) {
    return fail(
      '.op',
      `is not a processor: ${JSON.stringify(op)} (expected one of ${Object.keys(DEFINITIONS).join(', ')})`,
    );
  }
  const definition = DEFINITIONS[op as ProcessorOp];
  const extra = Object.keys(data).find((key) => key !== 'op' && !definition.fields.includes(key));
  if (extra !== undefined) fail(`.${extra}`, `is not an option of ${op}`);
  return definition.resolve(new FieldReader(data, fail));
}
