// Fault injection done by the server itself, because Playwright's request interception misses
// requests made from workers. Rules are queued through a control endpoint that exists only when
// the receiver was started with faults enabled; each rule fires for the next `times` requests
// of its route. Every request is logged with its time, so tests can check backoff and floods.

/** Which kind of request a rule applies to. */
export type FaultRoute = 'uploads' | 'tus-patch' | 'tus-post' | 'presign' | 'complete';

export type Fault =
  /** Answer this status without storing (e.g. 500, 503 with Retry-After, 429). */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Destroy the connection once this many body bytes have arrived. */
  | { kind: 'cut'; afterBytes: number }
  /** Store everything, then destroy the connection instead of answering. */
  | { kind: 'drop-response' }
  /** Read the body and never answer. */
  | { kind: 'hang' }
  /** Presign only: sign URLs that have already expired. */
  | { kind: 'expired-url' };

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

  add(rules: FaultRule[]): void {
    for (const rule of rules) this.#rules.push({ route: rule.route, fault: rule.fault, left: rule.times ?? 1 });
  }

  /** Consumes and returns the next fault for this route, if any. */
  take(route: FaultRoute): Fault | null {
    const rule = this.#rules.find((candidate) => candidate.route === route && candidate.left > 0);
    if (!rule) return null;
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
  }
}
