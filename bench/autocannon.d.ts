// The part of autocannon 8's API the benchmarks use (it ships no types).
declare module "autocannon" {
  type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    /** Stop after this many requests instead of after `duration` seconds. */
    amount?: number;
    requests?: (Request & { setupRequest?: (req: Request) => Request })[];
  };
  type Result = {
    "2xx": number;
    non2xx: number;
    errors: number;
    latency: { p50: number; p99: number; average: number };
    requests: { average: number };
  };
  export default function autocannon(options: Options): Promise<Result>;
}
