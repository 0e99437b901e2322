// A photo's profile page: its black-and-white display version, what each version weighs against
// the original, what the browser did and how long it took, the original (served by the receiver)
// and a delete button.
import type { Spec } from '../src/index.ts';
import type { StoredPhoto, StoredVersion } from './api.ts';
import { byId, element, icon } from './dom.ts';
import { formatBytes, formatDuration, formatName, formatShare, formatSize } from './format.ts';
import type { GalleryPhoto, GalleryState, ImageOrigin } from './gallery-state.ts';
import { noteFor, type LocalNote } from './notes.ts';

const ORIGIN_TEXT: Record<ImageOrigin, string> = {
  cache: "read from this browser's cache (IndexedDB), not downloaded",
  page: 'made on this page',
  server: 'downloaded from the server',
};

function versionRow(name: string, version: StoredVersion, original: StoredVersion): HTMLTableRowElement {
  return element(
    'tr',
    {},
    element('th', { scope: 'row' }, name),
    element(
      'td',
      {},
      element('span', { class: 'nowrap' }, formatSize(version.width, version.height)),
      ' ',
      element('span', { class: 'muted nowrap' }, formatName(version.type)),
    ),
    element('td', { class: 'number' }, formatBytes(version.bytes)),
    element('td', { class: 'number' }, formatShare(version.bytes, original.bytes)),
  );
}

function versionTable(stored: StoredPhoto): HTMLTableElement | null {
  const original = stored.versions['original'];
  if (!original) return null;
  const rows = Object.entries(stored.versions)
    .sort(([, a], [, b]) => a.bytes - b.bytes)
    .map(([name, version]) => versionRow(name, version, original));
  return element(
    'table',
    { class: 'versions' },
    element('caption', {}, 'What each version weighs'),
    element(
      'thead',
      {},
      element(
        'tr',
        {},
        ...['version', 'size', 'bytes', 'of the original'].map((label) => element('th', { scope: 'col' }, label)),
      ),
    ),
    element('tbody', {}, ...rows),
  );
}

/** What became of the GPS position: the gallery asks imagespec to remove it from the original. */
function locationFact(stored: StoredPhoto, note: LocalNote | undefined): string {
  if (!note?.picked) return 'The gallery removes the GPS position from the original before upload, losslessly.';
  return note.picked.sha256 !== stored.source.sha256
    ? 'The GPS position was removed from the original before upload, losslessly: the picture is untouched.'
    : 'The original held no GPS position: it went up byte for byte.';
}

/** What happened in the browser for this photo, each as one plain sentence. */
function browserFacts(stored: StoredPhoto): HTMLUListElement {
  const { source, versions } = stored;
  const made = Object.keys(versions).filter((name) => name !== 'original');
  const note = noteFor(source.sha256);
  const smallest = Math.min(...made.map((name) => versions[name]?.bytes ?? Infinity));
  return element(
    'ul',
    { class: 'facts' },
    element(
      'li',
      {},
      element('strong', {}, 'Made locally. '),
      `The ${made.join(' and ')} versions were made in ${note ? 'this' : 'the uploading'} browser, in a Web Worker; the server only stored files.`,
    ),
    element(
      'li',
      {},
      element('strong', {}, 'Time taken. '),
      note
        ? `${formatDuration(note.ms)} in this browser's worker, from decoding the photo to its last version.`
        : 'Not recorded here: another browser (or a cleared one) made these versions.',
    ),
    element('li', {}, element('strong', {}, 'Location. '), locationFact(stored, note)),
    Number.isFinite(smallest) &&
      element(
        'li',
        {},
        element('strong', {}, 'Bytes saved. '),
        `The gallery shows this photo with ${formatBytes(smallest)} instead of ${formatBytes(source.bytes)}.`,
      ),
  );
}

export class ProfileView {
  readonly #title = byId('profile-title');
  readonly #body = byId('profile-body');
  /** Renders are asynchronous (the cache is read): only the latest one may write. */
  #rendering = 0;

  constructor(
    readonly state: GalleryState,
    readonly displaySpec: Spec,
    readonly onDelete: (photo: GalleryPhoto) => void,
  ) {}

  async render(id: string): Promise<void> {
    const rendering = ++this.#rendering;
    const photo = this.state.find(id);
    if (!photo?.stored) {
      this.#title.textContent = photo ? photo.name : 'Photo not found';
      this.#body.replaceChildren(
        element(
          'p',
          { class: 'notice' },
          !this.state.loaded
            ? 'Loading…'
            : photo
              ? 'This photo is still on its way to the server: its page opens once it is stored.'
              : 'No photo has this address: it may have been deleted.',
        ),
      );
      return;
    }
    const stored = photo.stored;
    const displayVersion = stored.versions['display'];
    const display = await this.state.image(photo.sha256, this.displaySpec, 'display', displayVersion?.url ?? null);
    if (rendering !== this.#rendering) return;
    document.title = `${stored.source.name} · imagespec gallery`;
    this.#title.textContent = stored.source.name;
    const original = stored.versions['original'];
    const remove = element(
      'button',
      { type: 'button', class: 'danger' },
      icon('trash'),
      element('span', {}, 'Delete this photo'),
    );
    remove.addEventListener('click', () => this.onDelete(photo));
    this.#body.replaceChildren(
      element(
        'figure',
        { class: 'display' },
        display &&
          element('img', {
            id: 'display-image',
            src: display.url,
            width: displayVersion?.width ?? 200,
            height: displayVersion?.height ?? 400,
            alt: `Black-and-white version of ${stored.source.name}`,
            'data-from': display.from,
          }),
        displayVersion &&
          element(
            'figcaption',
            {},
            `Display version: ${formatSize(displayVersion.width, displayVersion.height)} ${formatName(displayVersion.type)}, ${formatBytes(displayVersion.bytes)}`,
            element('br'),
            element('span', { class: 'muted' }, display ? ORIGIN_TEXT[display.from] : ''),
          ),
      ),
      element(
        'div',
        { class: 'details' },
        versionTable(stored),
        element('h2', {}, 'What happened in the browser'),
        browserFacts(stored),
        element(
          'div',
          { class: 'actions' },
          original &&
            element(
              'a',
              { class: 'button', href: original.url, id: 'original-link' },
              `Open the original (${formatSize(original.width, original.height)} ${formatName(original.type)}, ${formatBytes(original.bytes)})`,
            ),
          remove,
        ),
      ),
    );
  }
}
