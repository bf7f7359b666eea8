/** Layout arithmetic for the small report charts (kept apart from the drawing so it can be tested). */

export interface Bar {
  label: string;
  value: number;
  /** What is written beside the bar: the value as people read it. */
  display: string;
  /** Colour the bar by a status (the label and words still carry the meaning). */
  rag?: string;
}

export interface LaidBar extends Bar {
  /** Start and end of the bar, in pixels from the left of the plot. */
  x0: number;
  x1: number;
  /** Where zero is, in pixels from the left of the plot. */
  zero: number;
}

/**
 * Place bars in a plot `width` pixels wide: zero sits at the left unless some values are negative,
 * in which case it moves right in proportion, so bars of both signs share one scale.
 */
export function barLayout(bars: Bar[], width: number): LaidBar[] {
  const finite = bars.map((b) => (Number.isFinite(b.value) ? b.value : 0));
  const max = Math.max(0, ...finite);
  const min = Math.min(0, ...finite);
  const span = max - min || 1;
  const zero = ((0 - min) / span) * width;
  return bars.map((b, i) => {
    const v = finite[i] ?? 0;
    const end = ((v - min) / span) * width;
    return { ...b, x0: zero, x1: end, zero };
  });
}

export interface Point {
  label: string;
  value: number | null;
}

/**
 * Coordinates of a small line chart in a `w` × `h` box with `pad` pixels around: gaps (null)
 * break the line. The vertical scale includes the target, so the gap to it shows.
 */
export function sparkLayout(points: Point[], w: number, h: number, pad: number, target?: number | null) {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v));
  if (target !== null && target !== undefined && Number.isFinite(target)) values.push(target);
  if (!values.length) return { dots: [], path: '', targetY: null as number | null };
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    const d = Math.abs(lo) * 0.1 || 1;
    lo -= d;
    hi += d;
  }
  const step = points.length > 1 ? (w - 2 * pad) / (points.length - 1) : 0;
  const x = (i: number) => (points.length > 1 ? pad + i * step : w / 2);
  const y = (v: number) => h - pad - ((v - lo) / (hi - lo)) * (h - 2 * pad);
  const dots = points.flatMap((p, i) => (p.value === null || !Number.isFinite(p.value) ? [] : [{ label: p.label, x: x(i), y: y(p.value) }]));
  let path = '';
  points.forEach((p, i) => {
    if (p.value === null || !Number.isFinite(p.value)) return;
    const prev = points[i - 1];
    path += `${prev && prev.value !== null && Number.isFinite(prev.value) ? 'L' : 'M'}${round(x(i))} ${round(y(p.value))} `;
  });
  const targetY = target !== null && target !== undefined && Number.isFinite(target) ? y(target) : null;
  return { dots, path: path.trim(), targetY };
}

const round = (n: number) => Math.round(n * 10) / 10;
