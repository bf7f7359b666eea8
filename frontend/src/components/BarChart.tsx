import { useId } from 'react';
import type { Rag } from '../api/types';
import { RAG_COLOURS } from '../lib/rag';
import { barLayout, type Bar } from '../lib/charts';

export type { Bar };

const ROW = 30;
const LABEL_W = 190;
const VALUE_W = 130;
const W = 640;

/**
 * Horizontal bars, one row per category, each labelled with its name and value in text (so the
 * chart never rests on colour or length alone). The picture is hidden from screen readers; the
 * same figures are in the list that follows it, which is its text equivalent.
 */
export function BarChart({
  title,
  bars,
  note,
  testId,
}: {
  title: string;
  bars: Bar[];
  note?: string;
  testId?: string;
}) {
  const uid = useId().replace(/:/g, '');
  const rows = barLayout(bars, W - LABEL_W - VALUE_W);
  const h = rows.length * ROW + 8;
  return (
    <figure className="gt-bars" data-testid={testId} aria-labelledby={`${uid}-cap`}>
      <figcaption id={`${uid}-cap`} className="gt-bars__title">
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${h}`} aria-hidden="true" focusable="false" className="gt-bars__svg">
        {rows.map((r, i) => {
          const y = 4 + i * ROW;
          return (
            <g key={r.label}>
              <text x={LABEL_W - 8} y={y + ROW / 2 + 5} textAnchor="end" fontSize="15" fill="#0b0c0c">
                {r.label}
              </text>
              <rect
                x={LABEL_W + Math.min(r.x0, r.x1)}
                y={y + 4}
                width={Math.max(r.x1 - r.x0 === 0 ? 0 : 2, Math.abs(r.x1 - r.x0))}
                height={ROW - 10}
                fill={r.rag ? RAG_COLOURS[r.rag as Rag] : '#1d70b8'}
                stroke="#0b0c0c"
                strokeWidth={r.rag === 'amber' ? 1 : 0}
              />
              <text x={LABEL_W + Math.max(r.x0, r.x1) + 6} y={y + ROW / 2 + 5} fontSize="15" fontWeight="bold" fill="#0b0c0c">
                {r.display}
              </text>
            </g>
          );
        })}
        {rows.some((r) => r.x0 !== 0) ? (
          <line x1={LABEL_W + (rows[0]?.zero ?? 0)} x2={LABEL_W + (rows[0]?.zero ?? 0)} y1={0} y2={h} stroke="#0b0c0c" />
        ) : null}
      </svg>
      <ul className="govuk-visually-hidden" aria-label={`${title}: the figures`}>
        {rows.map((r) => (
          <li key={r.label}>
            {r.label}: {r.display}
          </li>
        ))}
      </ul>
      {note ? <p className="govuk-body-s govuk-!-margin-bottom-0">{note}</p> : null}
    </figure>
  );
}
