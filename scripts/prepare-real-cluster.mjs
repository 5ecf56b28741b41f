#!/usr/bin/env node
// Prepares what test-real/cluster-checks.test.ts starts a real Flink cluster from: a venv in the real-artifact
// cache (FLINK_DOCTOR_REAL_CACHE, default ~/.cache/flink-doctor-real; never in the repository) holding
// apache-flink and apache-flink-libraries of one release, installed by pip without their dependencies (the
// wheel's bin/ scripts and lib/ JARs are all a standalone cluster needs). Downloads go through pip's cache.
// Usage: node scripts/prepare-real-cluster.mjs [VERSION=1.20.5] [PYTHON=python3.11]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const version = process.argv[2] ?? '1.20.5';
const python = process.argv[3] ?? 'python3.11';
const cache = process.env.FLINK_DOCTOR_REAL_CACHE || join(homedir(), '.cache', 'flink-doctor-real');
const dir = join(cache, 'cluster-venvs', `flink-${version}`);
mkdirSync(join(cache, 'pip'), { recursive: true });
if (!existsSync(join(dir, 'bin', 'python'))) execFileSync(python, ['-m', 'venv', dir], { stdio: 'inherit' });
execFileSync(join(dir, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--no-deps', `apache-flink==${version}`, `apache-flink-libraries==${version}`], {
  stdio: 'inherit',
  env: { ...process.env, PIP_CACHE_DIR: join(cache, 'pip') },
});
console.log(`ready: ${dir}`);
