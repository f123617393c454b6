import type { Clock } from '@ward/core';

/** The wall clock. Only the composition root uses it; tests pass a fixed clock instead. */
export const systemClock: Clock = {
  now: () => new Date(),
};
