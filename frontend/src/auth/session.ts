/**
 * The access token lives in sessionStorage (per tab, gone when the tab closes), never in
 * localStorage. Listeners hear when the session ends: signed out, or expired (a 401).
 */
const KEY = 'gt.session';
const EXPIRED_KEY = 'gt.session.expired';

interface Stored {
  token: string;
  expiresAt: number;
}

export type EndReason = 'signed-out' | 'expired';
type Listener = (reason: EndReason) => void;

const listeners = new Set<Listener>();
let lastEnd: EndReason | null = null;

/** How the last session in this tab ended, if it did. */
export function lastEndReason(): EndReason | null {
  return lastEnd;
}

function read(): Stored | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Stored>;
    if (typeof parsed.token !== 'string' || typeof parsed.expiresAt !== 'number') return null;
    return { token: parsed.token, expiresAt: parsed.expiresAt };
  } catch {
    return null;
  }
}

export function getToken(): string | null {
  const s = read();
  if (!s) return null;
  if (s.expiresAt <= Date.now()) return null;
  return s.token;
}

/** True when a token was stored but has run out (the user was signed in before). */
export function hadExpiredSession(): boolean {
  const s = read();
  return (!!s && s.expiresAt <= Date.now()) || sessionStorage.getItem(EXPIRED_KEY) === '1';
}

export function saveToken(token: string, expiresInSeconds: number): void {
  sessionStorage.setItem(KEY, JSON.stringify({ token, expiresAt: Date.now() + expiresInSeconds * 1000 }));
  sessionStorage.removeItem(EXPIRED_KEY);
  lastEnd = null;
}

export function endSession(reason: EndReason): void {
  const had = read() !== null;
  sessionStorage.removeItem(KEY);
  if (reason === 'expired' && had) sessionStorage.setItem(EXPIRED_KEY, '1');
  if (reason === 'signed-out') sessionStorage.removeItem(EXPIRED_KEY);
  if (had) lastEnd = reason;
  if (had) listeners.forEach((l) => l(reason));
}

export function onSessionEnd(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Only same-site paths are followed after sign-in (no open redirects). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/sign-in')) return '/';
  return next;
}
