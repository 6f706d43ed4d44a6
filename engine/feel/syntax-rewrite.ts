/**
 * The parse-once, rewrite-once step the FEEL source rewriters share (Camunda's arithmetic, the iteration budget):
 * feelin caches a parse per source and context names, so its tree is the key under which each rewriter keeps
 * the text it made from it.
 */
import { parseExpression } from 'feelin';

/** A parsed FEEL expression, as feelin gives it. */
export type FeelTree = ReturnType<typeof parseExpression>;
/** A node of a {@link FeelTree}. */
export type FeelSyntaxNode = FeelTree['topNode'];

/** Rewrites FEEL source through its syntax tree, remembering the result per parse. */
export class SyntaxRewrite {
  private readonly rewritten = new WeakMap<FeelTree, string>();

  /** `rewrite` turns a tree's top node (and the source it spans) into the new source text. */
  constructor(private readonly rewrite: (node: FeelSyntaxNode, source: string) => string) {}

  /** `source` rewritten; `context` must be the context the expression is evaluated with (the parse depends on its names). */
  apply(source: string, context: Record<string, unknown>): string {
    const tree = parseExpression(source, context, undefined);
    let text = this.rewritten.get(tree);
    if (text === undefined) {
      text = this.rewrite(tree.topNode, source);
      this.rewritten.set(tree, text);
    }
    return text;
  }
}
