import * as fs from 'node:fs';
import * as path from 'node:path';

// No Docker engine runs on the team's machines, so the image is never built here; these checks keep the files
// honest about what they promise: a small build context, a health check and a restart policy.
describe('docker files', () => {
  const root = path.join(__dirname, '..');
  const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

  it('keeps dependencies, build output, local data and secrets out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(
      expect.arrayContaining(['**/node_modules', '**/dist', '.nx', 'data', '.git', '.env', '**/*.log']),
    );
  });

  it('checks the server through GET /api/health with what the slim image has (node, no curl)', () => {
    // Continuation lines joined, as Docker reads them.
    const dockerfile = read('docker/server.Dockerfile').replace(/\\\n\s*/g, ' ');
    const check = /^HEALTHCHECK .*CMD (.*)$/m.exec(dockerfile);
    expect(check?.[1]).toMatch(/^\["node", "-e", ".*\/api\/health.*"\]$/);
  });

  it('restarts the database and the servers unless stopped by hand', () => {
    const compose = read('docker/compose.yml');
    expect(compose.match(/^ {4}restart: unless-stopped$/gm)).toHaveLength(2);
  });
});
