import { useId } from 'react';
import { progressText, type UploadProgress } from '../../lib/upload';
import type { Phase } from './importState';

export function UploadStatus({ phase, progress }: { phase: Phase; progress: UploadProgress | null }) {
  const id = useId();
  const sending = phase !== 'idle' && progress;
  const uploaded = !!progress?.total && progress.loaded >= progress.total;
  const words = phase === 'idle' ? '' : uploaded ? (phase === 'checking' ? 'File sent: checking it…' : 'File sent: importing…') : phase === 'checking' ? 'Sending the file to be checked…' : 'Sending the file to be imported…';
  return (
    <div className="gt-upload-status">
      {/* Announced once per step, not at every percent. */}
      <p className="govuk-body govuk-!-margin-bottom-1" role="status" aria-live="polite" id={`${id}-label`}>
        {words}
      </p>
      {sending ? (
        <>
          <progress
            className="gt-upload-progress"
            aria-labelledby={`${id}-label`}
            max={progress.total ?? undefined}
            value={progress.total ? progress.loaded : undefined}
            data-testid="upload-progress"
          />
          <p className="govuk-body-s gt-muted" aria-hidden="true">
            {progressText(progress)}
          </p>
        </>
      ) : null}
    </div>
  );
}
