/** The example's custom processor: black and white by ITU-R 601 luma, alpha untouched. */
export function toBW({ pixels }) {
  const data = pixels.data;
  for (let i = 0; i < data.length; i += 4) {
    data[i] = data[i + 1] = data[i + 2] = Math.round(0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]);
  }
}
