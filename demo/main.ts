// The demo gallery: django-imagekit's example as a small product. Photos are added through
// imagespec, their versions made by the demo's own worker (with the custom black-and-white
// processor) and uploaded together; the gallery lists what the receiver stored, reading images
// from imagespec's cache where it can. A photo's profile has its own address.
import { createUploader, createWorkerPool, openCache } from '../src/index.ts';
// Defines <imagespec-upload>; a site would write `import 'imagespec/widget'`.
import '../src/widget.ts';
import { byId } from './dom.ts';
import { EXAMPLE_SPECS, GALLERY_SPECS } from './example-specs.ts';
import { GalleryState, type GalleryPhoto } from './gallery-state.ts';
import { GalleryView } from './gallery-view.ts';
import { recordMade } from './notes.ts';
import { ProfileView } from './profile-view.ts';
import { GALLERY_PATH, startRouter, type Route } from './router.ts';

const pool = createWorkerPool({
  createWorker: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'imagespec-demo' }),
});
const uploader = createUploader({ transport: { type: 'multipart', endpoint: '/api/uploads' } });
const cache = openCache();
const state = new GalleryState({ cache, uploader, thumbnailSpec: EXAMPLE_SPECS.thumbnail });

/** The hash imagespec's cache knows a picked file by (the source the receiver lists may be the file less its GPS). */
async function sha256Of(file: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const status = byId('status');
function announce(text: string): void {
  status.textContent = text;
}

const dialog = byId<HTMLDialogElement>('confirm-delete');
/** Asks before deleting; resolves true when the user confirmed. */
function confirmDelete(photo: GalleryPhoto): Promise<boolean> {
  byId('confirm-title').textContent = `Delete ${photo.name}?`;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) =>
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'delete'), { once: true }),
  );
}

async function remove(photo: GalleryPhoto, focusAfter: () => HTMLElement | null): Promise<void> {
  if (!(await confirmDelete(photo))) return;
  try {
    await state.delete(photo);
    announce(`${photo.name} deleted.`);
  } catch (error) {
    announce(error instanceof Error ? error.message : String(error));
  }
  if (route.view === 'profile') router.go(GALLERY_PATH, { replace: true });
  (focusAfter() ?? byId('gallery-title')).focus();
}

const gallery = new GalleryView(state, (photo, next) => void remove(photo, () => next));
const profile = new ProfileView(state, EXAMPLE_SPECS.display, (photo) => void remove(photo, () => null));

let route: Route = { view: 'gallery' };
function show(next: Route, moved: boolean): void {
  route = next;
  byId('gallery-view').hidden = route.view !== 'gallery';
  byId('profile-view').hidden = route.view !== 'profile';
  if (route.view === 'gallery') {
    document.title = 'imagespec gallery';
    gallery.render();
    if (moved) byId('gallery-title').focus();
  } else {
    const focus = moved;
    void profile.render(route.id).then(() => focus && byId('profile-title').focus());
  }
}
byId('gallery-title').tabIndex = -1;

state.addEventListener('change', () => {
  if (route.view === 'gallery') gallery.render();
  else void profile.render(route.id);
});
uploader.addEventListener('statechange', () => void state.refresh());
uploader.addEventListener('done', () => void state.refresh());

const widget = byId<HTMLElementTagNameMap['imagespec-upload']>('adder');
widget.pool = pool;
widget.uploader = uploader;
// Set last: setting specs renders the widget's text (which says what is sent, and where).
widget.specs = GALLERY_SPECS;
// The time a photo took: from its first step in the worker (for a full cache hit, from being
// taken) to its last version. Waiting behind other photos is not counted.
const taken = new WeakMap<File, number>();
const started = new Map<string, number>();
widget.addEventListener('imagespec-upload-accept', ({ detail: { file } }) => taken.set(file, performance.now()));
widget.addEventListener('imagespec-upload-progress', ({ detail: { item, stage, progress } }) => {
  if (stage === 'processing' && progress > 0 && !started.has(item.key)) started.set(item.key, performance.now());
  if (item.uploadId && item.result) state.linkUpload(item.uploadId, item.result.source.sha256);
});
widget.addEventListener('imagespec-upload-processed', ({ detail: { item, result } }) => {
  const from = started.get(item.key) ?? (item.file && taken.get(item.file)) ?? performance.now();
  const ms = performance.now() - from;
  started.delete(item.key);
  const thumbnail = result.variants['thumbnail'];
  if (!item.file || !thumbnail) return;
  void sha256Of(item.file).then((sha256) => {
    recordMade(result.source.sha256, { ms, picked: { sha256 } });
    state.addMade(result.source.sha256, item.name, thumbnail.blob);
  });
});
widget.addEventListener('imagespec-upload-uploaded', ({ detail: { item } }) => {
  if (item.uploadId && item.result) state.linkUpload(item.uploadId, item.result.source.sha256);
});

const router = startRouter(show);
// The widget resumes what a closed tab left in the upload queue; the gallery lists what is stored.
void state.refresh();
