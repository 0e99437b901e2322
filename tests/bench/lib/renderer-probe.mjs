// Peak memory and CPU time of the Chromium renderer process a run happened in, from Linux's /proc.
//
// Memory. What Chromium itself exposes does not cover what matters here: CDP
// Performance.getMetrics and performance.memory give the page's JS heap only (not its workers),
// and performance.measureUserAgentSpecificMemory needs cross-origin isolation and counts JS and
// DOM memory, not canvas backing stores, decoded ImageBitmaps or pica's wasm memory. All of those
// live in the page's renderer process (its dedicated workers are threads of that process; with
// --disable-gpu the canvases are rasterised there too), so the renderer's resident set size is the
// honest figure. Linux keeps its high-water mark (VmHWM) and lets root reset it
// (`echo 5 > /proc/PID/clear_refs`), so the peak is exact, not sampled.
//
// CPU. utime + stime of the process (every thread, exited ones included) in clock ticks: unlike
// wall time, it barely moves when other programs load the machine, so it is printed beside the
// wall time as the noise-resistant figure. Resolution: one tick (10 ms on most kernels).
//
// The renderers' pids come from CDP SystemInfo.getProcessInfo. Only one page works at a time,
// so the renderer that used the most CPU since reset() is the run's.
import { readFileSync, writeFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux for every architecture Chromium ships on

function statusBytes(pid, field) {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return match ? Number(match[1]) * 1024 : null;
}

/** utime + stime in ms. The command name (field 2) may hold spaces, so parse after its ')'. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

export class RendererProbe {
  /** @param {import('@playwright/test').CDPSession} browserSession from browser.newBrowserCDPSession() */
  constructor(browserSession) {
    this.session = browserSession;
    this.starts = new Map();
    this.available = process.platform === 'linux';
  }

  async #rendererPids() {
    const { processInfo } = await this.session.send('SystemInfo.getProcessInfo');
    return processInfo.filter((process) => process.type === 'renderer').map((process) => process.id);
  }

  /** Resets every renderer's memory high-water mark and notes its CPU time. Call right before the work. */
  async reset() {
    this.starts.clear();
    if (!this.available) return;
    try {
      for (const pid of await this.#rendererPids()) {
        try {
          writeFileSync(`/proc/${pid}/clear_refs`, '5');
          this.starts.set(pid, { rss: statusBytes(pid, 'VmRSS'), cpu: cpuMs(pid) });
        } catch {
          // The process ended (a closed page) between listing and reset.
        }
      }
    } catch (error) {
      this.available = false;
      console.warn(
        `peak memory and CPU time unavailable (${error.message}): they need Linux /proc and root for clear_refs`,
      );
    }
  }

  /**
   * The busiest renderer since reset(): its CPU time, and the rise of its resident set above its
   * size at reset().
   * @returns {{ cpuMs: number, peakBytes: number | null, riseBytes: number | null } | null}
   */
  read() {
    let best = null;
    for (const [pid, start] of this.starts) {
      try {
        const cpu = cpuMs(pid) - start.cpu;
        if (best && cpu <= best.cpuMs) continue;
        const peak = statusBytes(pid, 'VmHWM');
        best = {
          cpuMs: cpu,
          peakBytes: peak,
          riseBytes: peak === null || start.rss === null ? null : peak - start.rss,
        };
      } catch {
        // Ended since reset().
      }
    }
    return best;
  }
}
