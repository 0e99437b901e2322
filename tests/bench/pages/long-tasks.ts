// Main-thread blocking as the page sees it: every 'longtask' entry (a task over 50 ms) from
// page load on, so a run's share can be cut out by its start and end times.
const entries: PerformanceEntry[] = [];
new PerformanceObserver((list) => entries.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });

export interface LongTaskSummary {
  count: number;
  totalMs: number;
  maxMs: number;
}

/** Long tasks that started between `start` and `end`. Entries arrive asynchronously: wait a little first. */
export async function longTasksBetween(start: number, end: number): Promise<LongTaskSummary> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  const inside = entries.filter((entry) => entry.startTime >= start && entry.startTime <= end);
  return {
    count: inside.length,
    totalMs: inside.reduce((sum, entry) => sum + entry.duration, 0),
    maxMs: inside.reduce((max, entry) => Math.max(max, entry.duration), 0),
  };
}
