import { useId } from 'react';
import type { Rag, Status, Unit } from '../api/types';
import { RagIcon } from '../components/RagTag';
import { formatValue } from '../lib/format';
import { financialYearOf, periodLabel, periodShortLabel } from '../lib/periods';
import { RAG_COLOURS, RAG_LABELS, RAG_LETTERS } from '../lib/rag';

const W = 960;
const H = 380;
const M = { top: 28, right: 16, bottom: 58, left: 72 };

const num = (v: string | null | undefined): number | null => {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

/** Round tick values: 1, 2 or 5 × 10^k apart. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? raw;
  const start = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = start; v <= max + step * 0.5; v += step) ticks.push(Number(v.toFixed(10)));
  return ticks;
}

function Marker({ rag, x, y }: { rag: Rag; x: number; y: number }) {
  const fill = RAG_COLOURS[rag];
  const r = 7;
  switch (rag) {
    case 'green':
      return <circle cx={x} cy={y} r={r} fill={fill} stroke="#fff" strokeWidth={2} />;
    case 'amber':
      return <path d={`M${x} ${y - r - 1} L${x + r + 1} ${y + r} L${x - r - 1} ${y + r} Z`} fill="#f47738" stroke="#0b0c0c" strokeWidth={1.2} />;
    case 'red':
      return <path d={`M${x} ${y - r - 1} L${x + r + 1} ${y} L${x} ${y + r + 1} L${x - r - 1} ${y} Z`} fill={fill} stroke="#fff" strokeWidth={2} />;
    case 'no_target':
      return <rect x={x - r + 1} y={y - r + 1} width={2 * r - 2} height={2 * r - 2} fill="#fff" stroke={fill} strokeWidth={2} />;
    default:
      return <circle cx={x} cy={y} r={r - 1} fill="#fff" stroke={fill} strokeWidth={2} />;
  }
}

export interface ChartProps {
  items: Status[];
  unit: Unit;
  title: string;
}

/** Actuals against targets with the amber band shaded; each point shaped, coloured and lettered by status. */
export default function IndicatorChart({ items, unit, title }: ChartProps) {
  const uid = useId().replace(/:/g, '');
  const pts = items.map((s) => {
    const band = s.polarity === 'target_band';
    return {
      s,
      actual: num(s.actual),
      target: band ? null : num(s.target),
      amber: band ? null : num(s.amber_threshold),
      low: band ? num(s.low) : null,
      high: band ? num(s.high) : null,
      amberLow: band ? num(s.amber_threshold_low) : null,
      amberHigh: band ? num(s.amber_threshold_high) : null,
    };
  });
  const values = pts.flatMap((p) => [p.actual, p.target, p.amber, p.low, p.high, p.amberLow, p.amberHigh]).filter((v): v is number => v !== null);
  if (!items.length || !values.length) {
    return <p className="govuk-body">There are no figures or targets to chart for these years yet.</p>;
  }
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const pad = (hi - lo) * 0.12 || Math.abs(hi) * 0.1 || 1;
  lo -= pad;
  hi += pad;
  if (Math.min(...values) >= 0 && lo < 0) lo = 0;
  const ticks = niceTicks(lo, hi);
  lo = Math.min(lo, ticks[0] ?? lo);
  hi = Math.max(hi, ticks[ticks.length - 1] ?? hi);

  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const step = plotW / items.length;
  const x = (i: number) => M.left + step * (i + 0.5);
  const y = (v: number) => M.top + plotH - ((v - lo) / (hi - lo)) * plotH;

  // Year boundaries for separators and labels.
  const years: { year: string; first: number; last: number }[] = [];
  items.forEach((s, i) => {
    const fy = financialYearOf(s.period);
    const cur = years[years.length - 1];
    if (cur && cur.year === fy) cur.last = i;
    else years.push({ year: fy, first: i, last: i });
  });
  const annual = items.every((s) => financialYearOf(s.period) === s.period);

  const band = (from: number | null, to: number | null, i: number, fill: string, key: string) =>
    from === null || to === null ? null : (
      <rect
        key={key}
        x={x(i) - step / 2}
        width={step}
        y={y(Math.max(from, to))}
        height={Math.max(1, Math.abs(y(from) - y(to)))}
        fill={fill}
      />
    );

  // Target as a step line (each period's own target across its width).
  const targetSegs = pts
    .map((p, i) => (p.target === null ? null : `M${x(i) - step / 2} ${y(p.target)} H${x(i) + step / 2}`))
    .filter(Boolean)
    .join(' ');
  const bandEdges = pts
    .flatMap((p, i) =>
      [p.low, p.high].map((v) => (v === null ? null : `M${x(i) - step / 2} ${y(v)} H${x(i) + step / 2}`)),
    )
    .filter(Boolean)
    .join(' ');
  // Actuals joined where consecutive periods both have one.
  let actualPath = '';
  pts.forEach((p, i) => {
    if (p.actual === null) return;
    const prev = pts[i - 1];
    actualPath += `${prev && prev.actual !== null ? 'L' : 'M'}${x(i)} ${y(p.actual)} `;
  });

  const withData = pts.filter((p) => p.actual !== null);
  const latest = withData[withData.length - 1];
  const summary = latest
    ? `Latest figure ${periodLabel(latest.s.period)}: ${formatValue(latest.s.actual, unit)}${
        latest.target !== null ? ` against a target of ${formatValue(latest.s.target, unit)}` : ''
      }, ${RAG_LABELS[latest.s.rag]}.`
    : 'No figures have been entered for these years yet.';
  const ragsShown = [...new Set(pts.filter((p) => p.actual !== null).map((p) => p.s.rag))];
  const isYtd = items.some((s) => s.basis === 'ytd');

  return (
    <figure className="gt-chart" data-testid="indicator-chart">
      <div className="gt-chart__scroll" tabIndex={0} role="region" aria-label="Chart of actuals against targets">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${uid}-t ${uid}-d`} preserveAspectRatio="xMidYMid meet">
        <title id={`${uid}-t`}>{`${title}: actuals against targets, ${periodLabel(items[0]!.period)} to ${periodLabel(items[items.length - 1]!.period)}`}</title>
        <desc id={`${uid}-d`}>{`${summary} The table below the chart gives every period's figures.`}</desc>

        {/* gridlines and y axis */}
        {ticks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="#dcdcdc" />
            <text x={M.left - 8} y={y(t) + 5} textAnchor="end" fontSize="14" fill="#383f43">
              {formatValue(String(t), unit)}
            </text>
          </g>
        ))}

        {/* status bands */}
        <g aria-hidden="true">
          {pts.map((p, i) => [
            band(p.target, p.amber, i, 'rgba(244,119,56,0.28)', `a${i}`),
            band(p.low, p.high, i, 'rgba(0,112,60,0.16)', `g${i}`),
            band(p.amberLow, p.low, i, 'rgba(244,119,56,0.28)', `al${i}`),
            band(p.high, p.amberHigh, i, 'rgba(244,119,56,0.28)', `ah${i}`),
          ])}
        </g>

        {/* year separators and x labels */}
        {years.map((yr, k) => (
          <g key={yr.year}>
            {k > 0 ? <line x1={x(yr.first) - step / 2} x2={x(yr.first) - step / 2} y1={M.top} y2={H - M.bottom + 40} stroke="#b1b4b6" strokeDasharray="3 3" /> : null}
            <text x={(x(yr.first) + x(yr.last)) / 2} y={H - 8} textAnchor="middle" fontSize="15" fontWeight="bold" fill="#0b0c0c">
              {periodLabel(yr.year)}
            </text>
          </g>
        ))}
        {!annual
          ? items.map((s, i) =>
              items.length <= 16 || i % 3 === 2 ? (
                <text key={s.period} x={x(i)} y={H - M.bottom + 20} textAnchor="middle" fontSize="13" fill="#383f43">
                  {periodShortLabel(s.period)}
                </text>
              ) : null,
            )
          : null}
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} stroke="#0b0c0c" />

        {/* target and actual lines */}
        {targetSegs ? <path d={targetSegs} fill="none" stroke="#0b0c0c" strokeWidth={2.5} strokeDasharray="8 5" /> : null}
        {bandEdges ? <path d={bandEdges} fill="none" stroke="#00703c" strokeWidth={2} strokeDasharray="8 5" /> : null}
        {actualPath ? <path d={actualPath} fill="none" stroke="#1d70b8" strokeWidth={3} /> : null}

        {/* points: shape and colour by status, lettered */}
        {pts.map((p, i) =>
          p.actual === null ? null : (
            <g key={p.s.period} data-rag={p.s.rag} className="gt-chart-point">
              <title>{`${periodLabel(p.s.period)}: ${formatValue(p.s.actual, unit)}${p.target !== null ? ` against ${formatValue(p.s.target, unit)}` : ''} – ${RAG_LABELS[p.s.rag]}`}</title>
              <Marker rag={p.s.rag} x={x(i)} y={y(p.actual)} />
              <text x={x(i)} y={y(p.actual) - 12} textAnchor="middle" fontSize="13" fontWeight="bold" fill="#0b0c0c">
                {RAG_LETTERS[p.s.rag]}
              </text>
            </g>
          ),
        )}
      </svg>
      </div>
      <figcaption>
        <ul className="gt-legend" aria-label="Key">
          <li>
            <svg width="28" height="12" aria-hidden="true">
              <line x1="0" x2="28" y1="6" y2="6" stroke="#1d70b8" strokeWidth="3" />
            </svg>
            {isYtd ? 'Actual (year to date)' : 'Actual'}
          </li>
          <li>
            <svg width="28" height="12" aria-hidden="true">
              <line x1="0" x2="28" y1="6" y2="6" stroke={bandEdges ? '#00703c' : '#0b0c0c'} strokeWidth="2.5" strokeDasharray="8 5" />
            </svg>
            {bandEdges ? 'Target band (shaded green)' : 'Target'}
          </li>
          <li>
            <span className="gt-swatch" style={{ background: 'rgba(244,119,56,0.28)' }} aria-hidden="true" />
            Amber band (within tolerance)
          </li>
          {ragsShown.map((r) => (
            <li key={r} className={`gt-rag-head gt-rag-head--${r}`}>
              <RagIcon rag={r} />
              {RAG_LETTERS[r]} = {RAG_LABELS[r]}
            </li>
          ))}
        </ul>
        <p className="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">{summary} The period table below gives the same figures.</p>
      </figcaption>
    </figure>
  );
}
