/** `onego deploy`: not built yet; the issue that owns it replaces this file. */
export async function run(_argv: string[]): Promise<void> {
  console.error('onego deploy: not available yet in this build');
  process.exitCode = 2;
}
