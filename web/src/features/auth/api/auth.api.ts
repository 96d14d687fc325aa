import type { ChangePasswordRequest, LoginResponse, MeResponse, TokenPair, UpdatePreferencesRequest } from '@mw/shared';
import { api, getJson } from '../../../api/http';
import { session } from '../../../api/session';

export async function login(email: string, password: string): Promise<LoginResponse> {
  const { data } = await getJson<LoginResponse>('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  session.setTokens(data.accessToken, data.refreshToken);
  return data;
}

/** Revokes the refresh token on the server when possible; the local session ends whatever the answer. */
export async function logout(): Promise<void> {
  const refreshToken = session.refreshToken() ?? undefined;
  try {
    await api<void>('POST', '/api/auth/logout', { refreshToken });
  } finally {
    session.clear();
  }
}

export function fetchMe(): Promise<MeResponse> {
  return api<MeResponse>('GET', '/api/me');
}

export function updatePreferences(body: UpdatePreferencesRequest): Promise<unknown> {
  return api<unknown>('PATCH', '/api/me/preferences', body);
}

export async function changePassword(body: ChangePasswordRequest): Promise<void> {
  const pair = await api<TokenPair>('POST', '/api/auth/change-password', body);
  if (pair?.accessToken) session.setTokens(pair.accessToken, pair.refreshToken);
}
