// Types for eslint.config.js, whose rule sets tests/lint.spec.ts runs against its fixtures.
import type { Linter } from 'eslint';

export const boundaryZones: { target: string; from: string | string[]; except?: string[]; message: string }[];
export const importRules: Linter.Config;
declare const config: Linter.Config[];
export default config;
