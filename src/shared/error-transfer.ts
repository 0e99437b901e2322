import { transferHandlers, type TransferHandler } from 'comlink';
import { deserializeError, serializeError, type SerializedError } from './errors/serialize-error.ts';

type Thrown = { value: unknown };

/**
 * comlink's own 'throw' handler keeps only message, name and stack, so an `ImageSpecError`
 * would reach the page without its `code`. Both sides of the worker boundary install this one.
 */
export function installErrorTransfer(): void {
  const builtIn = transferHandlers.get('throw') as TransferHandler<Thrown, unknown> | undefined;
  if (!builtIn) throw new Error('comlink has no "throw" transfer handler to replace');
  const handler: TransferHandler<Thrown, SerializedError> = {
    canHandle: builtIn.canHandle,
    serialize: ({ value }) => [serializeError(value), []],
    deserialize: (data) => {
      throw deserializeError(data);
    },
  };
  transferHandlers.set('throw', handler);
}
