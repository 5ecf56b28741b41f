// The pure helpers a plugin check may use, under names that are part of the plugin contract
// (docs/plugins.md): the internal modules behind them may move, these names and behaviours stay.
export { compareVersions, minorOf } from '../knowledge/versions.js';
export { parseArtifactVersion, type ArtifactVersion } from '../jars/version.js';
export { coordinates, jarLabel } from '../jars/describe.js';
export { clip } from '../util/text.js';
