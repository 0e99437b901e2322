// The widget's markup: static templates parsed once, cloned per element and per file. Text the
// user or a file supplies is only ever set through textContent and attributes, never parsed.

const ICON = (path: string, className = '') =>
  `<svg class="${className}" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${path}</svg>`;

const UPLOAD_ICON = ICON(
  '<path d="M12 16V4m0 0-4 4m4-4 4 4"/><path d="M4 15v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3"/>',
  'zone-icon',
);
const IMAGE_ICON = ICON(
  '<rect x="3" y="4" width="18" height="16" rx="2"/><circle cx="9" cy="10" r="2"/><path d="m21 16-5-5-9 9"/>',
);
const REMOVE_ICON = ICON('<path d="M6 6l12 12M18 6 6 18"/>');
const DONE_ICON = ICON('<path d="m5 12 5 5 9-10"/>', 'icon-done');
const ERROR_ICON = ICON('<circle cx="12" cy="12" r="9"/><path d="M12 8v5m0 3v.01"/>', 'icon-error');

const ROOT = `
<div class="zone" part="dropzone">
  ${UPLOAD_ICON}
  <button type="button" class="choose" part="button choose-button"></button>
  <span class="hint"></span>
</div>
<input type="file" hidden tabindex="-1">
<p class="privacy" part="privacy"></p>
<p class="summary" part="summary" hidden></p>
<ul class="list" part="list" role="list"></ul>
<div class="live" role="status" aria-live="polite" aria-atomic="true"></div>`;

const ITEM = `
<li class="item" part="item">
  <div class="preview" part="preview">${IMAGE_ICON}</div>
  <div class="body">
    <span class="name" part="name"></span>
    <progress part="progress" max="1" value="0"></progress>
    <p class="status" part="status">${DONE_ICON}${ERROR_ICON}<span class="status-text"></span><span class="size"></span></p>
    <button type="button" class="retry" part="button retry-button"></button>
  </div>
  <button type="button" class="remove" part="button remove-button">${REMOVE_ICON}</button>
</li>`;

const templates = new Map<string, HTMLTemplateElement>();

function clone(markup: string): DocumentFragment {
  let template = templates.get(markup);
  if (!template) {
    template = document.createElement('template');
    template.innerHTML = markup;
    templates.set(markup, template);
  }
  return template.content.cloneNode(true) as DocumentFragment;
}

/** The elements of one widget that code changes. */
export interface RootParts {
  zone: HTMLElement;
  choose: HTMLButtonElement;
  hint: HTMLElement;
  input: HTMLInputElement;
  privacy: HTMLElement;
  summary: HTMLElement;
  list: HTMLUListElement;
  live: HTMLElement;
}

export function renderRoot(root: ShadowRoot): RootParts {
  root.append(clone(ROOT));
  return findParts<RootParts>(root, {
    zone: '.zone',
    choose: '.choose',
    hint: '.hint',
    input: 'input',
    privacy: '.privacy',
    summary: '.summary',
    list: '.list',
    live: '.live',
  });
}

/** The elements of one file's row. */
export interface ItemParts {
  item: HTMLLIElement;
  preview: HTMLElement;
  name: HTMLElement;
  size: HTMLElement;
  progress: HTMLProgressElement;
  status: HTMLElement;
  retry: HTMLButtonElement;
  remove: HTMLButtonElement;
}

export function renderItem(): ItemParts {
  const item = clone(ITEM).firstElementChild as HTMLLIElement;
  const parts = findParts<Omit<ItemParts, 'item'>>(item, {
    preview: '.preview',
    name: '.name',
    size: '.size',
    progress: 'progress',
    status: '.status-text',
    retry: '.retry',
    remove: '.remove',
  });
  return { item, ...parts };
}

/** The first element under `root` for each selector, by name: the markup above has every one. */
function findParts<Parts>(root: ParentNode, selectors: { [Name in keyof Parts]: string }): Parts {
  const entries = Object.entries<string>(selectors).map(([name, selector]) => [name, root.querySelector(selector)]);
  return Object.fromEntries(entries) as Parts;
}
