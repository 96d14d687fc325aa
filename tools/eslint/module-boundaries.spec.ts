import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rule = require('./module-boundaries.cjs');

const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
});
const SRC = '/repo/server/src';

describe('local/module-boundaries', () => {
  tester.run('module-boundaries', rule, {
    valid: [
      // Another module through its index, from a module file at any depth and from the app's own files.
      {
        filename: `${SRC}/modules/reports/reports.service.ts`,
        code: `import { IncidentReportReader } from '../incidents';`,
      },
      {
        filename: `${SRC}/modules/incidents/flows/triage.flow.ts`,
        code: `import { EscalationClocks } from '../../escalation';`,
      },
      {
        filename: `${SRC}/modules/incidents/flows/x.ts`,
        code: `import type { MentionFacts } from '../../analysis/index';`,
      },
      { filename: `${SRC}/app.module.ts`, code: `import { IncidentsModule } from './modules/incidents';` },
      // Inside one module, any file.
      {
        filename: `${SRC}/modules/incidents/flows/triage.flow.ts`,
        code: `import { IncidentStore } from '../store/incident.store';`,
      },
      // common and packages are not modules.
      {
        filename: `${SRC}/modules/incidents/incidents.module.ts`,
        code: `import { Clock } from '../../common/clock/clock';`,
      },
      { filename: `${SRC}/modules/incidents/incidents.module.ts`, code: `import { Module } from '@nestjs/common';` },
      // A unit spec of common code may use a module's classes as fixtures.
      {
        filename: `${SRC}/common/http/validation.pipe.spec.ts`,
        code: `import { UpdateSourceBody } from '../../modules/sources/source.dto';`,
      },
      // Files outside server/src (tests, tools) are not checked.
      {
        filename: '/repo/server/test/x.integration-spec.ts',
        code: `import { X } from '../src/modules/incidents/store/incident.store';`,
      },
    ],
    invalid: [
      {
        filename: `${SRC}/modules/reports/reports.service.ts`,
        code: `import { IncidentReportReader } from '../incidents/incident-report.reader';`,
        errors: [
          {
            messageId: 'internal',
            data: {
              source: '../incidents/incident-report.reader',
              target: 'incidents',
              rest: 'incident-report.reader',
              index: '../incidents',
            },
          },
        ],
      },
      {
        filename: `${SRC}/modules/incidents/flows/triage.flow.ts`,
        code: `import type { EscalationStateRow } from '../../escalation/escalation-clocks';`,
        errors: [{ messageId: 'internal' }],
      },
      {
        filename: `${SRC}/database/entities.ts`,
        code: `export { INCIDENT_ENTITIES } from '../modules/incidents/incidents.entities';`,
        errors: [{ messageId: 'internal' }],
      },
      {
        filename: `${SRC}/cli/commands.ts`,
        code: `const m = import('../modules/reports/reports.commands');`,
        errors: [{ messageId: 'internal' }],
      },
      {
        filename: `${SRC}/modules/incidents/flows/triage.flow.ts`,
        code: `import { IncidentsModule } from '..';`,
        errors: [{ messageId: 'ownIndex' }],
      },
      {
        filename: `${SRC}/common/auth/scope.ts`,
        code: `import { OrganisationModule } from '../../modules/organisation';`,
        errors: [{ messageId: 'common' }],
      },
    ],
  });
});
