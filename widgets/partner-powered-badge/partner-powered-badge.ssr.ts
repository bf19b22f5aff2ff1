import { FallbackRenderer } from '@lit-labs/ssr/lib/element-renderer.js';
import type { ThunkedRenderResult } from '@lit-labs/ssr/lib/render-result.js';
import type { Status } from '../internal/api-resource.ts';
import { styles } from './partner-powered-badge.styles.ts';
import { PartnerPoweredBadge } from './partner-powered-badge.ts';
import { toHtml, type View } from './partner-powered-badge.view.ts';

/**
 * Renders `<partner-powered-badge>` inside Lit SSR (`@lit-labs/ssr`). The badge is not a LitElement
 * and builds its markup without lit-html (it keeps the embed small), so Lit's own renderer does not know it: pass this one next to
 * `LitElementRenderer` in `elementRenderers` (widgets/ssr.ts does). It renders data given as the
 * `data` property and never fetches; without data the badge renders idle and fetches once upgraded.
 */
export class PartnerPoweredBadgeRenderer extends FallbackRenderer {
  static override matchesClass(ctor: typeof HTMLElement): boolean {
    return ctor === PartnerPoweredBadge || ctor.prototype instanceof PartnerPoweredBadge;
  }

  private readonly badge: PartnerPoweredBadge;
  private rendered?: { state: Status; content: View };

  constructor(tagName: string) {
    super(tagName);
    const ctor = (customElements.get(tagName) as typeof PartnerPoweredBadge | undefined) ?? PartnerPoweredBadge;
    this.badge = new ctor();
  }

  override setProperty(name: string, value: unknown): void {
    (this.badge as unknown as Record<string, unknown>)[name] = value;
  }

  override setAttribute(name: string, value: string): void {
    super.setAttribute(name, value);
    const attribute = name.toLowerCase();
    if (PartnerPoweredBadge.observedAttributes.includes(attribute)) this.badge.attributeChangedCallback(attribute, null, value);
  }

  override connectedCallback(): void {
    this.rendered = this.badge.renderForServer();
  }

  override renderAttributes(): ThunkedRenderResult {
    return [...super.renderAttributes(), ` state="${this.rendered?.state ?? 'idle'}"`];
  }

  override renderShadow(): ThunkedRenderResult {
    const { content } = this.rendered ?? this.badge.renderForServer();
    return ['<style>', styles, '</style>', toHtml([content])];
  }
}
