/** How a source is read. */
export const SourceKind = { Rss: 'rss', Html: 'html', Social: 'social', Search: 'search' } as const;
export type SourceKind = (typeof SourceKind)[keyof typeof SourceKind];
export const SOURCE_KINDS: readonly SourceKind[] = Object.values(SourceKind);
