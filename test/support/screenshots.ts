// Where browser tests put their screenshots: always under reports/screenshots/ (not kept in git), and with
// UPDATE_SCREENSHOTS=1 also under docs/images/, the copies the README shows. Each run serves on another port, which
// the pages show, so writing the README's copies on every run would change them every time.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** Takes a screenshot with `shoot(path)` as `name`.png and returns the path of the run's copy. */
export async function saveScreenshot(name: string, shoot: (path: `${string}.png`) => Promise<unknown>): Promise<string> {
  const dir = join(repo, 'reports/screenshots');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}.png`) as `${string}.png`;
  await shoot(file);
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    await mkdir(join(repo, 'docs/images'), { recursive: true });
    await copyFile(file, join(repo, 'docs/images', `${name}.png`));
  }
  return file;
}
