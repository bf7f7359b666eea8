import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { unwrap, versionTag } from '../../api/client';
import { planningKeys } from '../../api/planning';
import { ApiError, errorMessage } from '../../api/problem';
import type { Commitment } from '../../api/planningTypes';
import { type Conflict, currentAs, readConflict } from '../../lib/conflict';

type Result = { ok: true; text: string } | { ok: false; text: string };

/** Every change answers the whole commitments; each sends If-Match with the version shown. */
export function useCommitmentChange(commitment: Commitment | undefined) {
  const queryClient = useQueryClient();
  const [result, setResult] = useState<Result | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [busy, setBusy] = useState(false);
  async function change(
    run: (headers: { 'If-Match': string }) => Promise<{ data?: Commitment; error?: unknown; response: Response }>,
    done: string,
  ): Promise<boolean> {
    if (!commitment) return false;
    setBusy(true);
    setResult(null);
    setConflict(null);
    try {
      const saved = unwrap(await run({ 'If-Match': versionTag(commitment.version) }));
      queryClient.setQueryData(planningKeys.commitment(commitment.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['commitments', 'list'] });
      setResult({ ok: true, text: done });
      return true;
    } catch (err) {
      const lost = readConflict(err);
      if (lost) {
        setConflict(lost);
      } else if (err instanceof ApiError && err.fieldErrors.length) {
        setResult({ ok: false, text: err.fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; ') });
      } else {
        setResult({ ok: false, text: errorMessage(err) });
      }
      return false;
    } finally {
      setBusy(false);
    }
  }
  const reload = () => {
    setResult(null);
    if (commitment) {
      // The 412 carries the commitments as their GET answers them; fetch only if it did not.
      const given = currentAs<Commitment>(conflict, commitment.id, ['quadrants', 'reviews', 'signed_off']);
      if (given) queryClient.setQueryData(planningKeys.commitment(commitment.id), given);
      else void queryClient.invalidateQueries({ queryKey: planningKeys.commitment(commitment.id) });
    }
    setConflict(null);
  };
  return { change, result, conflict, busy, reload };
}
