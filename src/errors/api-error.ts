// The error handlers throw. It carries a catalogue entry and the details of this occurrence;
// the root error handler turns it into application/problem+json.
import type { ProblemType } from './catalogue.js';

export interface Violation {
  in: 'body' | 'path' | 'query' | 'header';
  pointer: string;
  message: string;
}

/** What stops a change: the dependent records (how many, and the ids of the first few). */
export interface BlockedBy {
  resource: string;
  total: number;
  ids: string[];
}

/** What a refused status change asked for, and what the current status allows. */
export interface RefusedTransition {
  from: string;
  to: string;
  allowed: string[];
}

export class ApiError extends Error {
  readonly statusCode: number;

  constructor(
    readonly problem: ProblemType,
    readonly detail: string,
    readonly options: { errors?: Violation[]; headers?: Record<string, string>; blockedBy?: BlockedBy; transition?: RefusedTransition } = {},
  ) {
    super(`${problem.code}: ${detail}`);
    this.name = 'ApiError';
    this.statusCode = problem.status;
  }
}
