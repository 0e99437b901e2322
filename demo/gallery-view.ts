// The gallery page: a grid of thumbnails (stored photos link to their profile; photos still in the
// upload queue are marked), a summary of what the browser saved, and an empty state.
import { byId, element, icon } from './dom.ts';
import { formatBytes, formatDuration, formatShare } from './format.ts';
import type { GalleryPhoto, GalleryState } from './gallery-state.ts';
import { noteFor } from './notes.ts';
import { profilePath } from './router.ts';

const STATE_TEXT: Record<Exclude<GalleryPhoto['state'], 'stored'>, string> = {
  queued: 'Waiting to upload',
  uploading: 'Uploading…',
  retrying: 'Retrying upload',
  'waiting-for-network': 'Offline: will upload',
  failed: 'Upload failed',
};

function thumbnail(photo: GalleryPhoto): HTMLElement {
  if (!photo.thumbnail) return element('span', { class: 'thumb thumb-missing', 'aria-hidden': 'true' });
  // The name follows as text: the image adds nothing a screen reader should read twice.
  return element('img', { class: 'thumb', src: photo.thumbnail.url, width: 100, height: 75, alt: '' });
}

function card(photo: GalleryPhoto): HTMLLIElement {
  const name = element('span', { class: 'card-name', title: photo.name }, photo.name);
  const stored = photo.stored;
  const body = stored
    ? element(
        'a',
        { class: 'card-body', href: profilePath(photo.id), 'data-route': true },
        thumbnail(photo),
        name,
        element(
          'span',
          { class: 'card-meta' },
          `${formatBytes(stored.source.bytes)} → ${formatBytes(stored.versions['thumbnail']?.bytes ?? 0)}`,
        ),
      )
    : element(
        'div',
        { class: 'card-body' },
        thumbnail(photo),
        name,
        element('span', { class: 'card-meta badge' }, STATE_TEXT[photo.state as keyof typeof STATE_TEXT]),
      );
  const remove = element(
    'button',
    { type: 'button', class: 'card-delete', 'data-delete': photo.id, 'aria-label': `Delete ${photo.name}` },
    icon('trash'),
  );
  return element(
    'li',
    { class: 'card', 'data-id': photo.id, 'data-state': photo.state, 'data-thumbnail-from': photo.thumbnail?.from },
    body,
    remove,
  );
}

/** One sentence per fact the browser can vouch for: bytes saved, time taken, where thumbnails came from. */
function summary(photos: GalleryPhoto[]): string[] {
  const stored = photos.flatMap((photo) => (photo.stored ? [photo.stored] : []));
  if (stored.length === 0) return [];
  const originals = stored.reduce((sum, photo) => sum + photo.source.bytes, 0);
  const thumbnails = stored.reduce((sum, photo) => sum + (photo.versions['thumbnail']?.bytes ?? 0), 0);
  const lines = [
    `${stored.length} ${stored.length === 1 ? 'photo' : 'photos'}: this page loads ${formatBytes(thumbnails)} of thumbnails instead of ${formatBytes(originals)} of originals (${formatShare(thumbnails, originals)}).`,
  ];
  const notes = stored.flatMap((photo) => noteFor(photo.source.sha256) ?? []);
  if (notes.length > 0) {
    const total = notes.reduce((sum, note) => sum + note.ms, 0);
    lines.push(
      `This browser made the versions of ${notes.length === stored.length ? 'all of them' : `${notes.length} of them`} in ${formatDuration(total)}.`,
    );
  }
  const shown = photos.filter((photo) => photo.thumbnail);
  const cached = shown.filter((photo) => photo.thumbnail?.from !== 'server').length;
  lines.push(
    `Thumbnails: ${cached} read from this browser's cache (IndexedDB), ${shown.length - cached} downloaded from the server.`,
  );
  return lines;
}

export class GalleryView {
  readonly #grid = byId<HTMLUListElement>('grid');
  readonly #empty = byId('empty');
  readonly #summary = byId('gallery-summary');
  readonly #error = byId('gallery-error');

  constructor(
    readonly state: GalleryState,
    onDelete: (photo: GalleryPhoto, next: HTMLElement | null) => void,
  ) {
    this.#grid.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-delete]');
      const photo = button && state.find(button.dataset['delete'] ?? '');
      if (!button || !photo) return;
      const item = button.closest('li');
      const neighbour = item?.nextElementSibling ?? item?.previousElementSibling;
      onDelete(photo, neighbour?.querySelector<HTMLElement>('.card-body, button') ?? null);
    });
  }

  render(): void {
    const { photos, loaded, error } = this.state;
    const focused = document.activeElement?.closest<HTMLElement>('.card');
    const focusedId = focused?.dataset['id'];
    const focusedDelete = document.activeElement?.matches('.card-delete') ?? false;
    this.#grid.replaceChildren(...photos.map(card));
    this.#grid.hidden = photos.length === 0;
    this.#empty.hidden = !loaded || photos.length > 0 || error !== null;
    this.#summary.replaceChildren(...summary(photos).map((line) => element('span', {}, line, ' ')));
    this.#error.hidden = error === null;
    this.#error.textContent = error ?? '';
    if (focusedId) {
      const again = this.#grid.querySelector<HTMLElement>(`.card[data-id="${CSS.escape(focusedId)}"]`);
      again?.querySelector<HTMLElement>(focusedDelete ? '.card-delete' : '.card-body')?.focus();
    }
  }
}
