// The demo gallery: the ImageKit example end to end. Thumbnails in a grid; a click opens the
// photo's black-and-white display version; a click on that shows the original. Every version of
// every photo is uploaded together to imagespec/server (demo/receiver-plugin.ts), from a queue that
// survives reloads.
import { createUploader, createWorkerPool, isImageSpecError, processImage, type ProcessResult } from '../src/index.ts';
import { EXAMPLE_SPECS } from './example-specs.ts';

type Versions = ProcessResult<keyof typeof EXAMPLE_SPECS & string>;

interface Entry {
  file: File;
  card: HTMLLIElement;
  result?: Versions;
  urls: string[];
}

const pool = createWorkerPool({
  createWorker: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'imagespec-demo' }),
});
const uploader = createUploader({ transport: { type: 'multipart', endpoint: '/api/uploads' } });
const uploadStates = new Map<string, HTMLElement>();
const entries: Entry[] = [];
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('status');

function addFiles(files: Iterable<File>): void {
  for (const file of files) {
    const card = document.createElement('li');
    card.innerHTML = `<button type="button" disabled><img alt="" width="100" height="75"><span class="name"></span><progress max="1" value="0"></progress></button>`;
    card.querySelector('.name')!.textContent = file.name;
    $('gallery').append(card);
    const entry: Entry = { file, card, urls: [] };
    entries.push(entry);
    void process(entry);
  }
}

async function process(entry: Entry): Promise<void> {
  const button = entry.card.querySelector('button')!;
  const progress = entry.card.querySelector('progress')!;
  const started = performance.now();
  try {
    const result = await processImage(entry.file, EXAMPLE_SPECS, {
      pool,
      onProgress: ({ completed, total }) => (progress.value = total ? completed / total : 0),
    });
    entry.result = result;
    const thumbnail = objectUrl(entry, result.variants.thumbnail.blob);
    const image = entry.card.querySelector('img')!;
    image.src = thumbnail;
    image.alt = `Thumbnail of ${entry.file.name}`;
    progress.remove();
    button.disabled = false;
    button.addEventListener('click', () => openProfile(entry));
    status.textContent = `${entry.file.name}: ready in ${Math.round(performance.now() - started)} ms`;
    const upload = document.createElement('span');
    upload.className = 'upload';
    upload.textContent = 'queued for upload';
    button.append(upload);
    const { id } = await uploader.enqueue(result);
    uploadStates.set(id, upload);
  } catch (error) {
    progress.remove();
    const message = isImageSpecError(error) ? `${error.code}: ${error.message}` : String(error);
    const note = document.createElement('span');
    note.className = 'error';
    note.textContent = message;
    button.append(note);
    status.textContent = `${entry.file.name} was refused. ${message}`;
  }
}

function objectUrl(entry: Entry, blob: Blob): string {
  const url = URL.createObjectURL(blob);
  entry.urls.push(url);
  return url;
}

function openProfile(entry: Entry): void {
  const { display, original } = entry.result!.variants;
  $('profile-title').textContent = entry.file.name;
  const image = $<HTMLImageElement>('display');
  image.src = objectUrl(entry, display.blob);
  image.alt = `Black-and-white version of ${entry.file.name}`;
  $('original-view').hidden = true;
  const showOriginal = () => {
    const originalImage = $<HTMLImageElement>('original');
    originalImage.src = objectUrl(entry, original.blob);
    originalImage.alt = `Original of ${entry.file.name}`;
    $('original-caption').textContent =
      `Original: ${original.width}×${original.height}, ${(original.bytes / 1e6).toFixed(2)} MB, ${original.type}`;
    $('original-view').hidden = false;
  };
  $('show-original').onclick = showOriginal;
  $('gallery-view').hidden = true;
  $('profile-view').hidden = false;
  $('show-original').focus();
}

uploader.addEventListener('progress', ({ detail: { job } }) => {
  const label = uploadStates.get(job.id);
  if (label && job.state === 'uploading') label.textContent = `uploading ${Math.round((100 * job.sent) / job.total)}%`;
});
uploader.addEventListener('statechange', ({ detail }) => {
  const label = uploadStates.get(detail.id);
  if (label) label.textContent = detail.state === 'done' ? 'uploaded' : detail.state.replaceAll('-', ' ');
});
uploader.addEventListener('failed', ({ detail }) => {
  const label = uploadStates.get(detail.id);
  if (label) label.textContent = `upload failed: ${detail.error.message}`;
});
// Uploads a closed tab left unfinished carry on now.
void uploader.resumeUploads();

$('back').addEventListener('click', () => {
  $('profile-view').hidden = true;
  $('gallery-view').hidden = false;
});

$<HTMLInputElement>('picker').addEventListener('change', (event) => {
  const input = event.target as HTMLInputElement;
  addFiles(input.files ?? []);
  input.value = '';
});

const dropZone = $('drop-zone');
dropZone.addEventListener('dragover', (event) => {
  event.preventDefault();
  dropZone.classList.add('dragging');
});
dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dragging'));
dropZone.addEventListener('drop', (event) => {
  event.preventDefault();
  dropZone.classList.remove('dragging');
  addFiles(event.dataTransfer?.files ?? []);
});
document.addEventListener('paste', (event) => addFiles(event.clipboardData?.files ?? []));
