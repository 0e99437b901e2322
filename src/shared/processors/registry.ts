// Every built-in processor's definition, by op: the one list that validation reads. Adding a
// processor adds its file here (and its worker implementation to workers/processors/index.ts).
import { addBorderDefinition, type AddBorderProcessor, type ResolvedAddBorder } from './add-border.ts';
import { adjustDefinition, type AdjustProcessor, type ResolvedAdjust } from './adjust.ts';
import { colorOverlayDefinition, type ColorOverlayProcessor, type ResolvedColorOverlay } from './color-overlay.ts';
import { cropDefinition, type CropProcessor, type ResolvedCrop } from './crop.ts';
import { customDefinition, type CustomProcessor, type ResolvedCustom } from './custom.ts';
import { FieldReader, type FailField } from './field-reader.ts';
import { gaussianBlurDefinition, type GaussianBlurProcessor, type ResolvedGaussianBlur } from './gaussian-blur.ts';
import { grayscaleDefinition, type GrayscaleProcessor, type ResolvedGrayscale } from './grayscale.ts';
import { imageOverlayDefinition, type ImageOverlayProcessor, type ResolvedImageOverlay } from './image-overlay.ts';
import { makeOpaqueDefinition, type MakeOpaqueProcessor, type ResolvedMakeOpaque } from './make-opaque.ts';
import { resizeDefinition, type ResizeProcessor, type ResolvedResize } from './resize.ts';
import { resizeCanvasDefinition, type ResizeCanvasProcessor, type ResolvedResizeCanvas } from './resize-canvas.ts';
import { resizeToCoverDefinition, type ResizeToCoverProcessor, type ResolvedResizeToCover } from './resize-to-cover.ts';
import { resizeToFillDefinition, type ResizeToFillProcessor, type ResolvedResizeToFill } from './resize-to-fill.ts';
import { resizeToFitDefinition, type ResizeToFitProcessor, type ResolvedResizeToFit } from './resize-to-fit.ts';
import { setOpacityDefinition, type ResolvedSetOpacity, type SetOpacityProcessor } from './set-opacity.ts';
import { smartCropDefinition, type ResolvedSmartCrop, type SmartCropProcessor } from './smart-crop.ts';
import { smartResizeDefinition, type ResolvedSmartResize, type SmartResizeProcessor } from './smart-resize.ts';
import { thumbnailDefinition, type ThumbnailProcessor } from './thumbnail.ts';
import { transposeDefinition, type ResolvedTranspose, type TransposeProcessor } from './transpose.ts';
import {
  trimBorderColorDefinition,
  type ResolvedTrimBorderColor,
  type TrimBorderColorProcessor,
} from './trim-border-color.ts';

/** One step of a spec, as data: what the processor factories return. */
export type ProcessorSpec =
  | ResizeProcessor
  | ResizeToFitProcessor
  | ResizeToFillProcessor
  | ResizeToCoverProcessor
  | SmartResizeProcessor
  | ThumbnailProcessor
  | CropProcessor
  | SmartCropProcessor
  | ResizeCanvasProcessor
  | AddBorderProcessor
  | TrimBorderColorProcessor
  | AdjustProcessor
  | GrayscaleProcessor
  | MakeOpaqueProcessor
  | SetOpacityProcessor
  | ColorOverlayProcessor
  | ImageOverlayProcessor
  | GaussianBlurProcessor
  | TransposeProcessor
  | CustomProcessor;

/**
 * Processors with every default filled in: what the worker runs and the fingerprint hashes.
 * `thumbnail` resolves to the processor it wraps.
 */
export type ResolvedProcessor =
  | ResolvedResize
  | ResolvedResizeToFit
  | ResolvedResizeToFill
  | ResolvedResizeToCover
  | ResolvedSmartResize
  | ResolvedCrop
  | ResolvedSmartCrop
  | ResolvedResizeCanvas
  | ResolvedAddBorder
  | ResolvedTrimBorderColor
  | ResolvedAdjust
  | ResolvedGrayscale
  | ResolvedMakeOpaque
  | ResolvedSetOpacity
  | ResolvedColorOverlay
  | ResolvedImageOverlay
  | ResolvedGaussianBlur
  | ResolvedTranspose
  | ResolvedCustom;

export type ProcessorOp = ResolvedProcessor['op'];

/** The resolved form of one processor, by op. */
export type Resolved<Op extends ProcessorOp> = Extract<ResolvedProcessor, { op: Op }>;

type Definitions = {
  [Op in ProcessorSpec['op']]: { fields: readonly string[]; resolve(read: FieldReader): ResolvedProcessor };
};

const DEFINITIONS: Definitions = {
  resize: resizeDefinition,
  resizeToFit: resizeToFitDefinition,
  resizeToFill: resizeToFillDefinition,
  resizeToCover: resizeToCoverDefinition,
  smartResize: smartResizeDefinition,
  thumbnail: thumbnailDefinition,
  crop: cropDefinition,
  smartCrop: smartCropDefinition,
  resizeCanvas: resizeCanvasDefinition,
  addBorder: addBorderDefinition,
  trimBorderColor: trimBorderColorDefinition,
  adjust: adjustDefinition,
  grayscale: grayscaleDefinition,
  makeOpaque: makeOpaqueDefinition,
  setOpacity: setOpacityDefinition,
  colorOverlay: colorOverlayDefinition,
  imageOverlay: imageOverlayDefinition,
  gaussianBlur: gaussianBlurDefinition,
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
  const definition = DEFINITIONS[op as ProcessorSpec['op']];
  const extra = Object.keys(data).find((key) => key !== 'op' && !definition.fields.includes(key));
  if (extra !== undefined) fail(`.${extra}`, `is not an option of ${op}`);
  return definition.resolve(new FieldReader(data, fail));
}
