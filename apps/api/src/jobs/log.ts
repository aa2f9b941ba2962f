/** The part of the server's logger (pino) the jobs write to: structured fields first, then a French line. */
export interface JobLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
