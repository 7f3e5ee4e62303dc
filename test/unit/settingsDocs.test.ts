/** The documentation lists exactly the settings the registries know, so neither drifts from the other. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_SETTINGS } from '../../shared/core/settings/envSettings.js';
import { RUN_SETTINGS, runSettingMeta, type RunSettingName } from '../../shared/core/settings/runSettings.js';

const readme = readFileSync('README.md', 'utf8');

/** The variables named in the first column of the table under README's "### Configuration" heading. */
function configurationTableVariables(): string[] {
  const section = readme.split(/^### Configuration$/m)[1]?.split(/^#{2,3} /m)[0] ?? '';
  const firstCells = [...section.matchAll(/^\| ([^|]+) \|/gm)].map((match) => match[1] as string);
  return firstCells.flatMap((cell) => [...cell.matchAll(/`([A-Z0-9_]+)`/g)].map((match) => match[1] as string));
}

describe('settings documentation', () => {
  it("README's Configuration table lists every environment setting, and only those", () => {
    expect(configurationTableVariables().sort()).toEqual(Object.keys(ENV_SETTINGS).sort());
  });

  it('README names every `postshow run` flag of a run setting', () => {
    for (const name of Object.keys(RUN_SETTINGS) as RunSettingName[]) {
      const flag = runSettingMeta(name).flag?.split(' ')[0];
      if (flag) expect(readme, flag).toContain(`\`${flag}`);
    }
  });

  it('docs/deploy.md names every job.json option', () => {
    const deploy = readFileSync('docs/deploy.md', 'utf8');
    for (const name of Object.keys(RUN_SETTINGS)) expect(deploy, name).toContain(`\`${name}\``);
  });
});
