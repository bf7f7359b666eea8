import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/problem';
import { filenameFrom, saveBlob } from '../../lib/download';

export function useDownload() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(fetcher: () => Promise<{ data?: Blob; error?: unknown; response: Response }>, fallbackName: string) {
    setBusy(true);
    setError(null);
    try {
      const { data, response } = await fetcher();
      if (!response.ok || !data) throw new ApiError(response.status, { status: response.status, title: `The download failed (${response.status}).` });
      saveBlob(data, filenameFrom(response.headers.get('Content-Disposition'), fallbackName));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
