/** Time is a port so tests and demos can fix or shift it (docs/design/architecture.md rule 8). */
export interface Clock {
  /** The current instant. */
  now(): Date;
}
