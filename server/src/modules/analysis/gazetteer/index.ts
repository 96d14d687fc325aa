export * from './gazetteer';
export * from './school-names';
export * from './seed-gazetteer';
