/** The sources module's public surface: what other modules, the app and the CLI may use. */
export { SourcesModule } from './sources.module';
export { PendingItems, type PendingItem } from './pending-items.service';
export { CollectionHealthService } from './collection-health.service';
export { fetchCommand, sourcesCommand } from './sources.commands';
export { FeedItemEntity } from './feed-item.entity';
export { SourceEntity } from './source.entity';
