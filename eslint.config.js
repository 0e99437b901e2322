// Lint for `npm test` (and `npm run lint`): typescript-eslint's type-aware rules, and the import
// boundaries that keep the folders honest about which thread (or process) their code runs on.
//
//   src/shared/  thread-neutral: imported by the page, the workers and the Node receiver
//   src/pipeline, src/pool, src/cache, src/upload, src/widget   the page (main thread)
//   workers/     the worker thread
//   server/      Node: the receiver (imagespec/server)
//   demo/, tests/  users of the library, never used by it
//
// The boundaries are eslint-plugin-import-x's `no-restricted-paths` zones. Cycles are our own
// rule (lint/no-import-cycle.js): import-x's `no-cycle` does not count type-only imports.
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { noImportCycle } from './lint/no-import-cycle.js';

/** Import zones: a file under `target` may not import from `from` (but for `except`, relative to `from`). */
export const boundaryZones = [
  {
    target: './src/shared',
    from: './src',
    except: ['./shared'],
    message: 'src/shared is thread-neutral: it may import only src/shared.',
  },
  {
    target: './src/shared',
    from: ['./workers', './server', './demo', './tests'],
    message: 'src/shared is thread-neutral: it may import only src/shared.',
  },
  {
    target: './workers',
    from: './src',
    except: ['./shared'],
    message: 'Worker code may import only workers/ and src/shared (never main-thread code).',
  },
  {
    target: './workers',
    from: ['./server', './demo', './tests'],
    message: 'Worker code may import only workers/ and src/shared.',
  },
  {
    target: './server',
    from: './src',
    except: ['./shared'],
    message: 'The Node receiver may import only server/ and src/shared (no DOM code).',
  },
  {
    target: './server',
    from: ['./workers', './demo', './tests'],
    message: 'The Node receiver may import only server/ and src/shared.',
  },
  {
    target: './src',
    from: ['./workers', './server', './demo', './tests'],
    message: 'Main-thread code may not import workers/, server/, demo/ or tests/ (workers start from a URL).',
  },
  {
    target: './src/cache',
    from: './src',
    except: ['./cache', './shared'],
    message: 'The cache stands alone: it may import only src/cache and src/shared.',
  },
  {
    target: './src/pool',
    from: './src',
    except: ['./pool', './shared'],
    message: 'The pool stands alone: it may import only src/pool and src/shared.',
  },
  {
    target: './src/upload',
    from: './src',
    except: ['./upload', './shared'],
    message: 'The uploader stands alone: it may import only src/upload and src/shared.',
  },
];

/** The import rules, as one config object: the lint test runs exactly these against its fixtures. */
export const importRules = {
  plugins: { 'import-x': importX, imagespec: { rules: { 'no-import-cycle': noImportCycle } } },
  // Resolve the `.ts` specifiers the code uses.
  settings: {
    'import-x/extensions': ['.ts', '.js', '.mjs'],
    'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs'] })],
  },
  rules: {
    'import-x/no-restricted-paths': ['error', { zones: boundaryZones }],
    'imagespec/no-import-cycle': 'error',
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-demo/**',
      'node_modules/**',
      'test-results/**',
      'bench-results/**',
      'playwright-report/**',
      'tests/.output/**',
      'tests/consumers/**',
      'tests/lint-fixtures/**',
      '.scratch/**',
      // AssemblyScript (the resample kernel), typed by its own compiler.
      'workers/resample/assembly/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  importRules,
);
