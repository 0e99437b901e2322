export declare const CHROMIUM_ARGS: string[];
export declare function findChromium(): string | undefined;
export declare function launchOptions(): { executablePath?: string; args: string[] };
