// How the gallery writes sizes, shares, durations and formats for people.

const decimal = (digits: number) => new Intl.NumberFormat('en', { maximumFractionDigits: digits });

/** 980 B, 3.1 kB, 61 kB, 2.27 MB (decimal units, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const [value, unit] = bytes < 1e6 ? [bytes / 1e3, 'kB'] : [bytes / 1e6, 'MB'];
  return `${decimal(value < 10 ? 1 : 0).format(value)} ${unit}`;
}

/** `part` as a share of `whole`: 0.14%, 2.7%, 100%. Small shares keep two significant digits. */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0) return '–';
  const percent = (100 * part) / whole;
  const digits = percent >= 10 ? 0 : percent >= 1 ? 1 : 2;
  return `${decimal(digits).format(percent)}%`;
}

/** 412 ms, 1.8 s. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${decimal(1).format(ms / 1000)} s`;
}

/** image/jpeg -> JPEG, image/svg+xml -> SVG. */
export function formatName(type: string): string {
  return (type.split('/')[1] ?? type).split('+')[0]!.toUpperCase();
}

/** 200 × 400 */
export function formatSize(width: number, height: number): string {
  return `${width} × ${height}`;
}
