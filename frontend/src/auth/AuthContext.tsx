import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'react-router';
import { api, unwrap } from '../api/client';
import { keys, useMe } from '../api/queries';
import type { Me } from '../api/types';
import { endSession, getToken, onSessionEnd, saveToken } from './session';

interface AuthValue {
  token: string | null;
  me: Me | undefined;
  meLoading: boolean;
  meError: unknown;
  signIn(username: string, password: string): Promise<void>;
  signOut(): void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => getToken());
  const queryClient = useQueryClient();
  const location = useLocation();
  const meQuery = useMe(!!token);

  // A 401 anywhere (or signing out) ends the session; RequireAuth then sends the user to
  // sign-in with the way back to where they were.
  useEffect(
    () =>
      onSessionEnd(() => {
        setToken(null);
        queryClient.removeQueries({ queryKey: keys.me });
      }),
    [queryClient],
  );

  // The token may have run out while the tab was idle.
  useEffect(() => {
    if (token && !getToken()) endSession('expired');
  }, [location.pathname, token]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const result = await api.POST('/api/v1/auth/token', {
        body: { grant_type: 'password', username, password },
        bodySerializer: (body) => {
          const form = new URLSearchParams();
          for (const [k, v] of Object.entries(body)) if (v !== null && v !== undefined) form.set(k, String(v));
          return form;
        },
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      const issued = unwrap(result);
      saveToken(issued.access_token, issued.expires_in);
      queryClient.clear();
      setToken(issued.access_token);
    },
    [queryClient],
  );

  const signOut = useCallback(() => {
    // RequireAuth takes the user to the sign-in page, saying they have signed out.
    endSession('signed-out');
    queryClient.clear();
    setToken(null);
  }, [queryClient]);

  const value = useMemo<AuthValue>(
    () => ({
      token,
      me: token ? meQuery.data : undefined,
      meLoading: !!token && meQuery.isPending,
      meError: meQuery.error,
      signIn,
      signOut,
    }),
    [token, meQuery.data, meQuery.isPending, meQuery.error, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user (only inside RequireAuth). */
export function useCurrentUser(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useCurrentUser outside RequireAuth');
  return me;
}
