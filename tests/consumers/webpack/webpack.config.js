// The webpack app's config: nothing for imagespec. A production build of the shared page, whose
// chunks and workers webpack finds next to the script wherever the site serves it.
import { fileURLToPath } from 'node:url';

export default {
  mode: 'production',
  context: fileURLToPath(new URL('.', import.meta.url)),
  entry: './main.js',
  output: { path: fileURLToPath(new URL('./dist', import.meta.url)), filename: 'main.js', clean: true },
};
