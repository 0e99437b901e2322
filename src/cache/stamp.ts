// The time a cache entry was last stored or read: what least-recently-used eviction orders by.

let lastStamp = 0;

/** `Date.now()`, but strictly increasing within this page, so that LRU order has no ties. */
export function stamp(): number {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return lastStamp;
}
