// The demo's receiver: imagespec/server mounted on Vite's dev and preview servers (vite.config.ts).
// Settings come from IMAGESPEC_UPLOAD_* variables; S3 (presigned uploads) when IMAGESPEC_S3_ENDPOINT
// is set. A local demo has no accounts: everyone is the same user, who may also list and delete.
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { createReceiver, createS3Storage, type ReceiverOptions } from '../server/index.ts';

function numberFrom(value: string | undefined): number | undefined {
  const parsed = Number(value);
  return value !== undefined && Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}

function optionsFromEnv(root: string, env: NodeJS.ProcessEnv): ReceiverOptions {
  const maxBodyBytes = numberFrom(env['IMAGESPEC_UPLOAD_MAX_BODY']);
  const maxPartBytes = numberFrom(env['IMAGESPEC_UPLOAD_MAX_PART']);
  const endpoint = env['IMAGESPEC_S3_ENDPOINT'];
  return {
    dir: resolve(root, env['IMAGESPEC_UPLOAD_DIR'] ?? 'demo/uploads'),
    authorize: () => 'demo',
    limits: {
      ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
      ...(maxPartBytes === undefined ? {} : { maxPartBytes }),
    },
    ...(endpoint
      ? {
          storage: createS3Storage({
            endpoint,
            bucket: env['IMAGESPEC_S3_BUCKET'] ?? 'imagespec',
            region: env['IMAGESPEC_S3_REGION'] ?? 'us-east-1',
            credentials: {
              accessKeyId: env['IMAGESPEC_S3_ACCESS_KEY_ID'] ?? 'S3RVER',
              secretAccessKey: env['IMAGESPEC_S3_SECRET_ACCESS_KEY'] ?? 'S3RVER',
            },
          }),
        }
      : {}),
  };
}

/**
 * Mounts the receiver: multipart at `/api/uploads`, tus at `/api/tus/`, stored files at
 * `/api/files/`, the uploads list at `GET /api/uploads`, presigned PUTs at `/api/presign` with S3.
 *
 * @example
 * export default defineConfig({ plugins: [uploadReceiver()] });
 */
export function uploadReceiver(): Plugin {
  return {
    name: 'imagespec-upload-receiver',
    configureServer(server) {
      server.middlewares.use(createReceiver(optionsFromEnv(server.config.root, process.env)));
    },
    configurePreviewServer(server) {
      server.middlewares.use(createReceiver(optionsFromEnv(server.config.root, process.env)));
    },
  };
}
