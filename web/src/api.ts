import { navigate } from './router';
import type { Session } from './types';

// Every call to /api/v1 goes through here: one place for the CSRF header, the error shape
// ({ error: { code, message } }) and the 401 → sign-in redirect.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrf = '';
export const setCsrf = (token: string): void => {
  csrf = token;
};

// The app marks its session signed out, so the sign-in page does not bounce straight back.
let onUnauthorized = (): void => undefined;
export const setUnauthorizedHandler = (fn: () => void): void => {
  onUnauthorized = fn;
};

function signInRedirect(): void {
  const here = window.location.pathname + window.location.search;
  onUnauthorized();
  if (window.location.pathname === '/signin') return;
  navigate(`/signin?next=${encodeURIComponent(here)}`, { replace: true });
}

async function parse(res: Response, redirectOn401: boolean): Promise<unknown> {
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    if (res.ok)
      throw new ApiError(res.status, 'internal', 'the server answered something that is not JSON', text);
  }
  if (res.ok) return body;
  const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
  if (res.status === 401 && redirectOn401) signInRedirect();
  throw new ApiError(res.status, err?.code ?? 'internal', err?.message ?? `HTTP ${res.status}`, body);
}

export function apiUrl(path: string, query?: URLSearchParams): string {
  const q = query?.toString();
  return `/api/v1${path}${q ? `?${q}` : ''}`;
}

export async function apiGet<T>(path: string, query?: URLSearchParams, signal?: AbortSignal): Promise<T> {
  const res = await fetch(apiUrl(path, query), {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    ...(signal ? { signal } : {}),
  });
  return (await parse(res, path !== '/session')) as T;
}

export async function apiSend<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'X-CSRF-Token': csrf };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(apiUrl(path), {
    method,
    credentials: 'same-origin',
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return (await parse(res, path !== '/session')) as T;
}

export const getSession = (): Promise<Session> => apiGet<Session>('/session');
