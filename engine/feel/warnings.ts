import type { Warning } from 'feelin';

/**
 * Renders feelin's warnings as Zeebe lists FEEL warnings in incident messages — `[TYPE] message` — using
 * feel-scala's wording where the two engines report the same thing (`No variable found with name 'x'`).
 * A call of an unknown function makes feelin report the missing name as a variable and then the failed
 * call; Zeebe reports one NO_FUNCTION_FOUND, so the pair is merged.
 */
export function describeFeelinWarnings(warnings: readonly Warning[]): string[] {
  const unknownFunctionStarts = new Set(
    warnings.filter((warning) => warning.type === 'NO_FUNCTION_FOUND').map((warning) => warning.position.from),
  );
  const lines: string[] = [];
  for (const warning of warnings) {
    if (warning.type === 'NO_VARIABLE_FOUND' && unknownFunctionStarts.has(warning.position.from)) continue;
    lines.push(`[${warning.type}] ${reword(warning, warnings)}`);
  }
  return lines;
}

function reword(warning: Warning, all: readonly Warning[]): string {
  const quoted = /'([^']*)'/.exec(warning.message)?.[1];
  switch (warning.type) {
    case 'NO_VARIABLE_FOUND':
      return quoted === undefined ? warning.message : `No variable found with name '${quoted}'`;
    case 'NO_CONTEXT_ENTRY_FOUND':
      return quoted === undefined ? warning.message : `No context entry found with key '${quoted}'`;
    case 'NO_PROPERTY_FOUND':
      return quoted === undefined ? warning.message : `No context entry found with key '${quoted}' (the value is not a context)`;
    case 'NO_FUNCTION_FOUND': {
      const name = all.find(
        (other) => other.type === 'NO_VARIABLE_FOUND' && other.position.from === warning.position.from,
      );
      const functionName = name ? /'([^']*)'/.exec(name.message)?.[1] : undefined;
      return functionName === undefined ? warning.message : `No function found with name '${functionName}'`;
    }
    default:
      return warning.message;
  }
}
