import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, toProblem } from '../api/problem';
import { ConflictNotice } from '../components/ConflictNotice';
import { conflictHeadline, currentAs, readConflict } from './conflict';

const stale = (current: unknown) =>
  new ApiError(412, toProblem(412, { type: 'about:blank', title: 'Precondition Failed', status: 412, detail: 'Plan 3 has changed', current }));

describe('readConflict', () => {
  it('reads who changed the record, when, and its version from a 412', () => {
    const c = readConflict(stale({ id: 3, version: 5, status: 'approved', updated_at: '2027-03-03T10:15:00Z', updated_by_name: 'Sam Jones' }));
    expect(c).toMatchObject({ who: 'Sam Jones', at: '2027-03-03T10:15:00Z', version: 5 });
    expect(c?.current?.status).toBe('approved');
  });

  it('copes with a 412 that carries nothing, and ignores other errors', () => {
    expect(readConflict(stale(null))).toEqual({ who: null, at: null, version: null, current: null });
    expect(readConflict(new ApiError(422, toProblem(422, { detail: 'bad' })))).toBeNull();
    expect(readConflict(new Error('x'))).toBeNull();
  });
});

describe('conflictHeadline', () => {
  it('names who changed it, or says someone else', () => {
    const c = readConflict(stale({ id: 3, version: 5, updated_by_name: 'Sam Jones' }))!;
    expect(conflictHeadline(c, 'this plan')).toBe('Sam Jones changed this plan after you opened it.');
    expect(conflictHeadline({ ...c, who: null }, 'progress on this action', 'reported')).toBe('Someone else reported progress on this action after you opened it.');
  });
});

describe('currentAs', () => {
  it('uses current only when it is the same record in the page’s shape', () => {
    const c = readConflict(stale({ id: 3, version: 5, status: 'approved', next_statuses: [] }));
    expect(currentAs<{ id: number }>(c, 3, ['status', 'next_statuses'])).toMatchObject({ id: 3, version: 5 });
    expect(currentAs(c, 4)).toBeNull();
    expect(currentAs(c, 3, ['quadrants'])).toBeNull();
    expect(currentAs(readConflict(stale(null)), 3)).toBeNull();
  });
});

describe('ConflictNotice', () => {
  it('is an alert that takes focus, names who changed it and offers their version', async () => {
    const onLoad = vi.fn();
    const c = readConflict(stale({ id: 3, version: 5, updated_by_name: 'Sam Jones' }))!;
    render(<ConflictNotice conflict={c} what="this appraisal" onLoad={onLoad} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveFocus();
    expect(alert).toHaveTextContent('Sam Jones changed this appraisal after you opened it.');
    expect(alert).toHaveTextContent('What you typed is still in the form');
    await userEvent.click(screen.getByRole('button', { name: 'Load the current version' }));
    expect(onLoad).toHaveBeenCalledOnce();
  });
});
