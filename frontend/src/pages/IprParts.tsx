/** Building blocks shared by the sections of the integrated performance report. */
import type { ReactNode } from 'react';
import { formatValue, roundDecimal } from '../lib/format';

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(`${iso}T12:00:00`);
  return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
}

export function Section({ id, title, page, children }: { id: string; title: string; page?: boolean; children: ReactNode }) {
  return (
    <section className={`gt-report-section${page ? ' gt-report-section--page' : ''}`} aria-labelledby={`${id}-title`} data-testid={`ipr-${id}`}>
      <h2 className="govuk-heading-l" id={`${id}-title`}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A table that scrolls inside its own region on a narrow screen. */
export function TableWrap({ label, wide, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className="gt-table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table className={`govuk-table gt-report-table${wide ? ' gt-wide-table' : ''}`}>{children}</table>
    </div>
  );
}

export const value = (v: string | null | undefined, unit: Parameters<typeof formatValue>[1], places: number) =>
  formatValue(v === null || v === undefined ? v : roundDecimal(v, places), unit);

export function Facts({ children }: { children: ReactNode }) {
  return <div className="gt-exception__facts">{children}</div>;
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <span>
      <span className="gt-fact-label">{label}</span> {children}
    </span>
  );
}

