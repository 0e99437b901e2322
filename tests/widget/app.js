// The test site's script: plain ES modules importing the built widget from where the site serves
// it, under a strict CSP. It records what a test checks (events, policy violations, long tasks)
// and makes the drops and pastes a person would (a synthetic DataTransfer holds real Files).
import '/vendor/imagespec/widget.js';
import { createUploader } from '/vendor/imagespec/imagespec.js';

const violations = [];
document.addEventListener('securitypolicyviolation', (event) =>
  violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
);

const widget = document.querySelector('imagespec-upload');
const params = new URLSearchParams(location.search);
for (const name of ['max-files', 'max-file-size', 'accept', 'multiple', 'strip-metadata']) {
  if (params.has(name)) widget.setAttribute(name, params.get(name));
}
// A queue that gives up at once, for tests of a failure and its retry.
if (params.has('retries')) {
  widget.uploader = createUploader({
    transport: { type: 'multipart', endpoint: '/api/uploads' },
    retry: { retries: Number(params.get('retries')), baseDelay: 200 },
  });
}

const events = [];
for (const type of ['accept', 'processed', 'progress', 'uploaded', 'error', 'complete']) {
  document.addEventListener(`imagespec-upload-${type}`, (event) => {
    const { item, stage, progress, error, receipt, items } = event.detail;
    events.push({
      type,
      at: performance.now(),
      name: item?.name ?? event.detail.file?.name,
      state: item?.state,
      stage,
      progress,
      code: error?.code,
      message: error?.message,
      uploadId: receipt?.uploadId,
      count: items?.length,
    });
  });
}

async function filesFrom(inputs) {
  return Promise.all(
    inputs.map(async ({ url, name, type }) => new File([await (await fetch(url)).blob()], name, { type })),
  );
}

function transferOf(files) {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  return data;
}

/** The focused element, inside shadow roots too. */
function deepActiveElement() {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

let longTasks = null;

window.widgetTest = {
  violations: () => violations,
  events: () => events,
  items: () =>
    widget.items.map(({ name, size, state, progress, uploadId, error }) => ({
      name,
      size,
      state,
      progress,
      uploadId,
      code: error?.code ?? null,
    })),
  /** What each row shows: its status text, and the preview's source and decoded size. */
  rows: () =>
    Array.from(widget.shadowRoot.querySelectorAll('li'), (row) => {
      const image = row.querySelector('.preview img');
      return {
        name: row.querySelector('.name').textContent,
        state: row.dataset.state,
        status: row.querySelector('.status-text').textContent,
        size: row.querySelector('.size').textContent,
        preview: image && { src: image.src, width: image.naturalWidth, height: image.naturalHeight },
        progressLabel: row.querySelector('progress').getAttribute('aria-label'),
      };
    }),
  privacy: () => widget.shadowRoot.querySelector('.privacy').textContent,
  spoken: () => Array.from(widget.shadowRoot.querySelector('[role=status]').children, (line) => line.textContent),
  async drop(inputs) {
    const data = transferOf(await filesFrom(inputs));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      widget.dispatchEvent(
        new DragEvent(type, { dataTransfer: data, bubbles: true, composed: true, cancelable: true }),
      );
    }
  },
  /** A dragover only: the drop zone's visible state. */
  async dragOver(inputs) {
    const data = transferOf(await filesFrom(inputs));
    for (const type of ['dragenter', 'dragover']) {
      widget.dispatchEvent(
        new DragEvent(type, { dataTransfer: data, bubbles: true, composed: true, cancelable: true }),
      );
    }
  },
  async paste(inputs) {
    const data = transferOf(await filesFrom(inputs));
    deepActiveElement().dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true }),
    );
  },
  /**
   * A dropped folder. A page cannot make a DataTransfer hold a directory, so this one's items are
   * replaced by entries of the File and Directory Entries API's shape: `tree` maps names to
   * inputs (files) or to nested trees (folders).
   */
  async dropFolder(name, tree) {
    async function entryOf(entryName, node) {
      if (node.url) {
        const [file] = await filesFrom([{ ...node, name: entryName }]);
        return { isFile: true, isDirectory: false, name: entryName, file: (done) => done(file) };
      }
      const children = await Promise.all(Object.entries(node).map(([childName, child]) => entryOf(childName, child)));
      return {
        isFile: false,
        isDirectory: true,
        name: entryName,
        createReader() {
          let read = false;
          return {
            readEntries(done) {
              done(read ? [] : children);
              read = true;
            },
          };
        },
      };
    }
    const folder = await entryOf(name, tree);
    const data = new DataTransfer();
    const items = [{ kind: 'file', type: '', webkitGetAsEntry: () => folder, getAsFile: () => null }];
    Object.defineProperty(data, 'items', { value: items });
    widget.dispatchEvent(
      new DragEvent('drop', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }),
    );
  },
  startLongTasks() {
    longTasks = [];
    const observer = new PerformanceObserver((list) =>
      list.getEntries().forEach((entry) => longTasks.push(entry.duration)),
    );
    observer.observe({ type: 'longtask' });
    longTasks.stop = () => observer.disconnect();
  },
  stopLongTasks() {
    longTasks.stop();
    return [...longTasks];
  },
  /** Resolves once nothing is pending and every one of `count` items has settled. */
  settled(count) {
    const done = () =>
      widget.items.length >= count &&
      widget.items.every((item) => ['ready', 'uploaded', 'failed', 'refused'].includes(item.state));
    return new Promise((resolve) => {
      if (done()) return resolve(true);
      const check = () => {
        if (!done()) return;
        document.removeEventListener('imagespec-upload-complete', check);
        resolve(true);
      };
      document.addEventListener('imagespec-upload-complete', check);
    });
  },
};
document.body.dataset.ready = 'true';
