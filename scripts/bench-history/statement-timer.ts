/**
 * Times every statement a better-sqlite3 connection prepares (and its transactions' BEGIN / COMMIT), for the
 * exporter cost bench: which rows of which table the exporter's time goes to. Benchmark tooling, not used by
 * the engine.
 */
import type Database from 'better-sqlite3';

interface Timing {
  sql: string;
  calls: number;
  ns: bigint;
}

/** What {@link timeStatements} collected. */
export interface StatementTimings {
  /** The costliest statements, as lines: µs per instance, calls per instance, the SQL's start. */
  report(instances: number, top?: number): string[];
}

/** Wraps `db.prepare` (statements prepared from now on) and `db.exec`, summing the time of each run / get / all / iterate. */
export function timeStatements(db: Database.Database): StatementTimings {
  const timings = new Map<string, Timing>();
  const timingOf = (sql: string) => {
    const short = sql.replace(/\s+/g, ' ').trim().slice(0, 110);
    let timing = timings.get(short);
    if (!timing) timings.set(short, (timing = { sql: short, calls: 0, ns: 0n }));
    return timing;
  };
  const prepare = db.prepare.bind(db);
  // better-sqlite3's transactions prepare BEGIN / COMMIT through the same method (with two more arguments).
  (db as { prepare: unknown }).prepare = (sql: string, ...rest: unknown[]) => {
    const statement = (prepare as (...args: unknown[]) => Database.Statement)(sql, ...rest);
    const timing = timingOf(sql);
    for (const method of ['run', 'get', 'all'] as const) {
      const original = (statement[method] as (...args: unknown[]) => unknown).bind(statement);
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        const t0 = process.hrtime.bigint();
        try {
          return original(...args);
        } finally {
          timing.ns += process.hrtime.bigint() - t0;
          timing.calls += 1;
        }
      };
    }
    return statement;
  };
  return {
    report(instances, top = 25) {
      const total = [...timings.values()].reduce((sum, timing) => sum + timing.ns, 0n);
      const lines = [`SQL statements: ${(Number(total) / 1000 / instances).toFixed(1)} µs per instance in all`];
      for (const timing of [...timings.values()].sort((a, b) => Number(b.ns - a.ns)).slice(0, top)) {
        if (timing.calls === 0) continue;
        lines.push(`${(Number(timing.ns) / 1000 / instances).toFixed(1).padStart(7)} µs ${(timing.calls / instances).toFixed(2).padStart(6)}× ${timing.sql}`);
      }
      return lines;
    },
  };
}
