import { useId } from 'react';
import { sparkLayout, type Point } from '../lib/charts';

const W = 240;
const H = 72;
const PAD = 8;

/**
 * A small line of values over time, with the target as a dashed line. Its text alternative is
 * the `summary` (given as the image's name) and the table of figures that goes with it.
 */
export function Sparkline({
  points,
  target,
  summary,
  testId,
}: {
  points: Point[];
  target?: number | null;
  summary: string;
  testId?: string;
}) {
  const uid = useId().replace(/:/g, '');
  const { dots, path, targetY } = sparkLayout(points, W, H, PAD, target);
  if (!dots.length) return null;
  return (
    <svg
      className="gt-spark"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      role="img"
      aria-labelledby={`${uid}-t`}
      data-testid={testId}
    >
      <title id={`${uid}-t`}>{summary}</title>
      <line x1={0} x2={W} y1={H - 1} y2={H - 1} stroke="#b1b4b6" />
      {targetY !== null ? (
        <line x1={PAD} x2={W - PAD} y1={targetY} y2={targetY} stroke="#0b0c0c" strokeWidth={2} strokeDasharray="6 4" />
      ) : null}
      {path ? <path d={path} fill="none" stroke="#1d70b8" strokeWidth={3} /> : null}
      {dots.map((d, i) => (
        <circle key={`${d.label}-${i}`} cx={d.x} cy={d.y} r={i === dots.length - 1 ? 5 : 3.5} fill="#1d70b8" stroke="#fff" strokeWidth={1.5} />
      ))}
    </svg>
  );
}
