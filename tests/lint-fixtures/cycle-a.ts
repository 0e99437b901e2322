// A deliberate import cycle (a -> b -> a) for tests/lint.spec.ts; eslint.config.js ignores this folder.
import { b } from './cycle-b.ts';

export const a = (): string => b();
