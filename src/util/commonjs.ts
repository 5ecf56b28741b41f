// Dynamic import of a CommonJS package (yaml, undici): Node and the single-file bundle expose its exports
// both by name and as `default`, but esbuild's code-split chunks expose only `default`. Reading `default`
// when present works in all three.
export function commonJsExports<T extends object>(namespace: T): T {
  const withDefault = namespace as T & { default?: T };
  return withDefault.default ?? namespace;
}
