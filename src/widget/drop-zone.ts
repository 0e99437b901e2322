// The ways files reach the widget: a click anywhere on the zone (the keyboard reaches its
// button), the file picker, drag and drop, and paste. Nothing is taken while it is disabled.
import { collectTransfer, type CollectedFiles } from './collect-files.ts';

/** What the listeners need from the element. */
export interface DropZoneHost {
  /** Drag, drop and paste are heard here (the whole element, not only the zone). */
  element: HTMLElement;
  /** Clicked: opens the picker. */
  zone: HTMLElement;
  /** The hidden file input of the picker. */
  input: HTMLInputElement;
  disabled(): boolean;
  /** Files given, their folders walked. */
  take(collected: CollectedFiles): Promise<void>;
  /** Files are being dragged over the element (true), or no longer are (false). */
  dragging(over: boolean): void;
}

/** Listens until `signal` aborts. */
export function listenForFiles(host: DropZoneHost, signal: AbortSignal): void {
  const { element, zone, input } = host;
  // dragenter and dragleave fire for every child crossed: the drop state ends when they balance.
  let dragDepth = 0;

  const take = (collected: Promise<CollectedFiles>): void => {
    input.value = '';
    if (!host.disabled()) void collected.then((files) => host.take(files));
  };
  const drag = (event: DragEvent, step: number): void => {
    if (host.disabled() || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    if (step === 0) event.dataTransfer.dropEffect = 'copy';
    dragDepth = Math.max(0, dragDepth + step);
    host.dragging(dragDepth > 0 || step === 0);
  };

  zone.addEventListener('click', () => host.disabled() || input.click(), { signal });
  input.addEventListener(
    'change',
    () => take(Promise.resolve({ files: [...(input.files ?? [])], fromFolders: new Set() })),
    { signal },
  );
  // The picker's own cancel: nothing to do, but clear the input so the same file can be picked again.
  input.addEventListener('cancel', () => (input.value = ''), { signal });
  element.addEventListener('dragenter', (event) => drag(event, 1), { signal });
  element.addEventListener('dragover', (event) => drag(event, 0), { signal });
  element.addEventListener('dragleave', (event) => drag(event, -1), { signal });
  element.addEventListener(
    'drop',
    (event) => {
      if (host.disabled() || !event.dataTransfer) return;
      event.preventDefault();
      dragDepth = 0;
      host.dragging(false);
      take(collectTransfer(event.dataTransfer));
    },
    { signal },
  );
  element.addEventListener(
    'paste',
    (event) => {
      const items = Array.from(event.clipboardData?.items ?? []);
      if (host.disabled() || !items.some((item) => item.kind === 'file')) return;
      event.preventDefault();
      take(collectTransfer(event.clipboardData));
    },
    { signal },
  );
}
