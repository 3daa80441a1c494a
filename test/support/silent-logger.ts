import type { Logger } from '../../src/ports/logger';

export interface LogLine {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps lines in memory, so tests can check what was (and was not) logged. */
export class MemoryLogger implements Logger {
  constructor(readonly lines: LogLine[] = [], private readonly base: Record<string, unknown> = {}) {}

  debug(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'debug', fields: { ...this.base, ...fields }, message });
  }
  info(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'info', fields: { ...this.base, ...fields }, message });
  }
  warn(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'warn', fields: { ...this.base, ...fields }, message });
  }
  error(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'error', fields: { ...this.base, ...fields }, message });
  }
  child(fields: Record<string, unknown>): Logger {
    return new MemoryLogger(this.lines, { ...this.base, ...fields });
  }
}
