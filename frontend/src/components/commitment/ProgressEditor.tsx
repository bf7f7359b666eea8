import { useState } from 'react';
import type { CommitmentItem } from '../../api/planningTypes';
import { TextAreaField } from '../Fields';

export function ProgressEditor({
  item,
  quadrantLabel,
  mayEdit,
  busy,
  onSave,
}: {
  item: CommitmentItem;
  quadrantLabel: string;
  mayEdit: boolean;
  busy: boolean;
  onSave(progress: string): Promise<boolean>;
}) {
  const [text, setText] = useState(item.progress);
  // Follow a newly loaded version only while the user has not typed over the old one.
  const [base, setBase] = useState(item.progress);
  if (item.progress !== base) {
    setBase(item.progress);
    if (text === base) setText(item.progress);
  }
  if (!mayEdit) return null;
  const name = item.indicator_text || item.outcome.slice(0, 60) || `row ${item.id}`;
  return (
    <details className="govuk-details govuk-!-margin-bottom-2">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          Update progress: {name}
          <span className="govuk-visually-hidden"> ({quadrantLabel})</span>
        </span>
      </summary>
      <div className="govuk-details__text">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void onSave(text);
          }}
          noValidate
        >
          <TextAreaField id={`progress-${item.id}`} label={`Progress on ${name}`} rows={3} maxLength={8000} value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={busy}>
            Save progress
          </button>
        </form>
      </div>
    </details>
  );
}
