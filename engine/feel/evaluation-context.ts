/**
 * The context handed to feelin for one evaluation: only the variables and extension functions whose names
 * occur in the source. feelin resolves a name it cannot find directly (every built-in, like `count`) by
 * normalizing every key of the context with two regular expressions, and lezer-feel's parser consults the
 * keys too, so a process with fifty variables made each evaluation pay for all fifty. FEEL reaches a
 * top-level variable only by writing its name, so leaving out the unnamed ones changes no result. Keys with
 * spaces or symbols are always kept, since FEEL may spell them with different spacing (`a - b` for `a-b`).
 */
const PLAIN_NAME = /^[\p{L}_?][\p{L}\p{N}_?]*$/u;

export function evaluationContext(
  source: string,
  variables: Record<string, unknown>,
  functions: Record<string, unknown>,
  extra?: Record<string, unknown>,
): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  for (const key of Object.keys(variables ?? {})) {
    if (source.includes(key) || !PLAIN_NAME.test(key)) context[key] = variables[key];
  }
  for (const name of Object.keys(functions)) {
    if (!source.includes(name)) continue;
    // feel-scala keeps functions and variables apart: a variable `today` stays readable as `today`, while
    // `today()` still calls the function. One context cannot hold both, so the source decides.
    if (Object.prototype.hasOwnProperty.call(context, name) && !new RegExp(`${escapeRegExp(name)}\\s*\\(`).test(source)) continue;
    context[name] = functions[name];
  }
  return extra ? Object.assign(context, extra) : context;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
