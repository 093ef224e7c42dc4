// The ports to the outside world of one configuration, built once by the composition root (main.ts;
// also the CLI, tests' startTestApp and the benchmarks) and handed to everything through Deps.
import type { Config } from "./config.ts";
import type { Ports } from "./core/deps.ts";
import { localStorageFor } from "./files/storage.ts";
import { providersFor } from "./payments/providers.ts";

export function buildPorts(config: Config): Ports {
  return { files: localStorageFor(config.dataDir), payments: providersFor(config) };
}
