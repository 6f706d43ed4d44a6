import { parseExpression } from 'feelin';

/**
 * The variables a FEEL expression reads, as Camunda derives a conditional event's dependencies from its
 * condition: every name the expression looks up (`x > 1 and y < 5` → x, y; `x.y.z = true` → x). Function
 * names are not variables; names bound inside the expression (`for i in …`) are listed too, which only
 * widens what re-evaluates the condition. Returns undefined when the expression does not parse.
 */
export function referencedVariables(expression: string): string[] | undefined {
  const source = expression.trim().startsWith('=') ? expression.trim().slice(1) : expression;
  let tree;
  try {
    tree = parseExpression(source, {}, undefined);
  } catch {
    return undefined;
  }
  const names = new Set<string>();
  tree.iterate({
    enter(node) {
      if (node.name !== 'VariableName') return;
      const parent = node.node.parent;
      // `count(items)`: the callee of a function invocation is a function name.
      if (parent?.name === 'FunctionInvocation' && parent.from === node.from) return;
      names.add(source.slice(node.from, node.to).trim());
    },
  });
  return [...names];
}
