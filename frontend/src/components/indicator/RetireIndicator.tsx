import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap, versionTag } from '../../api/client';
import { keys } from '../../api/queries';
import { ApiError, errorMessage } from '../../api/problem';
import type { Indicator } from '../../api/types';

export function RetireIndicator({ indicator }: { indicator: Indicator }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function retire() {
    setError(null);
    try {
      const saved = unwrap(
        await api.POST('/api/v1/indicators/{indicator_id}/retire', {
          params: { path: { indicator_id: indicator.id } },
          headers: { 'If-Match': versionTag(indicator.version) },
        }),
      );
      queryClient.setQueryData(keys.indicator(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['indicators'] });
      void queryClient.invalidateQueries({ queryKey: ['status'] });
      navigate(`/indicators/${saved.id}`);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 412 ? 'Someone else changed this indicator; reload the page first.' : errorMessage(err));
    }
  }
  return (
    <>
      <h2 className="govuk-heading-m govuk-!-margin-top-6">Retire this indicator</h2>
      <p className="govuk-body">A retired indicator leaves the active register and dashboards. Its figures and history are kept.</p>
      {error ? <p className="govuk-error-message">{error}</p> : null}
      {confirm ? (
        <div className="govuk-button-group">
          <button type="button" className="govuk-button govuk-button--warning" onClick={() => void retire()}>
            Yes, retire {indicator.code}
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirm(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirm(true)}>
          Retire {indicator.code}
        </button>
      )}
    </>
  );
}
