/**
 * A bpmnlint NodeResolver that finds our plugin, `bpmnlint-plugin-onego`, in this checkout's `lint/` folder
 * before node_modules: a worktree's node_modules may link another checkout, and the rules linted must be
 * the ones beside the models. Everything else (bpmnlint, camunda-compat) resolves from node_modules.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { lintFolder } from './conventions';

/** Our plugin's package name; `.bpmnlintrc` refers to it as `plugin:onego/recommended`. */
export const pluginPackage = 'bpmnlint-plugin-onego';

const requireFromRoot = createRequire(path.join(lintFolder, '..', 'package.json'));

function mapId(id: string): string {
  if (id === pluginPackage) return lintFolder;
  if (id.startsWith(`${pluginPackage}/`)) return path.join(lintFolder, id.slice(pluginPackage.length + 1));
  return id;
}

/** A `require` rooted at the repository that maps `bpmnlint-plugin-onego[/…]` to `lint/[…]`. */
export function pluginAwareRequire(): NodeJS.Require {
  const scoped = ((id: string) => requireFromRoot(mapId(id))) as NodeJS.Require;
  const resolve = Object.assign((id: string, options?: { paths?: string[] }) => requireFromRoot.resolve(mapId(id), options), requireFromRoot.resolve);
  return Object.assign(scoped, requireFromRoot, { resolve });
}

/** bpmnlint's NodeResolver (untyped CommonJS), with {@link pluginAwareRequire}. */
export function createNodeResolver(): unknown {
  const NodeResolver = requireFromRoot('bpmnlint/lib/resolver/node-resolver') as new (options: { require: NodeJS.Require }) => unknown;
  return new NodeResolver({ require: pluginAwareRequire() });
}
