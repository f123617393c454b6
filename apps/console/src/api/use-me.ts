import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { OperationId } from './access.gen';
import { mayCall, permissionsOf } from './access';
import { api, ok } from './client';
import type { Me } from './types';

/** The caller and what they may do. */
export interface Caller {
  readonly me: Me | undefined;
  /** Whether a call can succeed for some target; false while `me` loads. */
  readonly can: (operation: OperationId) => boolean;
}

/** `GET /auth/me`, once per session, with a `can` that hides what the caller's roles cannot do. */
export function useCaller(): Caller {
  const query = useQuery({ queryKey: ['me'], queryFn: () => ok(api.GET('/api/v1/auth/me')), staleTime: 5 * 60_000 });
  const me = query.data;
  return useMemo(() => {
    const held = permissionsOf(me?.grants ?? []);
    return { me, can: (operation: OperationId) => me !== undefined && mayCall(held, operation) };
  }, [me]);
}
