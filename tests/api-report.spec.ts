// The public surface is a visible diff: the declarations of each entry are compared with the
// API report checked in under api/ (api-extractor). A change to what users can import fails
// here until `npm run api` rewrites the report and the change is committed with it.
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const ENTRIES = {
  imagespec: 'src/index.d.ts',
  wire: 'src/wire.d.ts',
  worker: 'workers/index.d.ts',
  widget: 'src/widget.d.ts',
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
    // imagespec/widget's element takes and gives imagespec's own types (Specs, Uploader, ...):
    // users import those from 'imagespec', so the widget entry need not export them again. Its
    // base class, ElementBase, is HTMLElement (a bare class on a server): nothing to import either.
    const elsewhere =
      entry === 'widget' ? new Set([...exportedBy(join(types, ENTRIES.imagespec)), 'ElementBase']) : new Set<string>();
    const missing = warnings.filter(
      (text) => !elsewhere.has(/^The symbol "(\w+)" needs to be exported/.exec(text)?.[1] ?? ''),
    );
    expect(missing, 'every type a public function takes or returns is exported').toEqual([]);
    expect(result.apiReportChanged, 'the API changed: run `npm run api` and commit api/').toBe(false);
  });
}

/** The names an entry's declaration file exports (it re-exports only: `export { a, type B } from ...`). */
function exportedBy(declarations: string): Set<string> {
  const names = [...readFileSync(declarations, 'utf8').matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((match) =>
    match[1]!.split(',').map((name) =>
      name
        .trim()
        .replace(/^type /, '')
        .split(' as ')
        .at(-1)!,
    ),
  );
  return new Set(names);
}
