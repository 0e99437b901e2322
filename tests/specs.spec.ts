// Specs are data: validated before any work, with errors naming the spec and the field, and
// fingerprinted stably.
import { expect, test } from '@playwright/test';
import { isImageSpecError } from '../src/shared/errors/imagespec-error.ts';
import { fingerprintSpec } from '../src/shared/fingerprint.ts';
import { adjust, custom, resizeToFill } from '../src/index.ts';
import { resolveSpecs, type ResolvedImageSpec, type Specs } from '../src/shared/specs.ts';

function invalid(specs: unknown): { code: string; message: string; details: unknown } {
  try {
    resolveSpecs(specs as Specs);
  } catch (error) {
    if (!isImageSpecError(error)) throw error;
    return { code: error.code, message: error.message, details: error.details };
  }
  throw new Error('expected INVALID_SPEC');
}

test('a bad field is refused with INVALID_SPEC naming the spec and the field', () => {
  const bad = invalid({ thumbnail: { processors: [resizeToFill(-1, 75)] } });
  expect(bad.code).toBe('INVALID_SPEC');
  expect(bad.message).toBe(
    'invalid spec "thumbnail": processors[0].width must be a whole number of pixels from 1 to 16384, got -1',
  );
  expect(bad.details).toEqual({ spec: 'thumbnail', field: 'processors[0].width' });
  expect(invalid({ a: { quality: 2 } }).message).toContain('"a": quality must be a number from 0 to 1');
  expect(invalid({ a: { format: 'image/gif' } }).message).toContain('format must be one of');
  expect(invalid({ a: { processors: [{ op: 'blur' }] } }).message).toContain(
    'processors[0].op is not a processor: "blur"',
  );
  expect(invalid({ a: { processors: [adjust({ contrast: -1 })] } }).message).toContain('processors[0].contrast');
  expect(invalid({ a: { processors: [{ op: 'crop', width: 10, height: 10, anchor: 'middle' }] } }).message).toContain(
    'processors[0].anchor',
  );
  expect(invalid({ a: { original: true, quality: 0.5 } }).message).toContain(
    'quality cannot be combined with original',
  );
  expect(invalid({ a: { procesors: [] } }).message).toContain('procesors is not a spec field');
  expect(invalid({}).message).toContain('no spec given');
});

test('defaults are filled in once, so equivalent specs resolve the same', () => {
  const [explicit] = resolveSpecs({ a: { processors: [resizeToFill(100, 75, { anchor: 'center' })], quality: 0.85 } });
  const [implicit] = resolveSpecs({ a: { processors: [resizeToFill(100, 75)] } });
  expect(explicit).toEqual(implicit);
});

test('fingerprints ignore the name and key order, and change with what the spec does', async () => {
  const fingerprint = async (specs: Specs) => fingerprintSpec(resolveSpecs(specs)[0] as ResolvedImageSpec);
  const base = await fingerprint({ thumbnail: { processors: [resizeToFill(100, 75)], quality: 0.8 } });
  expect(base).toMatch(/^[0-9a-f]{64}$/);
  expect(
    await fingerprint({ other: { quality: 0.8, processors: [{ height: 75, op: 'resizeToFill', width: 100 }] } }),
  ).toBe(base);
  expect(await fingerprint({ thumbnail: { processors: [resizeToFill(100, 75)], quality: 0.81 } })).not.toBe(base);
  const bw1 = await fingerprint({ d: { processors: [custom('toBW')] } });
  expect(await fingerprint({ d: { processors: [custom('toBW', {}, { version: 2 })] } })).not.toBe(bw1);
  expect(await fingerprint({ d: { processors: [custom('toBW', { level: 1 })] } })).not.toBe(bw1);
});
