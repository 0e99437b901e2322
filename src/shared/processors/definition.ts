import type { FieldReader } from './field-reader.ts';

/**
 * How one processor is checked: the fields it takes, and how its data becomes the fully-resolved
 * form (every default filled in) that the worker runs and the fingerprint hashes.
 */
export interface ProcessorDefinition<Op extends string, Resolved extends { op: string }> {
  op: Op;
  fields: readonly string[];
  resolve(read: FieldReader): Resolved;
}

export function defineProcessor<Op extends string, Resolved extends { op: string }>(
  op: Op,
  fields: readonly string[],
  resolve: (read: FieldReader) => Resolved,
): ProcessorDefinition<Op, Resolved> {
  return { op, fields, resolve };
}
