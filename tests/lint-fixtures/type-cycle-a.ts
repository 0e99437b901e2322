// A cycle of type-only imports (a -> b -> a) for tests/lint.spec.ts, as workers/decode.ts and
// workers/resample/decode-jpeg.ts once were: no runtime effect, but the two files are one knot.
import type { Frame } from './type-cycle-b.ts';

export interface Decoded {
  width: number;
}

export const widthOf = (frame: Frame): number => frame.decoded.width;
