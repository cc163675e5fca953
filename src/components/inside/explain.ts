/** The one-sentence readings of the inside view's figures, as pure functions of the numbers. */

/** A ratio for a sentence: 3 significant digits, powers of ten from 1e-3 down (4.2e-6). */
function ratioText(r: number): string {
  return r !== 0 && Math.abs(r) < 1e-3 ? r.toExponential(1) : String(Number(r.toPrecision(3)));
}

/** Share of the total |influence| the "look back" sentence is about. */
const SHARE = 0.9;

/**
 * How far back the network looks: the fewest most recent inputs (k = 1 … K) that carry 90 % of the
 * total absolute influence, as a number and a sentence.
 */
export function lookBack(influence: ArrayLike<number>): { steps: number; text: string } {
  let total = 0;
  for (let k = 0; k < influence.length; k++) total += Math.abs(influence[k]) || 0;
  const n = influence.length;
  if (!(total > 0)) {
    return { steps: 0, text: 'The prediction does not depend on these inputs yet.' };
  }
  let sum = 0;
  let steps = n;
  for (let k = 0; k < n; k++) {
    sum += Math.abs(influence[k]) || 0;
    if (sum >= SHARE * total) {
      steps = k + 1;
      break;
    }
  }
  const which = steps === 1 ? 'The last input carries' : `The last ${steps} of ${n} inputs carry`;
  const reach =
    steps === 1
      ? 'the network looks only one step back.'
      : `the network looks about ${steps} steps back.`;
  return { steps, text: `${which} 90 % of the influence: ${reach}` };
}

/**
 * How much of the gradient survives the trip back through time in one layer: the norm at the
 * window's first step over the norm at its last, and a sentence.
 */
export function gradientFade(
  flow: ArrayLike<number>,
  layer: number,
): { ratio: number; text: string } {
  const n = flow.length;
  const first = flow[0];
  const last = flow[n - 1];
  if (n < 2)
    return { ratio: 1, text: 'With one step there is no way back through time to fade over.' };
  if (!(last > 0)) return { ratio: NaN, text: `Layer ${layer} gets no gradient at its last step.` };
  const ratio = first / last;
  const head = `In layer ${layer}, the gradient ${n - 1} steps back is ${ratioText(ratio)} of the last step's`;
  if (ratio < 1e-2)
    return {
      ratio,
      text: `${head}: the earliest inputs barely teach the weights (a vanishing gradient).`,
    };
  if (ratio > 10) return { ratio, text: `${head}: it grows going back (an exploding gradient).` };
  return { ratio, text: `${head}: it still reaches the start of the window.` };
}
