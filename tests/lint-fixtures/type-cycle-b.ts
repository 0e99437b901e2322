// The other half of the type-only cycle in type-cycle-a.ts.
import type { Decoded } from './type-cycle-a.ts';

export interface Frame {
  decoded: Decoded;
}
