// `node --import ./tests/support/ts-loader.mjs file.ts`: runs TypeScript in a child process.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
