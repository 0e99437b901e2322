/** pilkit's nine named anchor points. */
export type AnchorName =
  'top-left' | 'top' | 'top-right' | 'left' | 'center' | 'right' | 'bottom-left' | 'bottom' | 'bottom-right';

/** A named point, or a relative one: `{ x: 0, y: 0 }` is the top left, `{ x: 1, y: 1 }` the bottom right. */
export type Anchor = AnchorName | { x: number; y: number };

/** A relative point: 0..1 across, 0..1 down. */
export interface Point {
  x: number;
  y: number;
}

export const ANCHORS: Readonly<Record<AnchorName, Point>> = {
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
