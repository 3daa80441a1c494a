import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import JSZip from 'jszip';
import { repoRoot } from './make-icons';

/**
 * Builds build/deploy.zip for App Service zip deploy (README, "Deploying to Azure"): the compiled bot (dist/src), the
 * card templates, package-lock.json and a package.json cut down to what runs it (dependencies, engines, start; no
 * devDependencies, no build script). App Service (SCM_DO_BUILD_DURING_DEPLOYMENT=true) then runs npm install on its own
 * Node 22, so better-sqlite3 is built for the Node that runs it. Run: `npm run package:deploy`.
 */

/** Folders and files of the repository that go into the zip, as they are. */
export const DEPLOY_PATHS = ['dist/src', 'adaptiveCards', 'package-lock.json', '.npmrc'];

/** package.json as App Service should see it. */
export function deployPackageJson(pkg: Record<string, unknown>): Record<string, unknown> {
  const { name, version, private: isPrivate, description, license, engines, main, dependencies } = pkg;
  return { name, version, private: isPrivate, description, license, engines, main, scripts: { start: 'node dist/src/index.js' }, dependencies };
}

function filesUnder(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((entry) => filesUnder(root, join(path, entry)));
}

/** Writes the zip and returns its path and the files in it (posix paths). */
export async function buildDeployZip(root: string, out = join(root, 'build', 'deploy.zip')): Promise<{ out: string; files: string[] }> {
  if (!existsSync(join(root, 'dist', 'src', 'index.js'))) throw new Error('dist/src/index.js is missing: run npm run build first (npm run package:deploy does).');
  const zip = new JSZip();
  const files = DEPLOY_PATHS.flatMap((path) => filesUnder(root, path))
    .filter((file) => !file.endsWith('.map'))
    .map((file) => file.split(sep).join('/'))
    .sort();
  for (const file of files) zip.file(file, readFileSync(join(root, file)));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  zip.file('package.json', `${JSON.stringify(deployPackageJson(pkg), null, 2)}\n`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return { out, files: ['package.json', ...files] };
}

if (require.main === module) {
  const root = repoRoot();
  buildDeployZip(root)
    .then(({ out, files }) => console.log(`Wrote ${relative(root, out)} (${files.length} files). Deploy: az webapp deploy --resource-group <rg> --name <app> --src-path ${relative(root, out)} --type zip`))
    .catch((error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    });
}
