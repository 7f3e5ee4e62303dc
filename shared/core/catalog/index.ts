export * from './catalogEntry.js';
export * from './filterCatalog.js';
