// The import boundaries bite: a file that crosses one is an error in `npm run lint`, which
// `npm test` runs before the browser tests. Each case lints a few lines as if they stood at a
// path inside the tree, with the project's own import rules; the cycles are files in
// tests/lint-fixtures/.
import { expect, test } from '@playwright/test';
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import tseslint from 'typescript-eslint';
import { importRules } from '../eslint.config.js';

const ROOT = resolve(import.meta.dirname, '..');

const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, importRules],
});

async function lintAt(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, path) });
  return result!.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

const cases: { at: string; imports: string; rule: RegExp }[] = [
  {
    at: 'workers/boundary-fixture.ts',
    imports: "import { createUploader } from '../src/upload/uploader.ts';",
    rule: /no-restricted-paths: .*Worker code may import only workers\/ and src\/shared/,
  },
  {
    at: 'src/shared/boundary-fixture.ts',
    imports: "import { processImage } from '../pipeline/process-image.ts';",
    rule: /no-restricted-paths: .*src\/shared is thread-neutral/,
  },
  {
    at: 'src/shared/boundary-fixture.ts',
    imports: "import { runProcessor } from '../../workers/processors/index.ts';",
    rule: /no-restricted-paths: .*src\/shared is thread-neutral/,
  },
  {
    at: 'src/cache/boundary-fixture.ts',
    imports: "import { processImage } from '../pipeline/process-image.ts';",
    rule: /no-restricted-paths: .*The cache stands alone/,
  },
  {
    at: 'src/pipeline/boundary-fixture.ts',
    imports: "import { EXAMPLE_SPECS } from '../../demo/example-specs.ts';",
    rule: /no-restricted-paths: .*Main-thread code may not import workers\/, server\/, demo\/ or tests\//,
  },
  {
    at: 'src/pool/boundary-fixture.ts',
    imports: "import { decodeImage } from '../../workers/decode.ts';",
    rule: /no-restricted-paths: .*(The pool stands alone|Main-thread code may not import)/,
  },
];

for (const { at, imports, rule } of cases) {
  test(`lint refuses ${imports.match(/from '(.+)'/)![1]} imported from ${at}`, async () => {
    const messages = await lintAt(at, `${imports}\nexport const used = [${imports.match(/\{ (\w+) \}/)![1]}];\n`);
    expect(messages.some((message) => rule.test(message))).toBe(true);
  });
}

test('lint accepts the imports the layout allows', async () => {
  expect(await lintAt('workers/boundary-fixture.ts', "export { fitSize } from '../src/shared/geometry.ts';\n")).toEqual(
    [],
  );
  expect(
    await lintAt('src/pipeline/boundary-fixture.ts', "export { openCache } from '../cache/open-cache.ts';\n"),
  ).toEqual([]);
});

async function cyclesIn(fixture: string): Promise<string[]> {
  const [result] = await eslint.lintFiles([resolve(ROOT, 'tests/lint-fixtures', fixture)]);
  return result!.messages
    .filter((message) => message.ruleId === 'imagespec/no-import-cycle')
    .map((message) => `${message.line}: ${message.message}`);
}

test('lint refuses an import cycle, naming the files on the way back', async () => {
  expect(await cyclesIn('cycle-a.ts')).toEqual([
    '2: Import cycle: tests/lint-fixtures/cycle-b.ts imports this file again (type-only imports count too).',
  ]);
});

test('lint refuses a cycle of type-only imports, which import-x/no-cycle lets through', async () => {
  expect(await cyclesIn('type-cycle-a.ts')).toEqual([
    '3: Import cycle: tests/lint-fixtures/type-cycle-b.ts imports this file again (type-only imports count too).',
  ]);
  expect(await cyclesIn('type-cycle-b.ts')).toHaveLength(1);
});
