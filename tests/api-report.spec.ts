// The public surface is a visible diff: the declarations of each entry are compared with the
// API report checked in under api/ (api-extractor). A change to what users can import fails
// here until `npm run api` rewrites the report and the change is committed with it.
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const ENTRIES = {
  imagespec: 'src/index.d.ts',
  wire: 'src/wire.d.ts',
  worker: 'workers/index.d.ts',
} as const;

let types: string;

test.beforeAll(() => {
  types = mkdtempSync(join(tmpdir(), 'imagespec-types-'));
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', types], { cwd: ROOT, stdio: 'inherit' });
});

test.afterAll(() => {
  if (types) rmSync(types, { recursive: true, force: true });
});

for (const [entry, declarations] of Object.entries(ENTRIES)) {
  test(`the public API of ${entry === 'imagespec' ? 'imagespec' : `imagespec/${entry}`} matches api/${entry}.api.md`, () => {
    const configPath = join(ROOT, 'api', `${entry}.api.json`);
    const configObject = ExtractorConfig.loadFile(configPath);
    configObject.mainEntryPointFilePath = join(types, declarations);
    const config = ExtractorConfig.prepare({
      configObject,
      configObjectFullPath: configPath,
      packageJsonFullPath: join(ROOT, 'package.json'),
    });
    const warnings: string[] = [];
    const result = Extractor.invoke(config, {
      localBuild: false,
      messageCallback: (message) => {
        if (message.logLevel === 'warning' || message.logLevel === 'error') warnings.push(message.text);
        message.handled = true;
      },
    });
    expect(warnings, 'every type a public function takes or returns is exported').toEqual([]);
    expect(result.apiReportChanged, 'the API changed: run `npm run api` and commit api/').toBe(false);
  });
}
