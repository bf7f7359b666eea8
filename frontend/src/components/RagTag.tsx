import type { Rag, Trend } from '../api/types';
import { RAG_LABELS, TREND_LABELS } from '../lib/rag';

/** The shape of each status, drawn in a 12×12 box: never colour alone. */
export function RagIcon({ rag, size = 12 }: { rag: Rag; size?: number }) {
  let shape;
  switch (rag) {
    case 'green':
      shape = <circle cx="6" cy="6" r="5.5" />;
      break;
    case 'amber':
      shape = <path d="M6 0.5 L11.8 11.3 H0.2 Z" />;
      break;
    case 'red':
      shape = <path d="M6 0 L12 6 L6 12 L0 6 Z" />;
      break;
    case 'no_data':
      shape = <circle cx="6" cy="6" r="4.6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeDasharray="2.4 1.6" />;
      break;
    case 'no_target':
      shape = <rect x="1" y="1" width="10" height="10" fill="none" stroke="currentColor" strokeWidth="1.8" />;
      break;
    default:
      shape = <rect x="0.5" y="4.8" width="11" height="2.4" />;
  }
  return (
    <svg className="gt-rag__icon" width={size} height={size} viewBox="0 0 12 12" aria-hidden="true" focusable="false" fill="currentColor">
      {shape}
    </svg>
  );
}

export function RagTag({ rag, prefix }: { rag: Rag; prefix?: string }) {
  return (
    <strong className={`gt-rag gt-rag--${rag}`} data-rag={rag}>
      <RagIcon rag={rag} />
      {prefix ? <span className="govuk-visually-hidden">{prefix} </span> : null}
      {RAG_LABELS[rag]}
    </strong>
  );
}

const TREND_ARROWS: Record<Trend, string> = {
  improving: '↑',
  worsening: '↓',
  no_change: '→',
  not_comparable: '·',
  not_applicable: '·',
};

export function TrendTag({ trend }: { trend: Trend }) {
  return (
    <span className={`gt-trend gt-trend--${trend}`}>
      <span aria-hidden="true" className="gt-trend__arrow">
        {TREND_ARROWS[trend]}
      </span>
      {TREND_LABELS[trend]}
    </span>
  );
}
