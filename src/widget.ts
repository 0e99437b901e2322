// `imagespec/widget`: importing it defines <imagespec-upload> (the one entry with a side effect;
// `imagespec` itself stays free of them). Guarded, so that two copies on a page, or an import on
// a server, do not throw.
import { ImageSpecUploadElement } from './widget/upload-element.ts';
import type { ImageSpecUploadEventMap } from './widget/events.ts';

export { ImageSpecUploadElement } from './widget/upload-element.ts';
export type { EndpointTransport, ImageSpecUploadAttributes, StripMetadata } from './widget/attributes.ts';
export type { ItemState, UploadItem } from './widget/entry.ts';
export type { ImageSpecUploadEventMap } from './widget/events.ts';
export type { FailureStage } from './widget/reasons.ts';
export type { PluralText, Text, WidgetI18n, WidgetStrings } from './widget/strings.ts';
export { DEFAULT_SPECS } from './widget/versions.ts';

// No registry on a server (server-side rendering): the import defines nothing there.
if (typeof customElements !== 'undefined' && !customElements.get('imagespec-upload')) {
  customElements.define('imagespec-upload', ImageSpecUploadElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'imagespec-upload': ImageSpecUploadElement;
  }
  // The events bubble and cross shadow roots, so any ancestor (or `document`) may listen, typed.
  interface GlobalEventHandlersEventMap extends ImageSpecUploadEventMap {}
}
