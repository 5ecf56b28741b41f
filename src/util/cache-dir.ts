// The user's cache folder for flink-doctor: FLINK_DOCTOR_CACHE_DIR, else the platform's (XDG on Linux).
import { homedir } from 'node:os';
import { join } from 'node:path';

export function cacheDir(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): string {
  if (env.FLINK_DOCTOR_CACHE_DIR) return env.FLINK_DOCTOR_CACHE_DIR;
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'flink-doctor');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'flink-doctor', 'Cache');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'flink-doctor');
}
