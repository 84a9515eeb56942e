import { Component, h, type ComponentType } from 'preact';

/**
 * Skips a component's render when its props are shallow-equal to the last ones (React's memo).
 * Not preact/compat's: importing compat changes Preact globally (an input's onChange then
 * listens to `input` events), which the panel's forms rely on not happening.
 */
export function memo<P extends object>(Inner: ComponentType<P>): ComponentType<P> {
  return class Memo extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      const a = this.props as Record<string, unknown>;
      const b = next as Record<string, unknown>;
      for (const k in a) if (!(k in b)) return true;
      for (const k in b) if (a[k] !== b[k]) return true;
      return false;
    }
    override render() {
      return h(Inner as ComponentType<object>, this.props);
    }
  };
}
