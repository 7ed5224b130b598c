import type { Actor } from '../core/actor.js';
import type { GardienContext } from '../schema/context.js';
import type { Services } from './services.js';

/** The GraphQL context of one request: who asks, and the services resolvers use. */
export function createContext(services: Services, actor: Actor | null): GardienContext {
  return { actor, services };
}
