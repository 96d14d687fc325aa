import { Logger, NotFoundException } from '@nestjs/common';
import { DomainEventBus } from './domain-events';

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('DomainEventBus', () => {
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('hands the payload to every handler, after the emitter has moved on', async () => {
    const bus = new DomainEventBus();
    const seen: string[] = [];
    bus.on('source.health_changed', (p) => void seen.push(`a:${p.sourceId}`));
    bus.on('source.health_changed', (p) => void seen.push(`b:${p.sourceId}`));
    bus.emit('source.health_changed', { sourceId: 's1', ok: false });
    expect(seen).toEqual([]);
    await settle();
    expect(seen).toEqual(['a:s1', 'b:s1']);
  });

  it('warns, with the reason, when what the event names is gone; no error', async () => {
    const bus = new DomainEventBus();
    bus.on('person.access_changed', () => {
      throw new NotFoundException('Person 42 not found');
    });
    bus.emit('person.access_changed', { personId: '42' });
    await settle();
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith({
      msg: 'handler for person.access_changed skipped: what the event names no longer exists',
      reason: 'Person 42 not found',
      payload: { personId: '42' },
    });
  });

  it('logs any other failure as an error, and the other handlers still run', async () => {
    const bus = new DomainEventBus();
    let ran = false;
    bus.on('item.stored', async () => {
      throw new Error('database down');
    });
    bus.on('item.stored', () => void (ran = true));
    bus.emit('item.stored', { itemId: 'i', sourceId: 's' });
    await settle();
    expect(ran).toBe(true);
    expect(error).toHaveBeenCalledWith('handler for item.stored failed: Error: database down');
    expect(warn).not.toHaveBeenCalled();
  });
});
