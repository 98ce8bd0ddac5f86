import type * as z from 'zod/mini';

/**
 * Error messages for zod/mini, which ships none ("Invalid input"). Zod's English locale would cost
 * ~2.7 KB per bundle for formats this API never uses; these cover the checks it does use, so every 400
 * says what was wrong. Passed per parse, never through `z.config`: that is global to every zod in the
 * process and would reword the config loader's errors where both run (the sandbox).
 */
type Issue = Parameters<z.core.$ZodErrorMap>[0];

const UNITS: Record<string, string> = { string: 'characters', array: 'items' };

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function issueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'is required'
        : `must be ${issue.expected}, not ${typeOf(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return 'must not be empty';
      return `must have at least ${issue.minimum} ${UNITS[issue.origin] ?? ''}`.trimEnd();
    case 'too_big':
      return `must have at most ${issue.maximum} ${UNITS[issue.origin] ?? ''}`.trimEnd();
    case 'invalid_format':
      return issue.format === 'regex' ? `must match ${issue.pattern}` : `must be a valid ${issue.format}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return 'is invalid';
  }
}
