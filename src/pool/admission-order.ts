// Files start in the order they were admitted. Each admitted file gets a ticket; its first hash
// and its first processing go to a worker only after those of every file admitted before it (or
// once that file needs none: its turn ended). Without this, a file whose page-side work (a cache
// lookup, the header check) happened to finish first overtook the one picked before it, and
// twenty photos came out in no particular order.
import type { Role } from './worker-slot.ts';

export class AdmissionOrder {
  #next = 0;
  /** Per role, the tickets of admitted files that have not started that role yet. */
  readonly #awaited: Record<Role, number[]> = { process: [], hash: [] };

  /** A ticket for a file just admitted. */
  issue(): number {
    const ticket = this.#next++;
    this.#awaited.process.push(ticket);
    this.#awaited.hash.push(ticket);
    return ticket;
  }

  /** Whether a task of `role` for `ticket` may start now (no ticket: a task outside admission, e.g. a lazy version). */
  mayStart(ticket: number | undefined, role: Role): boolean {
    return ticket === undefined || !this.#awaited[role].some((earlier) => earlier < ticket);
  }

  /** `ticket` started `role` (or, without a role, needs neither any more); true when that lets others start. */
  pass(ticket: number, role?: Role): boolean {
    let passed = false;
    for (const each of role ? [role] : (['process', 'hash'] as const)) {
      const awaited = this.#awaited[each];
      const index = awaited.indexOf(ticket);
      if (index < 0) continue;
      awaited.splice(index, 1);
      passed = true;
    }
    return passed;
  }
}
