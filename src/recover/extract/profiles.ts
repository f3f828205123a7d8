// The site profiles backfile knows, by name. `generic:<host>` makes a Readability profile for any
// outlet whose article URLs carry a numeric id (e.g. generic:example.com).

import { UsageError } from '../../lib/errors.js';
import { createGenericProfile } from './generic.js';
import { hkcnewsProfile } from './hkcnews.js';
import type { SiteProfile } from './types.js';

const PROFILES: Record<string, SiteProfile> = { hkcnews: hkcnewsProfile };

export function profileByName(name: string): SiteProfile {
  const known = PROFILES[name];
  if (known) return known;
  const generic = /^generic:([a-z0-9.-]+\.[a-z]{2,})$/i.exec(name);
  if (generic) {
    return createGenericProfile({
      name,
      host: generic[1]!.toLowerCase(),
      idPattern: /\/(\d{2,})(?:[/?#.-]|$)/,
    });
  }
  throw new UsageError(
    `unknown site "${name}" (known: ${Object.keys(PROFILES).join(', ')}, or generic:<host>)`,
  );
}
