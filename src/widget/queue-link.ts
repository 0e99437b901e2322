// Upload mode's queue: the page's own uploader, else one made from the `endpoint` attribute (the
// same one while endpoint and transport stay), else none: form mode. Its events are followed
// into the list, and the jobs it holds from before a reload are listed again.
import { createUploader, type Uploader } from '../upload/uploader.ts';
import type { EndpointTransport } from './attributes.ts';
import type { ItemFlow } from './item-flow.ts';

export class QueueLink {
  #own: { key: string; uploader: Uploader } | null = null;
  #listeners: AbortController | null = null;

  /** `given`, else the uploader for `endpoint` (made once per endpoint and transport), else null. */
  choose(given: Uploader | null, endpoint: string | null, transport: EndpointTransport): Uploader | null {
    if (given) return given;
    if (!endpoint) return null;
    const key = `${transport} ${endpoint}`;
    if (this.#own?.key !== key)
      this.#own = { key, uploader: createUploader({ transport: { type: transport, endpoint } }) };
    return this.#own.uploader;
  }

  /**
   * Follows `queue` (none: stops following) into `flow`. Its earlier jobs are listed after the
   * current task, so that properties a page sets right after creating the element apply first,
   * and only if `queue` `isStillInUse` by then.
   */
  follow(queue: Uploader | null, flow: ItemFlow, isStillInUse: (queue: Uploader) => boolean): void {
    this.stop();
    if (!queue) return;
    this.#listeners = new AbortController();
    const { signal } = this.#listeners;
    queue.addEventListener('statechange', ({ detail }) => flow.onQueueState(detail), { signal });
    queue.addEventListener(
      'progress',
      ({ detail: { job } }) => flow.onQueueProgress(job.id, job.sent / (job.total || 1)),
      { signal },
    );
    queueMicrotask(() => {
      if (isStillInUse(queue)) void flow.restore(queue);
    });
  }

  stop(): void {
    this.#listeners?.abort();
    this.#listeners = null;
  }
}
