// An open-loop HTTP load client: requests leave at a fixed arrival rate whatever the server does, and each latency
// is measured from the request's scheduled send time, so a server that falls behind shows its queueing in the
// figures (a closed-loop client such as autocannon waits for answers and so hides it: coordinated omission).
import http from 'node:http';

export interface OpenLoopOptions {
  /** e.g. http://127.0.0.1:8080 */
  base: string;
  path: string;
  /** requests a second */
  rate: number;
  requests: number;
  headers: Record<string, string>;
  body: (i: number) => string;
  onResponse?: (status: number, text: string) => void;
  /** Sockets the client may open at most (requests beyond them wait in the client and their wait counts). */
  maxSockets?: number;
}

export interface OpenLoopResult {
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** ms from the scheduled send time to the end of the answer */
  latency: { p50: number; p90: number; p99: number; max: number };
  /** answered 2xx a second, over the time from the first scheduled send to the last answer */
  throughput: number;
  /** How late the client itself sent its most late request (ms): large values mean the client, not the server, lagged. */
  maxSendLagMs: number;
}

const percentile = (sorted: Float64Array, p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function openLoop(o: OpenLoopOptions): Promise<OpenLoopResult> {
  const url = new URL(o.base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.maxSockets ?? 1000 });
  const latencies = new Float64Array(o.requests);
  const interval = 1000 / o.rate;
  let next = 0;
  let finished = 0;
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let maxSendLagMs = 0;
  let lastEnd = 0;
  const t0 = performance.now() + 5;
  try {
    await new Promise<void>((resolve) => {
      const settle = () => {
        finished += 1;
        if (finished === o.requests) resolve();
      };
      const send = (i: number, scheduled: number) => {
        maxSendLagMs = Math.max(maxSendLagMs, performance.now() - scheduled);
        const body = o.body(i);
        const req = http.request(
          {
            agent,
            host: url.hostname,
            port: url.port,
            path: o.path,
            method: 'POST',
            headers: { ...o.headers, 'content-length': String(Buffer.byteLength(body)) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              lastEnd = performance.now();
              latencies[i] = lastEnd - scheduled;
              const status = res.statusCode ?? 0;
              if (status >= 200 && status < 300) ok += 1;
              else non2xx += 1;
              o.onResponse?.(status, Buffer.concat(chunks).toString('utf8'));
              settle();
            });
          },
        );
        req.on('error', () => {
          lastEnd = performance.now();
          latencies[i] = lastEnd - scheduled;
          errors += 1;
          settle();
        });
        req.end(body);
      };
      const tick = () => {
        const now = performance.now();
        while (next < o.requests && t0 + next * interval <= now) {
          send(next, t0 + next * interval);
          next += 1;
        }
        if (next < o.requests) setTimeout(tick, Math.max(0, t0 + next * interval - performance.now()));
      };
      setTimeout(tick, 5);
    });
  } finally {
    agent.destroy();
  }
  const sorted = latencies.slice().sort();
  return {
    sent: o.requests,
    ok,
    non2xx,
    errors,
    latency: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? NaN,
    },
    throughput: ok / ((lastEnd - t0) / 1000),
    maxSendLagMs,
  };
}
