// `import … from 'flink-doctor'`: the public API for plugins (docs/plugins.md). Everything a plugin may rely
// on across minor versions is exported here and nowhere else; the CLI itself never imports this module.
export {
  PLUGIN_API_VERSION,
  defineCheck,
  defineFactGatherer,
  definePlugin,
  type AnyFactGatherer,
  type FactGatherer,
  type GatherContext,
  type GatheredFacts,
  type Plugin,
  type PluginCheck,
  type PluginCheckContext,
  type PluginFacts,
} from './plugin.js';
export type { CheckInfo, CheckOrigin, CheckResult, Location, Outcome, Report, Status, Summary } from '../engine/model.js';
export type * from '../facts/index.js';
export * from './helpers.js';
