// The handler map: one stateful handler per operationId of the spec.
import * as customers from './customers.js';
import type { HandlerMap } from './handler.js';
import * as installations from './installations.js';

export const handlers: HandlerMap = { ...customers, ...installations };
