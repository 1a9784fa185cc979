// The collections the handlers keep, and the fields they look records up by (installations are listed and counted
// by customer), for the store that app.ts and the offline data commands open.
export const collections = ['customers', 'installations'] as const;

export const indexedFields = { installations: ['customerId'] };
