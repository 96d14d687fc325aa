import type { CreateSourceRequest, PollOutcomeDto, SourceDto, SourceTestResult, UpdateSourceRequest } from '@mw/shared';
import { api } from '../../../api/http';

export function fetchSources(): Promise<SourceDto[]> {
  return api<SourceDto[]>('GET', '/api/sources');
}

export function createSource(body: CreateSourceRequest): Promise<SourceDto> {
  return api<SourceDto>('POST', '/api/sources', body);
}

export function updateSource(id: string, body: UpdateSourceRequest): Promise<SourceDto> {
  return api<SourceDto>('PATCH', `/api/sources/${encodeURIComponent(id)}`, body);
}

export function pollSource(id: string): Promise<PollOutcomeDto> {
  return api<PollOutcomeDto>('POST', `/api/sources/${encodeURIComponent(id)}/poll`, {});
}

export function testSource(body: CreateSourceRequest): Promise<SourceTestResult> {
  return api<SourceTestResult>('POST', '/api/sources/test', body);
}
