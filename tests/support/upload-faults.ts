// Faults the upload tests inject between the browser and the receiver (see fault-proxy.ts):
// rules are queued per route and each fires for the next `times` requests of its route. Every
// request is logged with its time, so tests can check backoff and floods.

/** Which kind of request a rule applies to. */
export type FaultRoute = 'uploads' | 'tus-patch' | 'tus-post' | 'presign' | 'complete';

export type Fault =
  /** Answer this status without forwarding (e.g. 500, 503 with Retry-After, 429). */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Forward this many body bytes, then cut both connections. */
  | { kind: 'cut'; afterBytes: number }
  /** Forward everything, then destroy the client's connection instead of answering. */
  | { kind: 'drop-response' }
  /** Read the body and never answer. */
  | { kind: 'hang' }
  /** Presign only: the receiver signs URLs two hours in the past (expired). */
  | { kind: 'expired-url' }
  /** Forward, then change the receipt the client gets (multipart/complete JSON, or tus's Upload-Receipt header). */
  | { kind: 'bad-receipt'; change: 'drop-version' | 'wrong-sha256' | 'no-receipt' };

export interface FaultRule {
  route: FaultRoute;
  fault: Fault;
  /** @default 1 */
  times?: number;
}

export interface LoggedRequest {
  route: FaultRoute | 'other';
  method: string;
  url: string;
  /** Milliseconds since the epoch, when the request arrived. */
  at: number;
  idempotencyKey: string | null;
  fault: Fault['kind'] | null;
  /** tus: the Upload-Offset the request starts from. */
  uploadOffset?: number;
}

export class FaultInjector {
  #rules: Array<{ route: FaultRoute; fault: Fault; left: number }> = [];
  #log: LoggedRequest[] = [];
  /** Decides a fault for requests no rule matched (the soak's seeded chaos). */
  chaos: ((route: FaultRoute | 'other') => Fault | null) | null = null;

  add(rules: FaultRule[]): void {
    for (const rule of rules) this.#rules.push({ route: rule.route, fault: rule.fault, left: rule.times ?? 1 });
  }

  /** Consumes and returns the next fault for this route, if any. */
  take(route: FaultRoute | 'other'): Fault | null {
    const rule = this.#rules.find((candidate) => candidate.route === route && candidate.left > 0);
    if (!rule) return this.chaos?.(route) ?? null;
    rule.left--;
    return rule.fault;
  }

  log(entry: LoggedRequest): void {
    this.#log.push(entry);
  }

  requests(): LoggedRequest[] {
    return [...this.#log];
  }

  reset(): void {
    this.#rules = [];
    this.#log = [];
    this.chaos = null;
  }
}
