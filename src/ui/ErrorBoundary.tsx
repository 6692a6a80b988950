import { Component, type ReactNode } from 'react';
import { clearStoredData } from '../app/clear-data';

interface State {
  error: Error | null;
}

/** Catches render errors anywhere below so the page never goes blank; offers recovery. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  private clearAndReload = async () => {
    const sure = window.confirm('Delete all data this app stored in this browser (your ' +
      'samples and personal models)? This cannot be undone.');
    if (!sure) return;
    await clearStoredData();
    window.location.reload();
  };

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <main className="crash" role="alert">
        <h1>Something went wrong</h1>
        <p>The app hit an unexpected error: <code>{this.state.error.message}</code></p>
        <p>Reloading usually fixes it. If it keeps happening, clearing this app's stored data
          resets it.</p>
        <button type="button" onClick={() => window.location.reload()}>Reload</button>
        <button type="button" className="danger" onClick={this.clearAndReload}>
          Clear stored data…
        </button>
      </main>
    );
  }
}
