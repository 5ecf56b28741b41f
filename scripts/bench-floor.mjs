#!/usr/bin/env node
// The floor of any Node doctor of a PyFlink setup: start node, spawn the JVM and the Python interpreter probe at
// once, read what they print and wait for both. Nothing else: no module beyond node:child_process, no parsing.
// scripts/bench.mjs passes the two commands flink-doctor itself runs (binary, arguments, environment) as JSON:
//   node scripts/bench-floor.mjs '[{"file":"/usr/bin/java","args":[…],"env":{…}}, {"file":"…/python",…}]'
import { spawn } from 'node:child_process';

const commands = JSON.parse(process.argv[2] ?? '[]');

function run({ file, args, env }) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let bytes = 0;
    child.stdout.on('data', (chunk) => (bytes += chunk.length));
    child.stderr.on('data', (chunk) => (bytes += chunk.length));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && bytes > 0 ? resolve() : reject(new Error(`${file} exited ${code}`))));
  });
}

await Promise.all(commands.map(run));
