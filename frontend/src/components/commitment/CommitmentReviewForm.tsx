import { useState } from 'react';
import type { ReviewKind } from '../../api/planningTypes';
import { SelectField, TextAreaField, TextField } from '../Fields';
import { todayIso } from '../../lib/planning';

export function CommitmentReviewForm({
  done,
  busy,
  onRecord,
}: {
  done: ReviewKind[];
  busy: boolean;
  onRecord(body: { kind: ReviewKind; held_on: string; comments: string }): Promise<boolean>;
}) {
  const open = (['september', 'january'] as ReviewKind[]).filter((k) => !done.includes(k));
  const [kind, setKind] = useState<ReviewKind | ''>(open[0] ?? '');
  const [heldOn, setHeldOn] = useState(todayIso());
  const [comments, setComments] = useState('');
  if (!open.length) return null;
  return (
    <section aria-labelledby="review-title" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-l" id="review-title">
        Record a review
      </h2>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!kind) return;
          if (await onRecord({ kind, held_on: heldOn, comments })) setComments('');
        }}
        noValidate
        className="govuk-!-width-two-thirds"
      >
        <SelectField id="review-kind" label="Review" value={kind} onChange={(e) => setKind(e.target.value as ReviewKind)}>
          {open.map((k) => (
            <option key={k} value={k}>
              {k === 'september' ? 'September review' : 'January review'}
            </option>
          ))}
        </SelectField>
        <TextField id="review-held" type="date" label="Date held" width="govuk-input--width-10" max={todayIso()} value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
        <TextAreaField id="review-comments" label="Comments" rows={3} maxLength={8000} value={comments} onChange={(e) => setComments(e.target.value)} />
        <button type="submit" className="govuk-button" disabled={busy}>
          Record the review
        </button>
      </form>
    </section>
  );
}
