// The page side of the widget case: <imagespec-upload> as a site drops it in, with its default
// versions, uploading to the demo receiver of the test server. The test picks files through the
// widget's own file input; this page says when every file has settled, and how.
import '../../../src/widget.ts';

const widget = document.querySelector('imagespec-upload')!;
const SETTLED = new Set(['ready', 'uploaded', 'failed', 'refused']);

/** Resolves once `count` files are listed and none is still at work, with each one's outcome. */
function settled(count: number) {
  const outcome = () =>
    widget.items.map(({ name, state, uploadId, error }) => ({ name, state, uploadId, code: error?.code ?? null }));
  const done = () => widget.items.length >= count && widget.items.every((item) => SETTLED.has(item.state));
  return new Promise<ReturnType<typeof outcome>>((resolve) => {
    if (done()) return resolve(outcome());
    const check = () => {
      if (!done()) return;
      document.removeEventListener('imagespec-upload-complete', check);
      resolve(outcome());
    };
    document.addEventListener('imagespec-upload-complete', check);
  });
}

const widgetPage = { settled };

declare global {
  interface Window {
    widgetPage: typeof widgetPage;
  }
}
window.widgetPage = widgetPage;
document.body.dataset['ready'] = 'true';
