// Where Maven's user settings live; kept apart from the parser so finding out that there is no settings.xml
// costs no XML parser load.
import { join } from 'node:path';

export function settingsPath(env: Record<string, string | undefined>): string | undefined {
  const home = env.HOME ?? env.USERPROFILE;
  return home ? join(home, '.m2', 'settings.xml') : undefined;
}
