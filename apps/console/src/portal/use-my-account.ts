import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';

/** `GET /api/v1/me`: the person signed in and the enrollment rules for them, once per session. */
export function useMyAccount() {
  return useQuery({ queryKey: ['me', 'account'], queryFn: () => ok(api.GET('/api/v1/me')), staleTime: 60_000 });
}
