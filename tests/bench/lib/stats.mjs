// Small statistics over repeated runs.

export function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** { median, min, max, n } of the numbers given (nulls dropped), or null when there are none. */
export function summarise(values) {
  const numbers = values.filter((value) => typeof value === 'number' && Number.isFinite(value));
  if (numbers.length === 0) return null;
  return { median: median(numbers), min: Math.min(...numbers), max: Math.max(...numbers), n: numbers.length };
}

export function geometricMean(values) {
  const numbers = values.filter((value) => typeof value === 'number' && value > 0);
  if (numbers.length === 0) return null;
  return Math.exp(numbers.reduce((sum, value) => sum + Math.log(value), 0) / numbers.length);
}
