/** Calls of this feature; see shared/contract/index.ts. Owned by the fleet feature. */
export const fleetContract = {};
