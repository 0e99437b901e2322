import { defineProcessor } from './definition.ts';

export interface SetOpacityProcessor {
  op: 'setOpacity';
  /** The alpha the most opaque pixel gets, 0..255; the others scale with it. @default 255 */
  maxAlpha?: number;
}

export interface ResolvedSetOpacity {
  op: 'setOpacity';
  maxAlpha: number;
}

/**
 * Scales the alpha channel so that the most opaque pixel gets `maxAlpha` (an opaque image
 * becomes evenly translucent), truncating as pilkit's `SetOpacity` does.
 */
export function setOpacity(maxAlpha = 255): SetOpacityProcessor {
  return { op: 'setOpacity', maxAlpha };
}

export const setOpacityDefinition = defineProcessor('setOpacity', ['maxAlpha'], (read): ResolvedSetOpacity => ({
  op: 'setOpacity',
  maxAlpha: read.integer('maxAlpha', 0, 255, 255),
}));
