/** The drill's scenarios; `health-check` is the original inversion drill and stays the default. */
export const SCENARIOS = [
  'health-check',
  'replication-pause',
  'function-errors',
  'function-latency',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** What each scenario does to the region, in one line (the usage text and the plan use it). */
export const SCENARIO_SUMMARY: Record<ScenarioName, string> = {
  'health-check': "inverts the region's Route 53 health check: proves that DNS moves traffic",
  'replication-pause': "pauses replication to and from the region's replica, then resumes: lag and RPO",
  'function-errors': "a percentage of the region's item-route invocations fail",
  'function-latency': "a percentage of the region's item-route invocations start late",
};

export function isScenario(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}
