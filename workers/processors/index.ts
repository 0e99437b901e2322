import type { ResolvedProcessor } from '../../src/shared/processors/registry.ts';
import { runCustom } from '../custom-processors.ts';
import type { Frame } from '../frame.ts';
import { runAddBorder } from './add-border.ts';
import { runAdjust } from './adjust.ts';
import { runColorOverlay } from './color-overlay.ts';
import { runCrop } from './crop.ts';
import { runGaussianBlur } from './gaussian-blur.ts';
import { runGrayscale } from './grayscale.ts';
import { runImageOverlay } from './image-overlay.ts';
import { runMakeOpaque } from './make-opaque.ts';
import { runResize } from './resize.ts';
import { runResizeCanvas } from './resize-canvas.ts';
import { runResizeToCover } from './resize-to-cover.ts';
import { runResizeToFill } from './resize-to-fill.ts';
import { runResizeToFit } from './resize-to-fit.ts';
import { runSetOpacity } from './set-opacity.ts';
import { runSmartCrop } from './smart-crop.ts';
import { runSmartResize } from './smart-resize.ts';
import { runTranspose } from './transpose.ts';
import { runTrimBorderColor } from './trim-border-color.ts';
import type { SourceInfo } from './types.ts';

/** Runs one processor of a spec on the frame. */
export function runProcessor(frame: Frame, processor: ResolvedProcessor, source: SourceInfo): Frame | Promise<Frame> {
  switch (processor.op) {
    case 'resize':
      return runResize(frame, processor, source);
    case 'resizeToFit':
      return runResizeToFit(frame, processor, source);
    case 'resizeToFill':
      return runResizeToFill(frame, processor, source);
    case 'resizeToCover':
      return runResizeToCover(frame, processor, source);
    case 'smartResize':
      return runSmartResize(frame, processor, source);
    case 'crop':
      return runCrop(frame, processor, source);
    case 'smartCrop':
      return runSmartCrop(frame, processor, source);
    case 'resizeCanvas':
      return runResizeCanvas(frame, processor, source);
    case 'addBorder':
      return runAddBorder(frame, processor, source);
    case 'trimBorderColor':
      return runTrimBorderColor(frame, processor, source);
    case 'adjust':
      return runAdjust(frame, processor, source);
    case 'grayscale':
      return runGrayscale(frame, processor, source);
    case 'makeOpaque':
      return runMakeOpaque(frame, processor, source);
    case 'setOpacity':
      return runSetOpacity(frame, processor, source);
    case 'colorOverlay':
      return runColorOverlay(frame, processor, source);
    case 'imageOverlay':
      return runImageOverlay(frame, processor, source);
    case 'gaussianBlur':
      return runGaussianBlur(frame, processor, source);
    case 'transpose':
      return runTranspose(frame, processor, source);
    case 'custom':
      return runCustom(frame, processor, source);
  }
}
