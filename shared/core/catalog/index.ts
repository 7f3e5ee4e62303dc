export * from './catalogEntry.js';
export * from './filterCatalog.js';
export * from './sortCatalog.js';
