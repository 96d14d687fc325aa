export * from './enums/analysis';
export * from './enums/sources';
export * from './enums/organisation';
export * from './contracts/health';
export * from './contracts/errors';
export * from './realtime/events';
export * from './text/vietnamese';
