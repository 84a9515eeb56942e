import { Component, type ComponentChildren } from 'preact';

/**
 * A render error must never leave the panel silently frozen (Preact keeps a component that threw
 * marked dirty, so it would stop updating): show what broke, and let the user re-mount the panel.
 */
export class ErrorBoundary extends Component<{ children: ComponentChildren }, { error?: string; generation: number }> {
  override state = { error: undefined as string | undefined, generation: 0 };

  override componentDidCatch(error: unknown): void {
    this.setState({ error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
  }

  override render() {
    if (this.state.error) {
      return (
        <div class="empty" role="alert" id="panel-error">
          <h2>The Mesop panel hit an error</h2>
          <pre class="server-error">{this.state.error}</pre>
          <button onClick={() => this.setState({ error: undefined, generation: this.state.generation + 1 })}>
            Restart the panel view
          </button>
        </div>
      );
    }
    return (
      <div key={this.state.generation} class="app-root">
        {this.props.children}
      </div>
    );
  }
}
