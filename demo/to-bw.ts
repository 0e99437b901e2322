import type { PixelProcessor } from '../workers/index.ts';

/** The example's custom processor: black and white by ITU-R 601 luma, alpha untouched. */
export const toBW: PixelProcessor = ({ pixels }) => {
  const data = pixels.data;
  for (let i = 0; i < data.length; i += 4) {
    const grey = Math.round(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!);
    data[i] = data[i + 1] = data[i + 2] = grey;
  }
};
