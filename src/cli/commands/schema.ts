// kplan schema: the profile JSON Schema, for editors and CI validation.

import type { Context } from '../main.js';
import { profileJsonSchema } from '../../profile/schema.js';

export async function run(ctx: Context): Promise<number> {
  ctx.io.stdout.write(JSON.stringify(profileJsonSchema(), null, 2) + '\n');
  return 0;
}
