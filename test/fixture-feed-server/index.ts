export * from './fixture-feed-server';
