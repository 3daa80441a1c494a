import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { buildDeployZip, deployPackageJson } from '../../scripts/package-deploy';
import { tempDirForTests } from '../support/temp-dir';

describe('npm run package:deploy (App Service zip)', () => {
  const root = tempDirForTests('assurance-deploy-');

  it('carries the compiled bot, the card templates and the lock file, with a package.json that only installs and starts', async () => {
    const put = (file: string, text: string) => {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), text);
    };
    put('dist/src/index.js', '// bot');
    put('dist/src/index.js.map', '{}');
    put('dist/scripts/dev.js', '// not deployed');
    put('dist/test/support/e2e-app.js', '// not deployed');
    put('adaptiveCards/help.json', '{}');
    put('package-lock.json', '{}');
    put('src/index.ts', '// not deployed');
    put('package.json', JSON.stringify({ name: 'assurance-bot', version: '1.0.0', engines: { node: '^22' }, main: 'dist/src/index.js', scripts: { build: 'tsc', test: 'jest' }, dependencies: { zod: '1' }, devDependencies: { jest: '1' } }));

    const { out, files } = await buildDeployZip(root);
    expect(files).toEqual(['package.json', 'adaptiveCards/help.json', 'dist/src/index.js', 'package-lock.json']);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const pkg = JSON.parse(await zip.file('package.json')!.async('string')) as Record<string, unknown>;
    expect(pkg).toEqual({ name: 'assurance-bot', version: '1.0.0', engines: { node: '^22' }, main: 'dist/src/index.js', scripts: { start: 'node dist/src/index.js' }, dependencies: { zod: '1' } });
  });

  it('keeps this repository\'s engines and every runtime dependency', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: unknown; dependencies: Record<string, string> };
    const deploy = deployPackageJson(pkg);
    expect(deploy.engines).toEqual(pkg.engines);
    expect(deploy.dependencies).toEqual(pkg.dependencies);
    expect(deploy).not.toHaveProperty('devDependencies');
  });
});
