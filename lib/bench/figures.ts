/** What a figure's number means, for formatting. */
export type Unit = 'bytes' | 'ms' | 'req/s' | 'count';

/**
 * A target on a figure: on its ratio to the baseline (`of: 'ratio'`) or on its value itself
 * (`of: 'value'`, e.g. zero failed requests). `max` and `min` are inclusive.
 */
export interface Target {
  readonly of: 'ratio' | 'value';
  readonly max?: number;
  readonly min?: number;
}

/** One measured figure as it is printed and written to JSON. */
export interface Figure {
  readonly section: string;
  readonly name: string;
  readonly unit: Unit;
  readonly value: number;
  /** The same measure of the baseline in the same run; null when the figure has none. */
  readonly baseline: number | null;
  /** value ÷ baseline; null without a (positive) baseline. */
  readonly ratio: number | null;
  /** Absent for informational figures. */
  readonly target?: Target;
  /** null for informational figures. */
  readonly pass: boolean | null;
  readonly note?: string;
}

export interface FigureInput {
  readonly section: string;
  readonly name: string;
  readonly unit: Unit;
  readonly value: number;
  readonly baseline?: number | null;
  readonly target?: Target;
  readonly note?: string;
}

/** Builds a figure: computes the ratio and checks the target. */
export function figure(input: FigureInput): Figure {
  if (!Number.isFinite(input.value)) throw new Error(`${input.name}: value must be a finite number`);
  const { target } = input;
  if (target && target.max === undefined && target.min === undefined) {
    throw new Error(`${input.name}: a target needs max or min`);
  }
  const baseline = input.baseline ?? null;
  const ratio = baseline !== null && baseline > 0 ? input.value / baseline : null;
  if (target?.of === 'ratio' && ratio === null) {
    throw new Error(`${input.name}: a ratio target needs a positive baseline, got ${baseline}`);
  }
  return {
    section: input.section,
    name: input.name,
    unit: input.unit,
    value: input.value,
    baseline,
    ratio,
    ...(target ? { target } : {}),
    pass: target ? meets(target.of === 'ratio' ? (ratio as number) : input.value, target) : null,
    ...(input.note ? { note: input.note } : {}),
  };
}

function meets(x: number, target: Target): boolean {
  return (target.max === undefined || x <= target.max) && (target.min === undefined || x >= target.min);
}

/** The run passes when no figure with a target failed. */
export function allPassed(figures: readonly Figure[]): boolean {
  return figures.every((f) => f.pass !== false);
}

/** A figure that could not be measured (its section failed): recorded, never silently dropped. */
export function failedFigure(section: string, name: string, error: string): Figure {
  return {
    section,
    name,
    unit: 'count',
    value: Number.NaN,
    baseline: null,
    ratio: null,
    pass: false,
    note: error,
  };
}
