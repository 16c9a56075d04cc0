export { DomainEvents } from './event-bus.js';
export { domainEvent, type DomainEvent, type DomainEventMap, type DomainEventName } from './catalogue.js';
