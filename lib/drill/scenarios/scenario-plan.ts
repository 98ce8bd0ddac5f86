import { SCENARIO_SUMMARY } from './names';
import type { ScenarioPlan, ScenarioResult } from './scenario-types';

/** The plan as the operator reads it before `--execute`. */
export function formatScenarioPlan(plan: ScenarioPlan): string {
  const width = Math.max(...plan.steps.map(([a]) => a.length));
  const expected = Object.entries(plan.expected);
  const eWidth = Math.max(...expected.map(([k]) => k.length));
  return [
    `Scenario plan: ${plan.scenario} in ${plan.region} (${plan.target})`,
    `  what:            ${SCENARIO_SUMMARY[plan.scenario]}`,
    ...(plan.injection?.length ? ['  injected by:', ...plan.injection.map((l) => `    ${l}`)] : []),
    `  hold the fault:  ${(plan.holdMs / 1000).toFixed(0)} s`,
    '  steps:',
    ...plan.steps.map(([a, b]) => `    ${a.padEnd(width)}  ${b}`),
    '  expected outcome:',
    ...expected.map(([k, v]) => `    ${k.padEnd(eWidth)}  ${v}`),
    `  overall timeout: ${Math.round(plan.timeoutMs / 1000)} s; the fault is removed on success, error, timeout and Ctrl-C`,
    ...plan.notes.map((n) => `  note: ${n}`),
  ].join('\n');
}

/** The result of a dry run: the plan, nothing changed. */
export function planned(plan: ScenarioPlan): ScenarioResult {
  return { plan, executed: false, outcome: 'planned', restored: true, marks: {}, measures: {}, findings: [] };
}
