/**
 * The workers' two-language messages: Chinese first, for the staff and operators who read them, then English after
 * " / " for the developer who searches for it — "期限「case」未暂停 / Expected deadline 'case' to be paused, …", the
 * style of the incident texts (`run-job.ts`, `validation-messages.ts`) and the deadline errors.
 */

const CJK = /[\u3400-\u9fff]/;
const SEPARATOR = ' / ';

/** "中文 / English". */
export function bilingual(zh: string, en: string): string {
  return `${zh}${SEPARATOR}${en}`;
}

/** An Error whose message is {@link bilingual}. */
export function bilingualError(zh: string, en: string, ErrorType: new (message: string) => Error = Error): Error {
  return new ErrorType(bilingual(zh, en));
}

/**
 * The Chinese and English halves of a message, so one message can be told inside another in each language (a bad
 * date inside a bad calendar file); a message in one language only stands for both.
 */
export function halvesOf(message: string): [string, string] {
  const at = message.indexOf(SEPARATOR);
  if (at > 0 && CJK.test(message.slice(0, at))) return [message.slice(0, at), message.slice(at + SEPARATOR.length)];
  return [message, message];
}
