// Every job the workers run, gathered from the features. A feature adds its definitions here.
import type { AppDeps } from "../app.ts";
import type { RunnableJob } from "./jobs.ts";

export function jobDefinitions(_deps: AppDeps): RunnableJob[] {
  return [];
}
