import { defineProcessor } from './definition.ts';
import type { FieldReader } from './field-reader.ts';

/** A JSON value: what a custom processor's options may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface CustomSettings {
  /** Bump when the processor's code changes, so that cached results made by the old code miss. @default 1 */
  version?: number;
}

export interface CustomProcessor extends CustomSettings {
  op: 'custom';
  name: string;
  options?: { [key: string]: JsonValue };
}

export interface ResolvedCustom {
  op: 'custom';
  name: string;
  options: { [key: string]: JsonValue };
  version: number;
}

/**
 * A processor registered by name in your own worker module (see `imagespec/worker`).
 * Bump `version` when the processor's code changes, so cached results made by the old code miss.
 */
export function custom(
  name: string,
  options: { [key: string]: JsonValue } = {},
  settings: CustomSettings = {},
): CustomProcessor {
  return { op: 'custom', name, options, ...settings };
}

function readName(read: FieldReader): string {
  const value = read.raw('name');
  if (typeof value !== 'string' || value.trim() === '') return read.fail('name', 'must name a registered processor');
  return value;
}

function readOptions(read: FieldReader): { [key: string]: JsonValue } {
  const value = read.raw('options') ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return read.fail('options', 'must be an object');
  try {
    // A round trip proves the options are plain data that can reach the worker and be hashed.
    return JSON.parse(JSON.stringify(value)) as { [key: string]: JsonValue };
  } catch (error) {
    return read.fail('options', `must be JSON data: ${(error as Error).message}`);
  }
}

function readVersion(read: FieldReader): number {
  const value = read.raw('version') ?? 1;
  if (!Number.isInteger(value) || (value as number) < 0) {
    return read.fail('version', `must be a whole number, got ${JSON.stringify(value)}`);
  }
  return value as number;
}

export const customDefinition = defineProcessor('custom', ['name', 'options', 'version'], (read): ResolvedCustom => ({
  op: 'custom',
  name: readName(read),
  options: readOptions(read),
  version: readVersion(read),
}));
