/** The part of autocannon's API the benchmark uses (the package ships no types). */
declare module "autocannon" {
  interface Histogram {
    average: number;
    p50: number;
    p97_5: number;
    p99: number;
    max: number;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    /** Requests to make, then stop (duration is then ignored). */
    amount?: number;
    headers?: Record<string, string>;
    /** Called with each connection's client as it is made: `setHeaders` gives that connection its own headers. */
    setupClient?: (client: { setHeaders(headers: Record<string, string>): void }) => void;
    timeout?: number;
    /** Milliseconds between samples (1000): a run's result, and so its duration, waits for the next one. */
    sampleInt?: number;
  }
  interface Result {
    latency: Histogram;
    requests: Histogram & { total: number };
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    statusCodeStats: Record<string, { count: number }>;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
