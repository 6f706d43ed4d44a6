/**
 * Candidate groups and users of a user task: comma-separated text in the model, lists everywhere else.
 */

/** "a, b,,c" → ["a", "b", "c"]: how Zeebe reads a static or string-valued candidate list. */
export function splitCandidateList(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/**
 * A job-based user task's candidate header as Zeebe writes it: a JSON list (`["a","b"]`), which Tasklist
 * parses. An expression stays an expression here and becomes the same JSON list when the job is created.
 */
export function candidateListHeader(modelText: string): string {
  if (modelText.trim().startsWith('=')) return modelText;
  return JSON.stringify(splitCandidateList(modelText));
}
