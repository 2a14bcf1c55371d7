// Events (issue #17): the catalog, the outbox writer and the publisher. Services call emitEvent in
// the transaction of their change; see lib/events/outbox.ts and README "Events and webhooks".
import type { User } from '@/lib/db/generated/client';
import type { EventUser } from './catalog';

export { EVENT_CATALOG, EVENT_TYPES, isEventType, type EventData, type EventType, type EventEnvelope } from './catalog';
export { emitEvent, emitEvents, publishEvents, toEnvelope, type EventActor } from './outbox';

/** The user as events describe them (no hashes, no secrets). */
export function eventUserOf(user: Pick<User, 'id' | 'email' | 'emailVerified' | 'firstName' | 'lastName' | 'locale' | 'isActive'>): EventUser {
  return {
    authId: user.id,
    email: user.email,
    emailVerified: user.emailVerified,
    firstName: user.firstName,
    lastName: user.lastName,
    locale: user.locale,
    isActive: user.isActive,
  };
}
