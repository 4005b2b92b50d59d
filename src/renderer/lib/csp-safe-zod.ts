import { z } from 'zod';

/*
 * Zod compiles fast object parsers with `new Function` when it can. The renderer's CSP forbids eval, and even
 * zod's probe for it is reported as a CSP violation, so switch the compiler off before any schema is built.
 * Import this module before anything that defines schemas.
 */
z.config({ jitless: true });
