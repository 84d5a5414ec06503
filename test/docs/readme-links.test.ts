import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
  repository: { type: string; url: string };
  homepage: string;
  bugs: { url: string };
};
/** The repository's web address, from package.json (`git+https://…/name.git` → `https://…/name`). */
const REPO = manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
/** Every `[text](target)` outside code blocks and inline code. */
const links = [
  ...readme
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`\n]*`/g, '')
    .matchAll(/\]\(([^)\s]+)\)/g),
].map((m) => m[1]);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');

describe('README links, as a registry reader sees them', () => {
  it('package.json names the repository, its home page and its issue tracker', () => {
    expect(manifest.repository.type).toBe('git');
    expect(REPO).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    expect(manifest.homepage).toBe(`${REPO}#readme`);
    expect(manifest.bugs.url).toBe(`${REPO}/issues`);
  });

  it('has links to check', () => {
    expect(links.length).toBeGreaterThanOrEqual(3);
  });

  it('every link is absolute or an anchor of a heading in the README (a registry page has no docs/ beside it)', () => {
    const headings = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1])));
    for (const link of links) {
      if (link.startsWith('#')) expect(headings, link).toContain(link.slice(1));
      else expect(link, link).toMatch(/^https:\/\//);
    }
  });

  it('every link into the repository names a file this clone has, on the main branch', () => {
    const inRepo = links.filter((l) => l.startsWith(`${REPO}/`));
    expect(inRepo.length).toBeGreaterThanOrEqual(2);
    for (const link of inRepo) {
      const path = link.slice(REPO.length + 1).split('#')[0];
      expect(path, link).toMatch(/^blob\/main\//);
      expect(existsSync(resolve(ROOT, path.slice('blob/main/'.length))), link).toBe(true);
    }
  });
});
