import * as z from 'zod/v4';

// The optional fields of the backend's events and items: absent or null, or of this type.
// One instance each, shared by every schema (zod schemas are immutable).

export const nullishString = z.string().nullish();
export const nullishNumber = z.number().nullish();
