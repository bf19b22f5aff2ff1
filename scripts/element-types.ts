/**
 * Typings and editor data of the elements, generated from the package's custom-elements manifest
 * (run by `npm run build` after the analyzer; see scripts/widgets-package.ts). Into `<dir>`:
 *
 *   types/react.d.ts               JSX types for React 19 (`React.JSX.IntrinsicElements`)
 *   types/vue.d.ts                 Vue's `GlobalComponents`
 *   types/svelte.d.ts              Svelte's `svelteHTML.IntrinsicElements`
 *   vscode.html-custom-data.json   tags and attributes for VS Code's HTML support
 *   vscode.css-custom-data.json    custom properties and `::part()`s for VS Code's CSS support
 *
 * The element types come from `HTMLElementTagNameMap` and the event types from
 * `HTMLElementEventMap` (each element's define module declares both), so a typing never restates
 * a type by hand; the manifest says which attributes, properties and events an element has.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of the manifest read here (schema: the `custom-elements-manifest` package). */
export interface Manifest {
  modules: { path: string; declarations?: Declaration[]; exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[] }[];
}
export interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  description?: string;
  attributes?: { name: string; fieldName?: string; type?: { text: string }; description?: string }[];
  members?: {
    kind: string;
    name: string;
    readonly?: boolean;
    privacy?: string;
    static?: boolean;
    type?: { text: string };
    description?: string;
    attribute?: string;
  }[];
  events?: { name: string; type?: { text: string }; description?: string }[];
  cssParts?: { name: string; description?: string }[];
  cssProperties?: { name: string; description?: string; default?: string }[];
}

export interface Element {
  tag: string;
  declaration: Declaration;
  /** Attributes whose name is not also the name of their property (`app-id`, not `locale`). */
  attributes: { name: string; type: string; description: string }[];
  /** Public writable properties. */
  properties: { name: string; description: string }[];
  events: { name: string; description: string }[];
}

/** The manifest's elements with a tag, sorted by tag. */
export function elementsOf(manifest: Manifest): Element[] {
  const elements: Element[] = [];
  for (const mod of manifest.modules) {
    for (const declaration of mod.declarations ?? []) {
      if (!declaration.customElement || !declaration.tagName) continue;
      const tag = declaration.tagName;
      const fields = (declaration.members ?? []).filter((m) => m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public');
      elements.push({
        tag,
        declaration,
        attributes: (declaration.attributes ?? [])
          .filter((a) => a.name !== a.fieldName)
          .map((a) => ({
            name: a.name,
            // typed as its property when it has one (`tab` → 'apps' | 'earnings' | 'embed')
            type: a.fieldName ? `El<'${tag}'>['${a.fieldName}']` : attributeType(a.type?.text),
            description: a.description ?? '',
          })),
        properties: fields.filter((f) => !f.readonly).map((f) => ({ name: f.name, description: f.description ?? '' })),
        events: (declaration.events ?? []).map((e) => ({ name: e.name, description: e.description ?? '' })),
      });
    }
  }
  return elements.sort((a, b) => a.tag.localeCompare(b.tag));
}

const attributeType = (text: string | undefined) =>
  text && /^(string|number|boolean)( \| (string|number|boolean|null|undefined))*$/.test(text) ? text : 'string';
const comment = (text: string, indent: string) => (text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\n/g, `\n${indent} * `)} */\n` : '');
const pascal = (name: string) => name.replace(/(^|-)([a-z])/g, (_, _dash, c: string) => c.toUpperCase());

/** `interface <Tag>Props { … }` for one element: attributes, properties, and event listeners named by `listener`. */
function propsInterface(element: Element, listener: (event: string) => string, extra = ''): string {
  const tag = element.tag;
  let body = '';
  for (const a of element.attributes) body += `${comment(a.description, '  ')}  '${a.name}'?: ${a.type};\n`;
  for (const p of element.properties) body += `${comment(p.description, '  ')}  ${p.name}?: El<'${tag}'>['${p.name}'];\n`;
  for (const e of element.events) body += `${comment(e.description, '  ')}  '${listener(e.name)}'?: (event: HTMLElementEventMap['${e.name}']) => void;\n`;
  return `${comment(element.declaration.summary ?? '', '')}export interface ${pascal(tag)}Props${extra} {\n${body}}\n`;
}

const HEADER = (what: string, imports: string) =>
  `// Generated from custom-elements.json by the package build: ${what}.\n` +
  `// Element types are those of HTMLElementTagNameMap, event types those of HTMLElementEventMap.\n` +
  `import type {} from '../index.js';\n${imports}\n\n` +
  `type El<T extends keyof HTMLElementTagNameMap> = HTMLElementTagNameMap[T];\n\n`;

export function reactTypes(elements: Element[]): string {
  let out = HEADER(
    'JSX types for React 19 (`import type {} from "ecosystem-widgets/react"`)',
    `import type { DetailedHTMLProps, HTMLAttributes } from 'react';`,
  );
  out +=
    `/** React 19 sets a prop as a property when the element has one and as an attribute otherwise; \`on<event>\` props add listeners. */\n` +
    `type ReactElementProps<T extends keyof HTMLElementTagNameMap, Own> = Own & Omit<DetailedHTMLProps<HTMLAttributes<El<T>>, El<T>>, keyof Own>;\n\n`;
  for (const element of elements) out += `${propsInterface(element, (e) => `on${e}`)}\n`;
  out += `declare module 'react' {\n  namespace JSX {\n    interface IntrinsicElements {\n`;
  for (const { tag } of elements) out += `      '${tag}': ReactElementProps<'${tag}', ${pascal(tag)}Props>;\n`;
  return `${out}    }\n  }\n}\n`;
}

export function vueTypes(elements: Element[]): string {
  let out = HEADER(
    'Vue `GlobalComponents` (`import type {} from "ecosystem-widgets/vue"`)',
    `import type { AllowedComponentProps, ComponentCustomProps, HTMLAttributes, VNodeProps } from 'vue';`,
  );
  out +=
    `/** A custom element as Vue's template checker sees a component: the element, with its props. Vue names a listener of \`my-event\` \`onMyEvent\`. */\n` +
    `type VueElement<T extends keyof HTMLElementTagNameMap, Own> = new () => El<T> & {\n` +
    `  $props: Own & Omit<HTMLAttributes, keyof Own> & AllowedComponentProps & ComponentCustomProps & VNodeProps;\n};\n\n`;
  const vueListener = (event: string) => `on${pascal(event)}`;
  for (const element of elements) out += `${propsInterface(element, vueListener)}\n`;
  out += `declare module 'vue' {\n  interface GlobalComponents {\n`;
  for (const { tag } of elements) out += `    '${tag}': VueElement<'${tag}', ${pascal(tag)}Props>;\n`;
  return `${out}  }\n}\n`;
}

export function svelteTypes(elements: Element[]): string {
  let out = HEADER(
    'Svelte `svelteHTML.IntrinsicElements` (`import type {} from "ecosystem-widgets/svelte"`)',
    `import type { HTMLAttributes } from 'svelte/elements';`,
  );
  // Svelte 5 listens with `on<event>` attributes, Svelte 4 with `on:<event>` directives.
  for (const element of elements) {
    const legacy = element.events.map((e) => `  'on:${e.name}'?: (event: HTMLElementEventMap['${e.name}']) => void;\n`).join('');
    out += `${propsInterface(element, (e) => `on${e}`).replace(/}\n$/, `${legacy}}\n`)}\n`;
  }
  out += `declare global {\n  namespace svelteHTML {\n    interface IntrinsicElements {\n`;
  for (const { tag } of elements) out += `      '${tag}': ${pascal(tag)}Props & Omit<HTMLAttributes<El<'${tag}'>>, keyof ${pascal(tag)}Props>;\n`;
  return `${out}    }\n  }\n}\n`;
}

const describe = (d: Declaration) => [d.summary, d.description].filter(Boolean).join('\n\n');

/** VS Code's HTML custom data (format version 1.1). */
export function htmlCustomData(elements: Element[]) {
  return {
    version: 1.1,
    tags: elements.map(({ tag, declaration }) => ({
      name: tag,
      description: describe(declaration),
      attributes: (declaration.attributes ?? []).map((a) => ({
        name: a.name,
        description: a.description ?? '',
        ...(a.type?.text === 'boolean' ? { valueSet: 'v' } : {}),
      })),
    })),
  };
}

/** VS Code's CSS custom data: each custom property and `::part()` once, with the elements that read it. */
export function cssCustomData(elements: Element[]) {
  const group = (pick: (d: Declaration) => { name: string; description?: string }[] | undefined) => {
    const byName = new Map<string, Map<string, string[]>>(); // name → description → tags
    for (const { tag, declaration } of elements) {
      for (const { name, description = '' } of pick(declaration) ?? []) {
        const descriptions = byName.get(name) ?? new Map<string, string[]>();
        descriptions.set(description, [...(descriptions.get(description) ?? []), tag]);
        byName.set(name, descriptions);
      }
    }
    return [...byName].map(([name, descriptions]) => ({
      name,
      description: [...descriptions].map(([description, tags]) => `${tags.join(', ')}: ${description}`).join('\n\n'),
    }));
  };
  return {
    version: 1.1,
    properties: group((d) => d.cssProperties),
    pseudoElements: group((d) => d.cssParts).map((part) => ({ ...part, name: `::part(${part.name})` })),
  };
}

/** Writes every generated file into `dir`, from `dir/custom-elements.json`. */
export function writeElementTypes(dir: string): void {
  const manifest = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8')) as Manifest;
  const elements = elementsOf(manifest);
  mkdirSync(join(dir, 'types'), { recursive: true });
  writeFileSync(join(dir, 'types', 'react.d.ts'), reactTypes(elements));
  writeFileSync(join(dir, 'types', 'vue.d.ts'), vueTypes(elements));
  writeFileSync(join(dir, 'types', 'svelte.d.ts'), svelteTypes(elements));
  writeFileSync(join(dir, 'vscode.html-custom-data.json'), `${JSON.stringify(htmlCustomData(elements), null, 2)}\n`);
  writeFileSync(join(dir, 'vscode.css-custom-data.json'), `${JSON.stringify(cssCustomData(elements), null, 2)}\n`);
}
