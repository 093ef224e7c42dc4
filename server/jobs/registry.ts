// Every job the workers run, gathered from the features. A feature adds its definitions here.
import type { AppDeps } from "../app.ts";
import { contestJobs } from "../features/contests/contests.jobs.ts";
import { entryJobs } from "../features/tasks/entries.jobs.ts";
import { walletJobs } from "../features/wallet/wallet.jobs.ts";
import { sendMailJob } from "../mail/mail.jobs.ts";
import { type RunnableJob, runnable } from "./jobs.ts";

export function jobDefinitions(deps: AppDeps): RunnableJob[] {
  return [...walletJobs(deps), runnable(sendMailJob(deps)), ...contestJobs(deps), ...entryJobs(deps)];
}
