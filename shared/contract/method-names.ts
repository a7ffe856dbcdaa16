/**
 * The kiosk API's call names, without the zod schemas (issue 20: the renderer and the preload build their API object
 * from this list and so load no zod). index.ts checks at compile time that it is exactly the contract's keys.
 */
export const METHOD_NAMES = [
  'getBootInfo',
  'getTaxonomy',
  'searchOffers',
  'getOffer',
  'listEvents',
  'submitWish',
  'getOutboxStatus',
  'previewSlip',
  'printSlip',
  'getPrinterStatus',
  'testPrint',
  'makeBrochure',
  'staffUnlock',
  'staffLock',
  'getStaffStatus',
  'staffAction',
  'setCityApi',
  'setStaffPin',
  'rendererHeartbeat',
  'getSyncStatus',
  'syncNow',
  'recordSession',
  'reportSearchMiss',
  'getSpeechVoices',
  'endVisit',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

/** Channel name on Electron IPC. */
export const ipcChannel = (name: MethodName) => `kiosk:${name}`;
/** Path on the browser host. */
export const httpPath = (name: MethodName) => `/api/${name}`;
