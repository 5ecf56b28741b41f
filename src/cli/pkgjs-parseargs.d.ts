// @pkgjs/parseargs ships no types: it is the Node.js team's package of the same parseArgs as node:util's (the one
// node:util took in), so it is typed as that one.
declare module '@pkgjs/parseargs' {
  export { parseArgs } from 'node:util';
}
