/** Calls of this feature; see shared/contract/index.ts. Owned by the printing feature. */
export const printingContract = {};
