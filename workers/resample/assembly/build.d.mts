export declare const KERNEL_SOURCE: string;
export declare const KERNEL_MODULE: string;
export declare function compileKernel(): Promise<Uint8Array>;
export declare function kernelModuleText(binary: Uint8Array): string;
