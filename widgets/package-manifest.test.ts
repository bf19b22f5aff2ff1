import { expect } from '@open-wc/testing';
import './index.ts';

// The package's custom-elements.json (written by `npm run build`) against the elements as the
// browser runs them: the attributes each observes, and the property each attribute sets.
// (Events, properties and the package itself: test/widgets-package.test.ts.)

interface ManifestAttribute {
  name: string;
  fieldName?: string;
  type?: { text: string };
}
interface Manifest {
  modules: { declarations?: { tagName?: string; attributes?: ManifestAttribute[] }[] }[];
}

describe('custom-elements.json against the running elements', () => {
  let elements: { tag: string; attributes: ManifestAttribute[] }[] = [];

  before(async () => {
    const response = await fetch('/dist/package/custom-elements.json');
    expect(response.ok, 'dist/package/custom-elements.json: run `npm run build` first').to.equal(true);
    const manifest = (await response.json()) as Manifest;
    elements = manifest.modules.flatMap((mod) =>
      (mod.declarations ?? []).flatMap((d) => (d.tagName ? [{ tag: d.tagName, attributes: d.attributes ?? [] }] : [])),
    );
  });

  it('describes every element the package defines', () => {
    const tags = elements.map((e) => e.tag).sort();
    expect(tags).to.have.length.greaterThan(0);
    for (const tag of tags) expect(customElements.get(tag), tag).to.be.a('function');
  });

  it('lists exactly the attributes each element observes, but those it refuses (removes at once)', () => {
    for (const { tag, attributes } of elements) {
      const observed = [...new Set((customElements.get(tag) as unknown as { observedAttributes?: string[] }).observedAttributes ?? [])].sort();
      const documented = attributes.map((a) => a.name).sort();
      expect(observed, `<${tag}> observes every documented attribute`).to.include.members(documented);
      for (const name of observed.filter((n) => !documented.includes(n))) {
        const element = document.createElement(tag);
        element.setAttribute(name, 'x');
        expect(element.hasAttribute(name), `<${tag}> observes [${name}], which custom-elements.json does not list`).to.equal(false);
      }
    }
  });

  it('maps each attribute to the property the manifest names', () => {
    for (const { tag, attributes } of elements) {
      for (const { name, fieldName, type } of attributes) {
        expect(fieldName, `<${tag}> [${name}] has a property`).to.be.a('string');
        // not connected: nothing renders or fetches, but attributes are already observed
        const element = document.createElement(tag) as HTMLElement & Record<string, unknown>;
        const boolean = type?.text === 'boolean';
        element.setAttribute(name, boolean ? '' : '7');
        expect(boolean ? element[fieldName!] : String(element[fieldName!]), `<${tag}> [${name}] → ${fieldName}`).to.equal(boolean ? true : '7');
      }
    }
  });
});
