import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { vi } from 'vitest';
import { AuthProvider } from '../auth/AuthContext';
import { saveToken } from '../auth/session';
import type { Me } from '../api/types';

export interface Call {
  method: string;
  path: string;
  search: URLSearchParams;
  headers: Headers;
  body: unknown;
}

type Handler = (call: Call) => { status?: number; body?: unknown; headers?: Record<string, string> } | undefined;

/** Stub fetch with a table of "METHOD /path" handlers; unmatched requests fail the test loudly. */
export function mockApi(routes: Record<string, Handler | object>) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: Request) => {
    const url = new URL(input.url);
    let body: unknown = undefined;
    const text = input.method === 'GET' ? '' : await input.text();
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const call: Call = { method: input.method, path: url.pathname, search: url.searchParams, headers: input.headers, body };
    calls.push(call);
    const route = routes[`${input.method} ${url.pathname}`];
    if (route === undefined) {
      return new Response(JSON.stringify({ title: 'Not found', status: 404, detail: `no mock for ${input.method} ${url.pathname}` }), {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    }
    const result = typeof route === 'function' ? (route as Handler)(call) : { body: route };
    if (result === undefined) throw new TypeError('Failed to fetch');
    const status = result.status ?? 200;
    const problem = status >= 400;
    return new Response(result.body === undefined ? null : JSON.stringify(result.body), {
      status,
      headers: { 'Content-Type': problem ? 'application/problem+json' : 'application/json', ...(result.headers ?? {}) },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export const ME: Record<string, Me> = {
  perf: { kind: 'user', id: 3, name: 'Pat Performance', organisation_id: 1, role: 'performance', scopes: [], username: 'perf', org_unit_id: null, email: null },
  owner: { kind: 'user', id: 4, name: 'Priya Shah', organisation_id: 1, role: 'contributor', scopes: [], username: 'owner', org_unit_id: 16, email: null },
  viewer: { kind: 'user', id: 5, name: 'Cllr Margaret Ellison', organisation_id: 1, role: 'viewer', scopes: [], username: 'viewer', org_unit_id: null, email: null },
};

export function signedIn() {
  saveToken('test-token', 3600);
}

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

export function renderApp(ui: ReactNode, { path = '/', route = '/' }: { path?: string; route?: string } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[route]}>
        <AuthProvider>
          <Routes>
            <Route path={path} element={ui} />
            <Route path="/sign-in" element={<p>Sign-in page</p>} />
            <Route path="*" element={<p>Elsewhere</p>} />
          </Routes>
          <LocationProbe />
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}
