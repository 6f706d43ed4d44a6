import { FeelFunction } from 'feelin';
import { SyntaxRewrite, type FeelSyntaxNode as SyntaxNode } from './syntax-rewrite';
import { add, divide, multiply, subtract } from './arithmetic';

/**
 * feelin decides `+ - * /` inside its interpreter, with no hook, and refuses `duration("PT1H") * 2`
 * before any patch could see the operands. So before feelin evaluates an expression, each binary
 * arithmetic operation in its parse tree is rewritten into a call of a hidden operator function that
 * implements Camunda's semantics (arithmetic.ts): `a * (b - c)` becomes
 * `__onego_multiply(a, (__onego_subtract(b, c)))`. Operand text is kept verbatim, so names with
 * spaces or dashes read the same; unary minus and `**` stay with feelin (they are numbers-only in
 * Camunda too).
 *
 * The parse uses the evaluation context, because it decides whether `a-b` is a name or a subtraction.
 * Inside withParseCache the tree is the cached one, so each distinct expression is rewritten once.
 */
const OPERATORS: Record<string, { name: string; apply: (x: unknown, y: unknown) => unknown }> = {
  '+': { name: '__onego_add', apply: add },
  '-': { name: '__onego_subtract', apply: subtract },
  '*': { name: '__onego_multiply', apply: multiply },
  '/': { name: '__onego_divide', apply: divide },
};

/** The hidden operator functions by name; the evaluation context must hold them when a rewrite used them. */
export const arithmeticFunctions: Record<string, FeelFunction> = Object.fromEntries(
  Object.values(OPERATORS).map(({ name, apply }) => [name, new FeelFunction(apply, ['x', 'y'])]),
);

const rewrites = new SyntaxRewrite((node, source) => rewrite(node, source));

/**
 * `source` with its binary `+ - * /` replaced by calls of {@link arithmeticFunctions}; `source` itself
 * when it has none. `context` must be the context the expression is evaluated with.
 *
 * @example withCamundaArithmetic('duration("PT1H") * 2', {}) // '__onego_multiply(duration("PT1H"), 2)'
 */
export function withCamundaArithmetic(source: string, context: Record<string, unknown>): string {
  if (!/[-+*/]/.test(source)) return source;
  return rewrites.apply(source, context);
}

function rewrite(node: SyntaxNode, source: string): string {
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
  if (node.name === 'ArithmeticExpression' && children.length === 3 && children[1].name === 'ArithOp') {
    const operator = OPERATORS[source.slice(children[1].from, children[1].to)];
    if (operator) return `${operator.name}(${rewrite(children[0], source)}, ${rewrite(children[2], source)})`;
  }
  let text = '';
  let position = node.from;
  for (const child of children) {
    text += source.slice(position, child.from) + rewrite(child, source);
    position = child.to;
  }
  return text + source.slice(position, node.to);
}
