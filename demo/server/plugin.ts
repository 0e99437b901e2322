// The demo's receiver as a Vite plugin, mounted on both the dev and the preview server.
import type { Plugin } from 'vite';
import { resolveReceiverOptions, type ReceiverOptions } from './options.ts';
import { createReceiver } from './receiver.ts';

export type { ReceiverOptions, S3Settings } from './options.ts';

/**
 * Mounts the demo upload receiver: multipart at `/api/uploads`, tus at `/api/tus/`, presigned
 * PUTs at `/api/presign` when S3 is configured. Settings come from `options`, then from
 * `IMAGESPEC_UPLOAD_*` environment variables.
 *
 * @example
 * export default defineConfig({ plugins: [uploadReceiver({ dir: 'demo/uploads' })] });
 */
export function uploadReceiver(options: ReceiverOptions = {}): Plugin {
  return {
    name: 'imagespec-upload-receiver',
    configureServer(server) {
      server.middlewares.use(createReceiver(resolveReceiverOptions(options, server.config.root)));
    },
    configurePreviewServer(server) {
      server.middlewares.use(createReceiver(resolveReceiverOptions(options, server.config.root)));
    },
  };
}
