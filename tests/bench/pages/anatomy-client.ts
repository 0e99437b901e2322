// Page side of the anatomy worker (workers/anatomy.ts): asks for the spans of the last job.
import type { Span } from '../workers/anatomy.ts';

const ANATOMY_CHANNEL = 'imagespec-bench-anatomy';

export function collectSpans(timeoutMs = 2000): Promise<Span[]> {
  const channel = new BroadcastChannel(ANATOMY_CHANNEL);
  return new Promise<Span[]>((resolve) => {
    const timer = setTimeout(() => finish([]), timeoutMs);
    function finish(spans: Span[]) {
      clearTimeout(timer);
      channel.close();
      resolve(spans);
    }
    channel.onmessage = (event: MessageEvent<{ spans: Span[] }>) => finish(event.data.spans);
    channel.postMessage('flush');
  });
}
