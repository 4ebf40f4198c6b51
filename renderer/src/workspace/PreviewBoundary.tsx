// Keeps one broken preview from taking the workspace down: it says so in its
// pane (or, with no message, shows nothing) and tries again when the variant
// changes.
import { Component, type ReactNode } from 'react';

interface Props {
  message: string;
  resetKey: unknown;
  children: ReactNode;
}

export class PreviewBoundary extends Component<Props, { failed: boolean; key: unknown }> {
  override state = { failed: false, key: this.props.resetKey };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  static getDerivedStateFromProps(props: Props, state: { failed: boolean; key: unknown }) {
    return props.resetKey !== state.key ? { failed: false, key: props.resetKey } : null;
  }
  override componentDidCatch(err: unknown) {
    console.error('preview failed', err);
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return this.props.message ? (
      <p className="pv-error" role="alert">
        {this.props.message}
      </p>
    ) : null;
  }
}
