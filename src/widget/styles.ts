// The widget's look, attached as one constructable stylesheet shared by every instance
// (adoptedStyleSheets): no <style> element and no style attribute, so a page whose CSP has
// `style-src 'self'` without 'unsafe-inline' shows it as designed. Every colour, the radius,
// the spacing and the font come from custom properties a page may set on the element.

const CSS = /* css */ `
:host {
  --_accent: var(--imagespec-upload-accent, #1d4ed8);
  --_on-accent: var(--imagespec-upload-on-accent, #ffffff);
  --_background: var(--imagespec-upload-background, #f1f5f9);
  --_surface: var(--imagespec-upload-surface, #ffffff);
  --_text: var(--imagespec-upload-text, #0f172a);
  --_muted: var(--imagespec-upload-muted, #475569);
  --_border: var(--imagespec-upload-border, #94a3b8);
  --_track: var(--imagespec-upload-track, #e2e8f0);
  --_error: var(--imagespec-upload-error, #b91c1c);
  --_success: var(--imagespec-upload-success, #15803d);
  --_radius: var(--imagespec-upload-radius, 0.75rem);
  --_space: var(--imagespec-upload-spacing, 1rem);
  display: block;
  box-sizing: border-box;
  padding: var(--_space);
  border-radius: var(--_radius);
  background: var(--_background);
  color: var(--_text);
  font: var(--imagespec-upload-font, 400 1rem/1.45 system-ui, sans-serif);
}
@media (prefers-color-scheme: dark) {
  :host {
    --_accent: var(--imagespec-upload-accent, #93c5fd);
    --_on-accent: var(--imagespec-upload-on-accent, #0f172a);
    --_background: var(--imagespec-upload-background, #1e293b);
    --_surface: var(--imagespec-upload-surface, #0f172a);
    --_text: var(--imagespec-upload-text, #f1f5f9);
    --_muted: var(--imagespec-upload-muted, #cbd5e1);
    --_border: var(--imagespec-upload-border, #64748b);
    --_track: var(--imagespec-upload-track, #334155);
    --_error: var(--imagespec-upload-error, #fca5a5);
    --_success: var(--imagespec-upload-success, #86efac);
  }
}
:host([hidden]), [hidden] { display: none !important; }
*, *::before, *::after { box-sizing: inherit; }
svg { width: 1.25em; height: 1.25em; flex: none; }
button { font: inherit; color: inherit; }
button:focus-visible {
  outline: 3px solid var(--_accent);
  outline-offset: 2px;
}

.zone {
  display: flex;
  flex-direction: column;
  align-items: center;
  gap: calc(var(--_space) * 0.5);
  padding: calc(var(--_space) * 1.5) var(--_space);
  border: 2px dashed var(--_border);
  border-radius: var(--_radius);
  cursor: pointer;
  text-align: center;
  transition: border-color 0.15s, background-color 0.15s;
}
.zone:hover, .zone[data-dragging] {
  border-color: var(--_accent);
  background: color-mix(in srgb, var(--_accent) 10%, var(--_background));
}
.zone[data-dragging] { border-style: solid; }
.zone[data-disabled] { cursor: not-allowed; opacity: 0.6; }
.zone-icon { width: 2rem; height: 2rem; color: var(--_accent); }
.choose {
  padding: 0.5em 1.25em;
  border: 0;
  border-radius: 999px;
  background: var(--_accent);
  color: var(--_on-accent);
  font-weight: 600;
  cursor: pointer;
}
.choose:disabled { cursor: not-allowed; }
.hint { color: var(--_muted); font-size: 0.875em; }
.privacy {
  margin: calc(var(--_space) * 0.5) 0 0;
  color: var(--_muted);
  font-size: 0.8125em;
}
.summary {
  margin: var(--_space) 0 0;
  color: var(--_muted);
  font-size: 0.875em;
  font-variant-numeric: tabular-nums;
}

.list {
  display: grid;
  gap: calc(var(--_space) * 0.5);
  margin: calc(var(--_space) * 0.5) 0 0;
  padding: 0;
  list-style: none;
}
.list:empty { display: none; }
.item {
  display: grid;
  grid-template-columns: 3.5rem minmax(0, 1fr) auto;
  align-items: center;
  gap: calc(var(--_space) * 0.75);
  padding: calc(var(--_space) * 0.625);
  border: 1px solid var(--_track);
  border-radius: var(--_radius);
  background: var(--_surface);
}
.item[data-state='failed'], .item[data-state='refused'] {
  border-color: color-mix(in srgb, var(--_error) 55%, var(--_track));
}
.preview {
  display: grid;
  place-items: center;
  width: 3.5rem;
  height: 3.5rem;
  overflow: hidden;
  border-radius: calc(var(--_radius) * 0.66);
  background: var(--_track);
  color: var(--_muted);
}
.preview img { width: 100%; height: 100%; object-fit: cover; }
.body { display: grid; gap: 0.25rem; min-width: 0; }
.name {
  /* A long file name wraps once rather than losing its end on a phone; past two lines, an ellipsis. */
  display: -webkit-box;
  -webkit-box-orient: vertical;
  -webkit-line-clamp: 2;
  line-clamp: 2;
  overflow: hidden;
  overflow-wrap: anywhere;
  font-weight: 600;
}
/* Icon, words, size: one row at every width; a long status wraps in its own column, beside the size. */
.status {
  display: grid;
  grid-template-columns: auto minmax(0, 1fr) auto;
  align-items: center;
  margin: 0;
  color: var(--_muted);
  font-size: 0.8125em;
  font-variant-numeric: tabular-nums;
}
.item[data-state='uploaded'] .status, .item[data-state='ready'] .status { color: var(--_success); }
.item[data-state='failed'] .status, .item[data-state='refused'] .status { color: var(--_error); }
.status svg { grid-column: 1; width: 1.1em; height: 1.1em; margin-inline-end: 0.375em; }
.status-text { grid-column: 2; }
.size { grid-column: 3; margin-inline-start: 0.375em; white-space: nowrap; color: var(--_muted); }
.status .icon-done, .status .icon-error { display: none; }
.item[data-state='uploaded'] .icon-done, .item[data-state='ready'] .icon-done { display: block; }
.item[data-state='failed'] .icon-error, .item[data-state='refused'] .icon-error { display: block; }

progress {
  appearance: none;
  width: 100%;
  height: 0.375rem;
  border: 0;
  border-radius: 999px;
  background: var(--_track);
  color: var(--_accent);
  overflow: hidden;
}
progress::-webkit-progress-bar { background: var(--_track); border-radius: 999px; }
progress::-webkit-progress-value { background: var(--_accent); border-radius: 999px; transition: width 0.2s; }
progress::-moz-progress-bar { background: var(--_accent); border-radius: 999px; }

.retry, .remove {
  display: inline-flex;
  align-items: center;
  justify-content: center;
  min-width: 2.5rem;
  min-height: 2.5rem;
  border: 1px solid transparent;
  border-radius: calc(var(--_radius) * 0.66);
  background: transparent;
  cursor: pointer;
}
.retry {
  justify-self: start;
  min-height: 2.25rem;
  margin-top: 0.25rem;
  padding: 0 0.875em;
  border-color: var(--_border);
  font-size: 0.875em;
  font-weight: 600;
}
.remove { color: var(--_muted); }
.retry:hover, .remove:hover { background: var(--_track); color: var(--_text); }
.retry:disabled, .remove:disabled { cursor: not-allowed; opacity: 0.6; }

.live {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}

@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { transition: none !important; animation: none !important; }
  progress::-webkit-progress-value { transition: none; }
}
@media (forced-colors: active) {
  .zone, .item { border-color: CanvasText; }
  progress::-webkit-progress-value { background: Highlight; }
}
`;

let sheet: CSSStyleSheet | undefined;

/** The one sheet every instance adopts, made when the first element is constructed. */
export function widgetStyleSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}
