// S3-compatible storage with the AWS SDK (loaded on first use): puts of received files, reads,
// and presigned PUTs whose URL signs the type, the size and the SHA-256, so the store itself
// refuses other bytes (stores that check signatures and checksums do; the receiver checks anyway).
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { StoredObject, UploadStorage } from './upload-storage.ts';

export interface S3StorageOptions {
  bucket: string;
  /** The S3 API endpoint, for S3-compatible stores (MinIO, R2, ...). @default AWS for `region` */
  endpoint?: string;
  /** @default 'us-east-1' */
  region?: string;
  /** Static credentials. @default the AWS SDK's default chain (environment, profile, instance role) */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Path-style URLs (`endpoint/bucket/key`), which most S3-compatible stores need. @default true when `endpoint` is set */
  forcePathStyle?: boolean;
}

type Sdk = typeof import('@aws-sdk/client-s3');

function isMissing(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return name === 'NoSuchKey' || name === 'NotFound';
}

/**
 * Stores versions as objects in an S3 bucket; also enables presigned uploads.
 *
 * @example
 * createReceiver({ dir: '/var/lib/uploads', storage: createS3Storage({ bucket: 'photos', region: 'eu-west-1' }) });
 */
export function createS3Storage(options: S3StorageOptions): UploadStorage {
  let loaded:
    Promise<{ sdk: Sdk; client: S3Client; presign: typeof import('@aws-sdk/s3-request-presigner') }> | undefined;
  const load = () => {
    loaded ??= (async () => {
      const [sdk, presign] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]);
      const client = new sdk.S3Client({
        region: options.region ?? 'us-east-1',
        forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
        // Checksums only where an operation requires one: a presigned PUT has no body when it is signed.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
        ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
      });
      return { sdk, client, presign };
    })();
    return loaded;
  };
  const Bucket = options.bucket;
  return {
    async put(key, file) {
      const { sdk, client } = await load();
      await client.send(
        new sdk.PutObjectCommand({
          Bucket,
          Key: key,
          Body: createReadStream(file.path),
          ContentLength: file.bytes,
          ContentType: file.type,
        }),
      );
    },
    async get(key): Promise<StoredObject | null> {
      const { sdk, client } = await load();
      try {
        const object = await client.send(new sdk.GetObjectCommand({ Bucket, Key: key }));
        if (!object.Body) return null;
        return { body: object.Body as Readable, bytes: object.ContentLength ?? 0 };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      const { sdk, client } = await load();
      await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: key }));
    },
    async signPut(key, request) {
      const { sdk, client, presign } = await load();
      const checksum = Buffer.from(request.sha256, 'hex').toString('base64');
      const command = new sdk.PutObjectCommand({
        Bucket,
        Key: key,
        ContentType: request.type,
        ContentLength: request.bytes,
        ChecksumSHA256: checksum,
      });
      const url = await presign.getSignedUrl(client, command, {
        expiresIn: request.expiresIn,
        signingDate: new Date(request.now),
        // Signed as headers, so the PUT cannot choose another type, size or content.
        signableHeaders: new Set(['content-type', 'content-length']),
        unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
      });
      return { url, headers: { 'Content-Type': request.type, 'x-amz-checksum-sha256': checksum } };
    },
    async copy(from, to, type) {
      const { sdk, client } = await load();
      await client.send(
        new sdk.CopyObjectCommand({
          Bucket,
          Key: to,
          CopySource: `${Bucket}/${from}`,
          // The verified type, whatever the client's PUT said.
          ContentType: type,
          MetadataDirective: 'REPLACE',
        }),
      );
    },
  };
}
