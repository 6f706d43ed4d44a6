/**
 * The stream processor and its processors: one writer takes commands in order, validates them, and appends
 * follow-up records (events applied to state at once, commands processed in the same batch, rejections).
 */
export { StreamProcessor, type CommandResponder } from './stream-processor';
export type { ProcessingContext, CommandProcessor, Rejection } from './processing-context';
