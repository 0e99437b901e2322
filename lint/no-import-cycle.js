// An ESLint rule: no import cycles, type-only imports included.
//
// import-x's no-cycle skips `import type` (it has no runtime effect) and has no option to count
// it. But a cycle of types still ties its files into one knot that cannot be read, moved or split
// apart: workers/decode.ts and workers/resample/decode-jpeg.ts were such a pair until a drawing of
// the imports showed it. This rule reads each file's dependencies as TypeScript finds them
// (`ts.preProcessFile`: every import, `import type`, export-from, `import()` and `typeof import()`,
// nothing in comments or strings) and follows relative specifiers only: a cycle through a package
// is not ours to break.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

const SOURCE = /\.[cm]?[jt]sx?$/;

/** Each file's imports, by path, kept for the lint run while the file is unchanged. */
const importsByFile = new Map();

/** The source files `text` (at `file`) imports by relative path, with where each import stands. */
function relativeImports(text, file) {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.filter(({ fileName }) => fileName.startsWith('./') || fileName.startsWith('../'))
    .map(({ fileName, pos, end }) => ({ pos, end, target: resolve(dirname(file), fileName.replace(/[?#].*$/, '')) }))
    .filter(({ target }) => SOURCE.test(target) && existsSync(target));
}

function importsOf(file) {
  const { mtimeMs } = statSync(file);
  const known = importsByFile.get(file);
  if (known?.mtimeMs === mtimeMs) return known.targets;
  const targets = relativeImports(readFileSync(file, 'utf8'), file).map(({ target }) => target);
  importsByFile.set(file, { mtimeMs, targets });
  return targets;
}

/** The shortest chain of imports from `start` back to `file` (start first), or undefined. */
function routeBack(start, file) {
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift();
    for (const next of importsOf(current)) {
      if (next === file) {
        const route = [];
        for (let step = current; step !== null; step = cameFrom.get(step)) route.unshift(step);
        return route;
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, current);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between files, counting type-only imports too.' },
    messages: { cycle: 'Import cycle: {{route}} imports this file again (type-only imports count too).' },
    schema: [],
  },
  create(context) {
    const file = context.physicalFilename;
    if (!SOURCE.test(file)) return {};
    return {
      Program() {
        const { sourceCode } = context;
        for (const { pos, end, target } of relativeImports(sourceCode.text, file)) {
          const route = target === file ? undefined : routeBack(target, file);
          if (!route) continue;
          context.report({
            loc: { start: sourceCode.getLocFromIndex(pos), end: sourceCode.getLocFromIndex(end) },
            messageId: 'cycle',
            data: { route: route.map((step) => relative(context.cwd, step)).join(' -> ') },
          });
        }
      },
    };
  },
};
