// Every job the workers run, gathered from the features. A feature adds its definitions here.
import type { AppDeps } from "../app.ts";
import { walletJobs } from "../features/wallet/wallet.jobs.ts";
import type { RunnableJob } from "./jobs.ts";

export function jobDefinitions(deps: AppDeps): RunnableJob[] {
  return [...walletJobs(deps)];
}
