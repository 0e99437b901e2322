// The widget's standing texts: what leaves the page for each file, including what is removed
// from the original's metadata, and the list's count of files by outcome.
import type { Specs } from '../shared/specs.ts';
import type { ItemState } from './entry.ts';
import { originalStripMode } from './metadata-policy.ts';
import type { Translate } from './strings.ts';
import { sentVersions } from './versions.ts';

/** What the privacy line says about the original's metadata. */
const METADATA_TEXT = { none: 'metadataKept', gps: 'metadataGpsRemoved', all: 'metadataAllRemoved' } as const;

/**
 * What leaves the page for each file (uploaded, or sent with the form), and what metadata goes
 * with it: none in the versions made here, and what the original keeps.
 */
export function privacyText(specs: Specs, mode: 'upload' | 'form', t: Translate, locale: string): string {
  const versions = sentVersions(specs);
  const names = versions.map((version) => (version.original ? t('originalVersion') : version.name));
  const sent = t(mode === 'upload' ? 'sentUpload' : 'sentForm', {
    versions: new Intl.ListFormat(locale, { type: 'conjunction' }).format(names),
  });
  const made = versions.some((version) => !version.original) ? t('metadataVersions') : '';
  const strip = originalStripMode(specs);
  const original = strip === undefined ? '' : t(METADATA_TEXT[strip ?? 'none']);
  return [sent, made, original].filter(Boolean).join(' ');
}

/** "3 photos · 2 uploaded · 1 failed": the count, then each outcome that some file has. */
export function summaryText(states: readonly ItemState[], mode: 'upload' | 'form', t: Translate): string {
  const count = (state: ItemState) => states.filter((candidate) => candidate === state).length;
  const upload = mode === 'upload';
  const parts = [t('summaryCount', { count: states.length })];
  for (const [state, key] of [
    [upload ? 'uploaded' : 'ready', upload ? 'summaryUploaded' : 'summaryReady'],
    ['failed', 'summaryFailed'],
    ['refused', 'summaryRefused'],
  ] as const) {
    if (count(state)) parts.push(t(key, { count: count(state) }));
  }
  return parts.join(' · ');
}
