// Types of scripts/engine-coverage.mjs for the tests that import it.
export function codeThatRan(dir: string): { files: string[]; engineRan: boolean; modules: Set<string> };
export function modulesOf(text: string): { at: number; path: string }[];
