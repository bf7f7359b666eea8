import type { ClientScope } from '../../api/types';

export const SCOPES: { value: ClientScope; label: string; hint: string }[] = [
  { value: 'laa:read', label: 'Read the Local Area Agreement feed', hint: 'laa:read – the LAA indicators, targets, outturns and status' },
  { value: 'indicators:read', label: 'Read shared indicators', hint: 'indicators:read – indicators shared with partners, with their figures' },
  { value: 'outturns:write', label: 'Submit outturns', hint: 'outturns:write – only for indicators the partner organisation leads' },
];

export const GRACE: { minutes: number; label: string }[] = [
  { minutes: 60, label: 'for 1 hour' },
  { minutes: 24 * 60, label: 'for 1 day' },
  { minutes: 7 * 24 * 60, label: 'for 1 week' },
  { minutes: 0, label: 'stops working at once' },
];
