import type { InspectionReport } from '../../model/core/inspect';

/** Placeholder until core/equations.ts lands. */
export function EquationsFigure(_: { r: InspectionReport }) {
  return null;
}
