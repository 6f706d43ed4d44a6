/** Reads a `--…-port` flag: a whole number from 0 (pick a free port) to 65535, or a clear error. */
export function parsePort(value: string, flag: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new Error(`Expected ${flag} to be a port number from 0 to 65535, but was '${value}'`);
  }
  return Number(value);
}
