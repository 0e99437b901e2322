// Specs that differ only in their last step share the frame before it: the widths of one
// responsive spec (its processors, then a fit to each width) run those processors once.
import { canonicalJson } from '../src/shared/fingerprint.ts';
import type { ResolvedProcessor } from '../src/shared/processors/registry.ts';
import { releaseFrame, type Frame } from './frame.ts';

/** Runs processors from a frame; the frame it starts from is left as it was. */
export type RunSteps = (start: Frame, steps: readonly ResolvedProcessor[]) => Promise<Frame>;

/** Where a spec starts: a frame, and the processors still to run on it. */
export interface SpecStart {
  frame: Frame;
  steps: readonly ResolvedProcessor[];
}

/**
 * Keeps the frame after all but the last processor while consecutive specs need it, and only
 * then: a spec that shares nothing holds no extra canvas.
 */
export class SharedPrefix {
  readonly #keys: (string | undefined)[];
  #kept: { key: string; frame: Frame } | undefined;

  constructor(specs: readonly { processors: readonly ResolvedProcessor[] }[]) {
    this.#keys = specs.map(({ processors }) =>
      processors.length < 2 ? undefined : canonicalJson(processors.slice(0, -1)),
    );
  }

  /** The start of spec `index`, running (or reusing) the prefix it shares with its neighbours. */
  async start(
    index: number,
    processors: readonly ResolvedProcessor[],
    decoded: Frame,
    run: RunSteps,
  ): Promise<SpecStart> {
    const key = this.#keys[index];
    if (key === undefined || (this.#kept?.key !== key && this.#keys[index + 1] !== key)) {
      this.release();
      return { frame: decoded, steps: processors };
    }
    if (this.#kept?.key !== key) {
      this.release();
      this.#kept = { key, frame: await run(decoded, processors.slice(0, -1)) };
    }
    // Handed out as not owned: the last step must not draw on it in place, the next spec needs it.
    const kept = this.#kept.frame;
    return { frame: kept.owned ? { ...kept, owned: false } : kept, steps: processors.slice(-1) };
  }

  release(): void {
    if (this.#kept) releaseFrame(this.#kept.frame);
    this.#kept = undefined;
  }
}
