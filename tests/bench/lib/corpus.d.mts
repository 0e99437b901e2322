/** A photo the bench generates: its name, size, and how its pixels are drawn. */
export interface GeneratedPhoto {
  name: string;
  width: number;
  height: number;
  /** Raw RGB pixels, 3 bytes each, row by row. */
  raw?: (width: number, height: number) => Buffer;
  svg?: (width: number, height: number) => Buffer;
  progressive?: boolean;
}
export declare const GENERATED: GeneratedPhoto[];
