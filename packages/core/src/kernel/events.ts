import type { TenantId } from './brand.js';

/**
 * Something that happened, told to whoever listens (push wake-ups, cache invalidation, group
 * re-evaluation). Events are hints that carry ids, not state: a listener reads the current state.
 */
export interface DomainEvent {
  /** `noun.verb`: `device.changed`, `user.changed`, `group.ruleChanged`. */
  readonly type: string;
  readonly tenantId: TenantId;
  /** The id of what the event is about. */
  readonly subject: string;
  readonly data?: Readonly<Record<string, string | number | boolean | null>>;
}

/** Publishing inside a transaction: events are delivered after, and only if, it commits. */
export interface EventPublisher {
  /** Queues the event for delivery on commit. */
  publish(event: DomainEvent): void;
}

/** Listening to events from this process and, on PostgreSQL, from every other server process. */
export interface EventSubscriber {
  /** Calls `handler` for each event of `type` (`*` for all); returns the unsubscribe function. */
  subscribe(type: string, handler: (event: DomainEvent) => void): () => void;
}

/** A job to run later, at least once, on whichever server process claims it first. */
export interface JobRequest {
  readonly kind: string;
  readonly tenantId: TenantId;
  readonly payload: Readonly<Record<string, unknown>>;
  /** Earliest start; now when absent. */
  readonly runAt?: Date;
  /** A second request with the same key while one is waiting is dropped (debouncing). */
  readonly uniqueKey?: string;
}

/** Enqueuing jobs inside a transaction: they become visible when it commits. */
export interface JobEnqueuer {
  /** Adds a job; returns false when a waiting job has the same unique key. */
  enqueue(job: JobRequest): Promise<boolean>;
}
