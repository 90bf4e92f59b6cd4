/** Fields of a log line. Never put a secret value (code, key, token) in one. */
export type LogFields = Record<string, string | number | boolean | undefined | null>;

/** A structured logger writing one JSON object per line. */
export class Logger {
  public constructor(
    private readonly base: LogFields = {},
    private readonly write: (line: string) => void = line => process.stdout.write(line + '\n'),
  ) {}

  /** A logger that adds `fields` to every line. */
  public with(fields: LogFields): Logger {
    return new Logger({ ...this.base, ...fields }, this.write);
  }

  public info(msg: string, fields: LogFields = {}): void {
    this.log('info', msg, fields);
  }

  public warn(msg: string, fields: LogFields = {}): void {
    this.log('warn', msg, fields);
  }

  public error(msg: string, fields: LogFields = {}): void {
    this.log('error', msg, fields);
  }

  private log(level: string, msg: string, fields: LogFields): void {
    this.write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...this.base, ...fields }));
  }
}
