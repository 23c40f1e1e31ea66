// What both self-contained HTML reports (the scan's and the investigation's) share: their inline
// script and style, read once from an assets folder (the style after the shared base sheet,
// assets/base.css), the Content-Security-Policy that admits exactly those two by hash and
// nothing else (no network, no other script), and the escaping of text and embedded JSON.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../../runner/util/package-root.js';

export interface PageAssets {
  js: string;
  css: string;
}

export interface PageAssetsOptions {
  /** A stylesheet (path from the package root, or absolute) inlined before the page's own, in the same `<style>`. */
  baseStylesheet?: string;
}

/** The styles both reports share: theme, page base, masthead, card, footer. */
export const SHARED_STYLESHEET = join('reports', 'html', 'assets', 'base.css');

const loaded = new Map<string, PageAssets>();

function normalise(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

function readStylesheet(file: string, label: string): string {
  const css = normalise(readFileSync(file, 'utf8'));
  if (/<\/style/i.test(css)) throw new Error(`qready: ${label} must not contain "</style"`);
  return css;
}

/**
 * The script and style of a report, from `<package>/<folder>/<name>.js|.css` (or an absolute folder),
 * read once per process.
 * With a base stylesheet, the style is the base followed by the page's own sheet: one `<style>`, so
 * one CSP hash, and the page's rules come after (and win ties against) the shared ones.
 */
export function loadPageAssets(folder: string, name: string, options: PageAssetsOptions = {}): PageAssets {
  const key = JSON.stringify([folder, name, options.baseStylesheet ?? null]);
  const hit = loaded.get(key);
  if (hit) return hit;
  const dir = resolve(packageRoot(), folder);
  // The HTML parser normalises line breaks before the CSP hash is checked, so hash what it will see.
  const js = normalise(readFileSync(join(dir, `${name}.js`), 'utf8'));
  if (/<\/script|<!--/i.test(js)) throw new Error(`qready: ${folder}/${name}.js must not contain "</script" or "<!--"`);
  const own = readStylesheet(join(dir, `${name}.css`), `${folder}/${name}.css`);
  const base = options.baseStylesheet === undefined ? undefined : readStylesheet(resolve(packageRoot(), options.baseStylesheet), options.baseStylesheet);
  const css = base === undefined ? own : `${base}${base.endsWith('\n') ? '' : '\n'}${own}`;
  const assets = { js, css };
  loaded.set(key, assets);
  return assets;
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Only the page's own inline script and style, by hash; data: images; no base, no forms. */
export function contentSecurityPolicy(assets: PageAssets): string {
  return ["default-src 'none'", `script-src ${sha256(assets.js)}`, `style-src ${sha256(assets.css)}`, 'img-src data:', "base-uri 'none'", "form-action 'none'"].join('; ');
}

/** Escapes text for element content and double-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Everything up to and including `<body>`: the CSP, the inline style, no referrer, no favicon request. */
export function pageHead(assets: PageAssets, title: string, toolVersion: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(assets))}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="qready ${escapeHtml(toolVersion)}">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${assets.css}</style>
</head>
<body>
`;
}

const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;

/**
 * JSON that is safe inside <script type="application/json">: `<`, `>`, `&`, U+2028 and U+2029 are
 * written as \uXXXX escapes (they can only occur inside JSON strings, where the escape means the
 * same), so no field value can close the element or open a comment.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE_IN_SCRIPT, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
