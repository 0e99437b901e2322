// Picks the transport the options name.
import type { TransportOptions } from './options.ts';
import { createMultipartTransport } from './transports/multipart.ts';
import { createPresignedTransport } from './transports/presigned.ts';
import type { Transport } from './transports/transport.ts';
import { createTusTransport } from './transports/tus.ts';

export function createTransport(options: TransportOptions): Transport {
  switch (options.type) {
    case 'multipart':
      return createMultipartTransport(options);
    case 'tus':
      return createTusTransport(options);
    case 'presigned':
      return createPresignedTransport(options);
  }
}
