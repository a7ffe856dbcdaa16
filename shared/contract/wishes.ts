/** Calls of this feature; see shared/contract/index.ts. Owned by the wishes feature. */
export const wishesContract = {};
