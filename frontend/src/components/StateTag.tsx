/** A state (done, overdue, due soon…) as a shape and words: never colour alone. */
const STATUS_CLASS: Record<string, string> = {
  done: 'gt-state--done',
  received: 'gt-state--done',
  missed: 'gt-state--late',
  overdue: 'gt-state--late',
  due_soon: 'gt-state--soon',
};

const STATUS_SHAPE: Record<string, string> = {
  done: '✓',
  received: '✓',
  missed: '!',
  overdue: '!',
  due_soon: '◷',
};

export function StateTag({ status, label }: { status: string; label: string }) {
  return (
    <strong className={`gt-state ${STATUS_CLASS[status] ?? 'gt-state--due'}`} data-status={status}>
      <span aria-hidden="true" className="gt-state__shape">
        {STATUS_SHAPE[status] ?? '○'}
      </span>
      {label}
    </strong>
  );
}
