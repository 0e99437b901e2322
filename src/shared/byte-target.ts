/**
 * The qualities a byte target (`maxBytes`) may try, highest first, in steps of 0.05 from the
 * spec's quality down to its `minQuality`: with 10 steps a search costs at most 6 encodes
 * (top, bottom, then halving). Plain arithmetic in whole percent, so 0.85 - 0.05 is 0.8.
 */
export function qualitySteps(quality: number, minQuality: number): number[] {
  const top = Math.round(quality * 100);
  const bottom = Math.min(top, Math.round(minQuality * 100));
  const steps: number[] = [];
  for (let percent = top; percent > bottom; percent -= 5) steps.push(percent / 100);
  steps.push(bottom / 100);
  return steps;
}

/** How much smaller to try next when even the lowest quality is over the target (`shrinkToFit`). */
export function shrinkFactor(bytes: number, maxBytes: number): number {
  // Bytes grow roughly with the pixel count; aim a little under so one shrink usually does.
  return Math.min(0.9, Math.sqrt(maxBytes / bytes) * 0.9);
}
