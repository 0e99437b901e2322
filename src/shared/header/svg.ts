// SVG is text: recognised by an `<svg` root element after the XML prolog, not by a magic number.
import { latin1 } from './bytes.ts';
import type { HeaderFields } from './types.ts';

/** How far into the file the root element may start. */
const SNIFF_LENGTH = 4096;
const UTF8_BOM = '\xef\xbb\xbf';
/**
 * Whitespace, the XML declaration and other processing instructions, comments and a doctype
 * (with its internal subset), then the root element's name. Each alternative starts with a
 * different character, so a failed match cannot backtrack exponentially.
 */
const PROLOG_THEN_SVG = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^>[]|\[[\s\S]*?\])*>)*<svg(?=[\s/>])/;
/** A plain number of user units (px) in a root `width`/`height`; %, em or cm are no pixel size. */
const LENGTH_ATTRIBUTE = (name: string): RegExp =>
  new RegExp(`\\s${name}\\s*=\\s*(["'])\\s*(\\d+(?:\\.\\d+)?)\\s*(?:px)?\\s*\\1`);

/** The text from the root `<svg` to the end of the sniffed window, or null when it is not SVG. */
function rootElement(bytes: Uint8Array): string | null {
  let text = latin1(bytes, 0, SNIFF_LENGTH);
  if (text.startsWith(UTF8_BOM)) text = text.slice(UTF8_BOM.length);
  const prolog = PROLOG_THEN_SVG.exec(text);
  return prolog ? text.slice(prolog[0].length - '<svg'.length) : null;
}

/** True for text whose root element is `<svg`. */
export function isSvg(bytes: Uint8Array): boolean {
  return rootElement(bytes) !== null;
}

/** Size from the root element's `width` and `height`, when both are plain pixel numbers. */
export function readSvgHeader(bytes: Uint8Array): HeaderFields {
  const startTag = rootElement(bytes)?.split('>', 1)[0] ?? '';
  return {
    width: readLength(startTag, 'width'),
    height: readLength(startTag, 'height'),
    orientation: 1,
  };
}

function readLength(startTag: string, name: string): number | null {
  const value = Number(LENGTH_ATTRIBUTE(name).exec(startTag)?.[2]);
  return value > 0 ? Math.round(value) : null;
}
