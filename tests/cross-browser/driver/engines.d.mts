import type { Engine } from './session.ts';

export type EngineInstall =
  | { engine: 'chromium' | 'firefox'; found: true; executablePath: string }
  | { engine: 'webkit'; found: true; driver: string; miniBrowser: string; xvfb: string | undefined }
  | { engine: Engine; found: false; reason: string };

export declare const ENGINE_PACKAGES: string[];
export declare function findEngine(engine: Engine): EngineInstall;
