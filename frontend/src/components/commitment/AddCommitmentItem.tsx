import { useState, type FormEvent } from 'react';
import type { CommitmentItemCreate, Quadrant } from '../../api/planningTypes';
import { SelectField, TextAreaField, TextField } from '../Fields';
import { IMPACT_WORDS, LIKELIHOOD_WORDS } from '../../lib/heatMap';

const EMPTY_ITEM = { indicator_text: '', outcome: '', evidence: '', action_plan: '', risk_impact: '', risk_likelihood: '', progress: '' };

export function AddCommitmentItem({
  quadrant,
  position,
  label,
  busy,
  onAdd,
}: {
  quadrant: Quadrant;
  position: number;
  label: string;
  busy: boolean;
  onAdd(body: CommitmentItemCreate): Promise<boolean>;
}) {
  const [v, setV] = useState(EMPTY_ITEM);
  const set = (k: keyof typeof EMPTY_ITEM) => (e: { target: { value: string } }) => setV((x) => ({ ...x, [k]: e.target.value }));
  const id = (k: string) => `add-${quadrant}-${k}`;
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await onAdd({
      quadrant,
      position,
      indicator_text: v.indicator_text,
      outcome: v.outcome,
      evidence: v.evidence,
      action_plan: v.action_plan,
      progress: v.progress,
      risk_impact: v.risk_impact ? Number(v.risk_impact) : null,
      risk_likelihood: v.risk_likelihood ? Number(v.risk_likelihood) : null,
    });
    if (ok) setV(EMPTY_ITEM);
  }
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Add a row to {label}</span>
      </summary>
      <div className="govuk-details__text">
        <form onSubmit={submit} noValidate aria-label={`Add a row to ${label}`}>
          <TextField id={id('indicator')} label="Indicator" value={v.indicator_text} maxLength={300} onChange={set('indicator_text')} />
          <TextAreaField id={id('outcome')} label="Outcome or issue" rows={2} value={v.outcome} onChange={set('outcome')} />
          <TextAreaField id={id('evidence')} label="Source or evidence" rows={2} value={v.evidence} onChange={set('evidence')} />
          <TextAreaField id={id('plan')} label="Action or improvement plan" rows={2} value={v.action_plan} onChange={set('action_plan')} />
          <SelectField id={id('impact')} label="Risk impact" value={v.risk_impact} onChange={set('risk_impact')}>
            <option value="">Not scored</option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={String(n)}>
                {n}: {IMPACT_WORDS[n]}
              </option>
            ))}
          </SelectField>
          <SelectField id={id('likelihood')} label="Risk likelihood" value={v.risk_likelihood} onChange={set('risk_likelihood')}>
            <option value="">Not scored</option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={String(n)}>
                {n}: {LIKELIHOOD_WORDS[n]}
              </option>
            ))}
          </SelectField>
          <TextAreaField id={id('progress')} label="Progress comments" rows={2} value={v.progress} onChange={set('progress')} />
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={busy}>
            Add the row
          </button>
        </form>
      </div>
    </details>
  );
}
