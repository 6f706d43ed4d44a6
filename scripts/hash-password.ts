/**
 * Print the scrypt hash of a password for an identity file's `passwordHash`:
 * `npx tsx scripts/hash-password.ts` (reads the password from stdin, so it stays out of shell history), or
 * `npx tsx scripts/hash-password.ts --demo` to rewrite engine/identity/demo-identity.json from the
 * documented demo accounts.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildDemoIdentity } from '../engine/identity/demo-identity';
import { hashPassword } from '../engine/identity/password-hash';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function main(): Promise<void> {
  if (process.argv.includes('--demo')) {
    const target = fileURLToPath(new URL('../engine/identity/demo-identity.json', import.meta.url));
    const identity = await buildDemoIdentity();
    await writeFile(target, `${JSON.stringify(identity, null, 2)}\n`, 'utf8');
    console.log(`wrote ${identity.users.length} users and ${identity.groups.length} groups to ${target}`);
    return;
  }
  if (process.stdin.isTTY) console.error('password (then Enter, Ctrl-D):');
  const password = await readStdin();
  console.log(await hashPassword(password));
}

main().catch((error: unknown) => {
  console.error(`hash-password: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
